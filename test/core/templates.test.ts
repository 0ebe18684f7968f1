import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sharedBuiltins } from '../helpers/coreHarness';
import { CatalogSet } from '../../server/src/core/catalog/catalog';
import { loadTemplates } from '../../server/src/core/templates/loadTemplates';
import { statementParts, statementText, templateWordCount, TemplateSet, type PolicyTemplate } from '../../server/src/core/templates/templates';
import { COMMON_EVIDENCE_KINDS } from '../../server/src/core/evidence/obligations';
import { InMemoryWorkspace } from '../../server/src/core/workspace';

const REPO = path.resolve(__dirname, '..', '..');
const TEMPLATE_DIR = path.join(REPO, 'controls-catalog', 'templates');
const FILES = readdirSync(TEMPLATE_DIR).filter((f) => f.endsWith('.yaml')).sort();

/** Words an auditor cannot test (the vague-commitment list of issue 8, plus near relatives). */
const VAGUE = /\b(periodically|regularly|as needed|as required|as appropriate|appropriate(ly)?|timely|in a timely manner|where possible|if possible|reasonabl[ey]|should|etc|promptly|as soon as possible|when necessary|adequate(ly)?|sufficient(ly)?)\b/i;

/** Every piece of template prose a generated document carries, with where it came from. */
function prose(t: PolicyTemplate): [string, string][] {
  return [
    [`${t.id} title`, t.title],
    [`${t.id} summary`, t.summary],
    ...t.sections.flatMap((s) => [
      [`${t.id} / ${s.heading} guidance`, s.guidance],
      [`${t.id} / ${s.heading} auditorLooksFor`, s.auditorLooksFor ?? ''],
      ...s.statements.map((st, i): [string, string] => [`${t.id} / ${s.heading} statement ${i + 1}`, statementText(st)]),
      ...s.evidence.map((e, i): [string, string] => [`${t.id} / ${s.heading} evidence ${i + 1}`, e]),
    ] as [string, string][]),
    // Checklists go into the body of evidence records.
    ...t.obligations.flatMap((o) => o.checklist.map((item, i): [string, string] => [`${t.id} / obligation ${o.id} checklist ${i + 1}`, item])),
  ];
}

