import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { customize, parseSkeletons, snippetToText } from '../../client/src/templates/skeletons';
import { openWorkspace, ROOT, sharedBuiltins } from '../helpers/coreHarness';
import { isGuidanceComment, statementText, type PolicyTemplate } from '../../server/src/core/templates/templates';
import { obligationIndex } from '../../server/src/core/evidence/obligations';

const REPO = path.resolve(__dirname, '..', '..');
const skeletons = parseSkeletons(readFileSync(path.join(REPO, 'snippets/soc2-policy.code-snippets'), 'utf8'));

/** The lines of one section of a rendered document, heading excluded. */
function sectionLines(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`## ${heading}`);
  assert.ok(start >= 0, heading);
  const end = lines.findIndex((l, i) => i > start && /^#{1,2} /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe('documents generated from templates (new policy, initialize workspace, snippets)', () => {
  let templates: PolicyTemplate[];
  before(async () => {
    templates = (await sharedBuiltins()).templates.templates;
  });

  it('start substantive: each section holds its example statements as list items under a guidance comment', () => {
    for (const t of templates) {
      const text = snippetToText(skeletons.find((s) => s.templateId === t.id)!.body);
      for (const s of t.sections) {
        const lines = sectionLines(text, s.heading);
        const body = lines.join('\n');
        const comment = /<!--\s*guidance:[\s\S]*?-->/.exec(body)?.[0];
        assert.ok(comment && isGuidanceComment(comment), `${t.id} / ${s.heading}: guidance comment`);
        assert.ok(comment.includes(s.guidance.trim()), `${t.id} / ${s.heading}: guidance`);
        assert.ok(comment.includes(`Auditors look for: ${s.auditorLooksFor}`), `${t.id} / ${s.heading}: auditor`);
        for (const e of s.evidence) assert.ok(comment.toLowerCase().includes(e.replace(/\.$/, '').toLowerCase()), `${t.id} / ${s.heading}: evidence ${e}`);
        assert.equal(comment.indexOf('-->'), comment.length - 3, 'one comment, closed once');
        const items = lines.filter((l) => l.startsWith('- '));
        assert.deepEqual(items, s.statements.map((st) => `- ${statementText(st)}`), `${t.id} / ${s.heading}: statements`);
      }
    }
  });

  it('make every adjustable default a tab stop of its own in the snippet', () => {
    for (const t of templates) {
      const body = skeletons.find((s) => s.templateId === t.id)!.body.join('\n');
      const stops = [...body.matchAll(/\$\{(\d+):/g)].map((m) => Number(m[1]));
      const markers = t.sections.reduce((n, s) => n + s.statements.reduce((m, st) => m + (st.text.match(/\{[a-z][a-z0-9_]*\}/g)?.length ?? 0), 0), 0);
      // title, id, owner, approver and controls come first.
      assert.equal(stops.length, 5 + markers, t.id);
      assert.deepEqual(stops, stops.map((_, i) => i + 1), `${t.id}: tab stops in order`);
    }
    const capacity = skeletons.find((s) => s.templateId === 'capacity-availability')!;
    assert.ok(capacity.body.some((l) => l.includes(':\\$5,000}')), 'a dollar sign in a default is escaped');
    assert.match(snippetToText(capacity.body), /spending above \$5,000 a month/);
  });

  it('declare the template\'s evidence obligations in front matter, read as the workspace\'s obligations once approved', async () => {
    const withObligations = templates.filter((t) => t.obligations.length);
    assert.ok(withObligations.length >= 8, `${withObligations.length} templates declare obligations`);
    const files: Record<string, string> = { 'soc2-policy.yaml': 'scope:\n  categories: [security, availability]\naudit:\n  type: II\n  period: {start: 2026-01-01, end: 2026-12-31}\n' };
    for (const t of withObligations) {
      const text = snippetToText(customize(skeletons.find((s) => s.templateId === t.id)!, { id: t.id }));
      files[`procedures/${t.id}.md`] = text.replace(/^status: draft$/m, 'status: approved');
    }
    const { analyzer } = await openWorkspace(files);
    const index = obligationIndex(analyzer.documents());
    for (const t of withObligations) {
      const invalid = analyzer.findings(`${ROOT}/procedures/${t.id}.md`).filter((f) => f.code === 'evidence-obligation-invalid');
      assert.deepEqual(invalid.map((f) => f.message), [], t.id);
      for (const o of t.obligations) {
        const read = index.get(o.id);
        assert.ok(read, `${t.id}: ${o.id}`);
        assert.equal(read.document, `${ROOT}/procedures/${t.id}.md`);
        assert.equal(read.kind, o.kind);
        assert.deepEqual(read.schedule, o.every ? { every: o.every } : { on: 'event' });
        assert.deepEqual(read.criteria, o.criteria);
        assert.equal(read.owner, o.owner);
        assert.equal(read.inactive, false);
      }
    }
  });

  it('give the system description\'s customer responsibilities to the customer document word for word, which customers are marked to read', async () => {
    const text = (id: string, as = id) => snippetToText(customize(skeletons.find((s) => s.templateId === id)!, { id: as }));
    const cuecs = (id: string, heading: string) => sectionLines(text(id), heading).filter((l) => l.startsWith('- '));
    assert.equal(cuecs('system-description', 'Complementary User Entity Controls').length, 5);
    assert.deepEqual(cuecs('customer-responsibilities', 'Customer Responsibilities'), cuecs('system-description', 'Complementary User Entity Controls'));
    const unstated = async (files: Record<string, string>) => {
      const { analyzer } = await openWorkspace({ 'soc2-policy.yaml': 'scope:\n  categories: [security]\n', ...files });
      return analyzer.allFindings().filter((f) => f.code === 'customer-responsibility-unstated');
    };
    // Renamed, the customer document is still customer-facing through its audience.
    assert.match(text('customer-responsibilities'), /^audience: customer$/m);
    assert.deepEqual(await unstated({ 'policies/system-description.md': text('system-description'), 'policies/what-customers-do.md': text('customer-responsibilities', 'what-customers-do') }), []);
    assert.equal((await unstated({ 'policies/system-description.md': text('system-description') })).length, 1, 'without the customer document the rule asks for one');
  });

  it('check clean against the core rules with every category in scope (apart from the placeholders template-leftover reports)', async () => {
    const files: Record<string, string> = { 'soc2-policy.yaml': 'scope:\n  categories: [security, availability, confidentiality, processing-integrity, privacy]\n' };
    for (const s of skeletons) files[`policies/${s.templateId}.md`] = snippetToText(customize(s, { id: s.templateId }));
    const { analyzer } = await openWorkspace(files);
    const findings = skeletons.flatMap((s) => analyzer.findings(`${ROOT}/policies/${s.templateId}.md`)
      .filter((f) => f.code !== 'template-leftover')
      .map((f) => `${s.templateId}:${f.range.start.line + 1} ${f.code} ${f.message}`));
    assert.deepEqual(findings, []);
  });
});