describe('templates', () => {
  let templates: PolicyTemplate[];
  before(async () => {
    templates = (await sharedBuiltins()).templates.templates;
  });

  it('all validate against the schema and load (no catalog-invalid findings)', async () => {
    const ws = new InMemoryWorkspace(Object.fromEntries(FILES.map((f) => [`/t/${f}`, readFileSync(path.join(TEMPLATE_DIR, f), 'utf8')])));
    const { templates: loaded, findings } = await loadTemplates(FILES.map((f) => `/t/${f}`), (p) => ws.readFile(p));
    assert.deepEqual(findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.message}`), []);
    assert.equal(loaded.length, FILES.length);
    assert.deepEqual(loaded.map((t) => `${t.id}.yaml`), FILES, 'the id is the file name');
    assert.equal(templates.length, FILES.length, 'the built-ins load every template');
  });

  it('each carries 600 to 1,500 words of guidance, auditor notes, statements and evidence', () => {
    const counts = templates.map((t) => [t.id, templateWordCount(t)] as const);
    const outside = counts.filter(([, n]) => n < 600 || n > 1500);
    assert.deepEqual(outside, [], 'word counts outside 600-1,500');
  });

  it('gives every section what an auditor looks for, 2 to 5 example statements and the evidence they produce', () => {
    for (const t of templates) {
      for (const s of t.sections) {
        const where = `${t.id} / ${s.heading}`;
        assert.ok(s.auditorLooksFor && s.auditorLooksFor.split(/\s+/).length >= 5, `${where}: auditorLooksFor`);
        assert.ok(s.statements.length >= 2 && s.statements.length <= 5, `${where}: ${s.statements.length} statements`);
        assert.ok(s.evidence.length >= 1, `${where}: evidence`);
      }
      // Adjustable defaults are what make a statement a starting point rather than boilerplate.
      const adjustable = t.sections.filter((s) => s.statements.some((st) => Object.keys(st.defaults).length)).length;
      assert.ok(adjustable >= t.sections.length / 2, `${t.id}: only ${adjustable} of ${t.sections.length} sections have an adjustable default`);
    }
  });

  it('marks adjustable parts as {name} with a default each, and fills them in', () => {
    const access = templates.find((t) => t.id === 'access-control')!;
    const reviews = access.sections.find((s) => s.heading === 'Access Reviews')!;
    const first = reviews.statements[0];
    assert.match(first.text, /\{privileged_review\}/);
    assert.match(statementText(first), /reviewed at least quarterly; access to other/);
    assert.deepEqual(statementParts({ text: 'Reviewed {when} by {who}.', defaults: { when: 'every quarter', who: 'the owner' } }),
      [{ text: 'Reviewed ' }, { text: 'every quarter', name: 'when' }, { text: ' by ' }, { text: 'the owner', name: 'who' }, { text: '.' }]);
    for (const t of templates) for (const s of t.sections) for (const st of s.statements) {
      assert.doesNotMatch(statementText(st), /[{}]/, `${t.id} / ${s.heading}: ${st.text}`);
      for (const value of Object.values(st.defaults)) assert.equal(typeof value, 'string', `${t.id} / ${s.heading}: ${value}`);
    }
  });

  it('writes statements an auditor can test: no vague commitments', () => {
    const vague = templates.flatMap((t) => t.sections.flatMap((s) => s.statements.map(statementText)
      .filter((text) => VAGUE.test(text)).map((text) => `${t.id} / ${s.heading}: "${VAGUE.exec(text)?.[0]}" in ${text}`)));
    assert.deepEqual(vague, []);
  });

  it('keeps prose free of criterion ids, TODO placeholders and comment terminators', () => {
    // Generated documents carry this text in their body: an id would be a mention, "-->" would end the guidance comment.
    for (const t of templates) {
      for (const [where, text] of prose(t)) {
        assert.doesNotMatch(text, /\b(CC[1-9]|A1|C1|PI1|P[1-8])\.\d/, where);
        assert.doesNotMatch(text, /--|TODO/, where);
      }
    }
  });

  it('suggests every criterion that can be in scope (all 61), and tags each suggested criterion in a section', async () => {
    const tsc = new CatalogSet((await sharedBuiltins()).catalogs).tsc;
    assert.equal(tsc.controls.length, 61);
    const suggested = new Set(templates.flatMap((t) => t.suggestedCriteria));
    assert.deepEqual(tsc.controls.map((c) => c.id).filter((id) => !suggested.has(id)), [], 'criteria no template suggests');
    for (const t of templates) {
      const tagged = new Set(t.sections.flatMap((s) => s.controls ?? []));
      assert.deepEqual(t.suggestedCriteria.filter((id) => !tagged.has(id)), [], `${t.id}: suggested but tagged in no section`);
      assert.deepEqual([...tagged].filter((id) => !t.suggestedCriteria.includes(id)), [], `${t.id}: tagged but not suggested`);
    }
  });

  it('has the templates a practitioner expects for governance, monitoring, processing integrity, training, privacy requests, breaches and mobile devices', () => {
    const expect: Record<string, string[]> = {
      'governance-oversight': ['CC1.2', 'CC1.3', 'CC2.2'],
      'control-monitoring': ['CC4.1', 'CC4.2'],
      'processing-integrity': ['PI1.1', 'PI1.2', 'PI1.3', 'PI1.4', 'PI1.5'],
      'security-awareness': ['CC1.4', 'CC2.2'],
      'data-subject-requests': ['P5.1', 'P5.2'],
      'breach-notification': ['P6.6'],
      'mobile-devices': ['CC6.7', 'CC6.8'],
      'asset-management': ['CC2.1'],
      'data-classification': ['CC2.1'],
    };
    for (const [id, criteria] of Object.entries(expect)) {
      const t = templates.find((x) => x.id === id);
      assert.ok(t, id);
      for (const c of criteria) assert.ok(t.suggestedCriteria.includes(c), `${id} suggests ${c}`);
    }
  });

  it('shares no run of 8 words with the AICPA text of the reviewed points of focus (hashed fixture)', function () {
    const file = path.join(REPO, 'test', 'fixtures', 'reference', 'aicpa-2022-shingles.json');
    if (!existsSync(file)) this.skip();
    const fixture = JSON.parse(readFileSync(file, 'utf8')) as { words: number; hashes: string[] };
    const hash = (words: string[]) => createHash('sha256').update(words.join(' ')).digest('hex').slice(0, 16);
    assert.equal(hash('the quick brown fox jumps over the lazy'.split(' ')), '847327c8de7a531a', 'hashed as the fixture was');
    const source = new Set(fixture.hashes);
    for (const t of templates) {
      for (const [where, text] of prose(t)) {
        const words = text.toLowerCase().replace(/\u2019/g, "'").match(/[a-z0-9]+/g) ?? [];
        for (let i = 0; i + fixture.words <= words.length; i++) {
          assert.ok(!source.has(hash(words.slice(i, i + fixture.words))), `${where} repeats "${words.slice(i, i + fixture.words).join(' ')}"`);
        }
      }
    }
  });

  it('has an evidence template with an obligation and a checklist for each common evidence kind', () => {
    const kinds = ['access review', 'restore test', 'vulnerability scan review', 'incident tabletop', 'onboarding checklist',
      'offboarding checklist', 'security training', 'vendor review', 'risk assessment'];
    const set = new TemplateSet(templates);
    for (const kind of kinds) {
      const match = set.obligationOfKind(kind);
      assert.ok(match, `no template declares an obligation of kind "${kind}"`);
      assert.ok(COMMON_EVIDENCE_KINDS.includes(match.obligation.kind as (typeof COMMON_EVIDENCE_KINDS)[number]), `${kind}: completion offers it`);
    }
    assert.equal(set.obligationOfKind('ACCESS  Review')?.template.id, 'access-review', 'case and spacing do not matter');
    assert.equal(set.obligationOfKind('penetration test'), undefined);
    assert.equal(set.obligationOfKind(undefined), undefined);
    assert.equal(set.obligationOfKind('  '), undefined);
  });

  it('gives each obligation checklist steps without vague words, and criteria the template suggests', () => {
    for (const t of templates) {
      for (const o of t.obligations) {
        assert.deepEqual((o.criteria ?? []).filter((id) => !t.suggestedCriteria.includes(id)), [], `${t.id} / ${o.id}: criteria not suggested`);
        for (const item of o.checklist) assert.doesNotMatch(item, VAGUE, `${t.id} / ${o.id}: ${item}`);
        assert.ok(o.checklist.some((item) => /sign off|sign-off/i.test(item)), `${t.id} / ${o.id}: the checklist ends in a sign-off`);
      }
    }
  });

  it('rejects an obligation kind that another template already declares, and an obligation without a schedule', async () => {
    const base = ['title: T', 'type: procedure', 'summary: S.', 'suggestedCriteria: [CC6.1]', 'sections:', '  - heading: Policy', '    guidance: G.', 'obligations:'];
    const obligation = (id: string, kind: string, schedule: string[]) => [`  - id: ${id}`, `    kind: ${kind}`, ...schedule.map((l) => `    ${l}`), '    checklist: [One., Two., Three.]'];
    const ws = new InMemoryWorkspace({
      '/t/a.yaml': ['id: a', ...base, ...obligation('x', 'access review', ['every: quarter'])].join('\n'),
      '/t/b.yaml': ['id: b', ...base, ...obligation('y', 'Access  Review', ['on: event'])].join('\n'),
      '/t/c.yaml': ['id: c', ...base, ...obligation('z', 'restore test', [])].join('\n'),
      '/t/d.yaml': ['id: d', ...base, ...obligation('w', 'vendor review', ['every: year']), ...obligation('v', 'vendor review', ['every: year'])].join('\n'),
    });
    const files = ['/t/a.yaml', '/t/b.yaml', '/t/c.yaml', '/t/d.yaml'];
    const { templates: loaded, findings } = await loadTemplates(files, (p) => ws.readFile(p));
    assert.deepEqual(loaded.map((t) => t.id), ['a']);
    assert.deepEqual(loaded[0].obligations.map((o) => [o.id, o.every]), [['x', 'quarter']]);
    const messages = findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.message}`).join('\n');
    assert.match(messages, /\/t\/b\.yaml:11 Template obligation kind is already declared by \/t\/a\.yaml/);
    assert.match(messages, /\/t\/c\.yaml:\d+ .*(every|on)/);
    assert.match(messages, /\/t\/d\.yaml:\d+ Template obligation kind is already declared by this template/);
  });

  it('ranks narratives after documents that set controls when suggesting templates for a criterion', () => {
    const set = new TemplateSet(templates);
    const forCustomers = set.suggestFor('CC2.3').map((t) => t.type);
    assert.ok(forCustomers.includes('narrative'), 'the system description and customer documents suggest it');
    assert.deepEqual(forCustomers, [...forCustomers].sort((a, b) => Number(a === 'narrative') - Number(b === 'narrative')));
    assert.notEqual(forCustomers[0], 'narrative');
  });

  it('reports a statement marker without a default, and an unused default, at the statement', async () => {
    const text = [
      'id: t', 'title: T', 'type: policy', 'summary: S.', 'suggestedCriteria: [CC6.1]', 'sections:',
      '  - heading: Policy', '    guidance: G.', '    statements:',
      '      - text: Access is reviewed {frequency}.',
      '      - text: Access is removed within {deadline}.',
      '        defaults: {deadline: one day, spare: x}',
    ].join('\n');
    const ws = new InMemoryWorkspace({ '/t/t.yaml': text });
    const { templates: loaded, findings } = await loadTemplates(['/t/t.yaml'], (p) => ws.readFile(p));
    assert.equal(loaded.length, 0);
    assert.deepEqual(findings.map((f) => `${f.range.start.line + 1}: ${f.message}`), [
      '10: Template statement: {frequency} has no default.',
      '11: Template statement: default "spare" is not used in the text.',
    ]);
  });

  it('rejects braces that are not markers, and fewer than two statements', async () => {
    const base = ['id: t', 'title: T', 'type: policy', 'summary: S.', 'suggestedCriteria: [CC6.1]', 'sections:', '  - heading: Policy', '    guidance: G.', '    statements:'];
    const ws = new InMemoryWorkspace({
      '/t/a.yaml': [...base, '      - text: "Reviewed {Every Quarter}."', '      - text: Fine.'].join('\n'),
      '/t/b.yaml': [...base, '      - text: Only one.'].join('\n'),
    });
    const { templates: loaded, findings } = await loadTemplates(['/t/a.yaml', '/t/b.yaml'], (p) => ws.readFile(p));
    assert.equal(loaded.length, 0);
    assert.ok(findings.some((f) => f.file === '/t/a.yaml' && /pattern/.test(f.message)), findings.map((f) => f.message).join('\n'));
    assert.ok(findings.some((f) => f.file === '/t/b.yaml' && /fewer than 2/.test(f.message)), findings.map((f) => f.message).join('\n'));
  });
});
