import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sharedBuiltins } from '../helpers/coreHarness';
import { CatalogSet, pointOfFocusApplies, type CatalogControl } from '../../server/src/core/catalog/catalog';
import { loadCatalog } from '../../server/src/core/catalog/loadCatalog';
import { InMemoryWorkspace } from '../../server/src/core/workspace';

const REPO = path.resolve(__dirname, '..', '..');
const tsv = (name: string) =>
  readFileSync(path.join(REPO, 'test', 'fixtures', 'reference', name), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));

describe('catalog', () => {
  it('holds the 61 TSC criteria with the facts of the reference table', async () => {
    const tsc = new CatalogSet((await sharedBuiltins()).catalogs).tsc;
    const rows = tsv('tsc-2017-criteria.tsv');
    assert.equal(tsc.controls.length, 61);
    assert.equal(new Set(tsc.controls.map((c) => c.series)).size, 20);
    assert.equal(new Set(tsc.controls.map((c) => c.category)).size, 5);
    for (const [id, , series, , points, coso] of rows) {
      const control = tsc.controls.find((c) => c.id === id);
      assert.ok(control, id);
      assert.equal(control.series, series.split(' ')[0], id);
      assert.equal(control.coso, coso ? Number(coso) : undefined, id);
      assert.equal(control.pointsOfFocus.length, Number(points), `${id} points of focus`);
      assert.equal(control.pointsOfFocusCount, Number(points));
    }
    assert.equal(tsc.controls.reduce((n, c) => n + c.pointsOfFocus.length, 0), 330);
  });

  it('describes every criterion and point of focus in its own, distinct words', async () => {
    const tsc = new CatalogSet((await sharedBuiltins()).catalogs).tsc;
    const descriptions = tsc.controls.map((c) => c.description.trim());
    assert.ok(descriptions.every((d) => d.length > 80));
    assert.equal(new Set(descriptions).size, 61);
    const summaries = tsc.controls.flatMap((c) => c.pointsOfFocus.map((p) => p.summary.trim()));
    assert.equal(new Set(summaries).size, 330);
  });

  it('shares no run of 8 words with the AICPA text of the reviewed points of focus (hashed fixture)', async () => {
    const set = new CatalogSet((await sharedBuiltins()).catalogs);
    const fixture = JSON.parse(readFileSync(path.join(REPO, 'test', 'fixtures', 'reference', 'aicpa-2022-shingles.json'), 'utf8')) as { words: number; hashes: string[] };
    const hash = (words: string[]) => createHash('sha256').update(words.join(' ')).digest('hex').slice(0, 16);
    assert.equal(hash('the quick brown fox jumps over the lazy'.split(' ')), '847327c8de7a531a', 'hashed as the fixture was');
    assert.ok(fixture.hashes.length > 500);
    const source = new Set(fixture.hashes);
    const texts = ['tsc', 'iso27001'].flatMap((id) =>
      set.get(id)!.controls.flatMap((c) => [
        [c.id, `${c.title}. ${c.description}`],
        ...c.pointsOfFocus.map((p) => [p.id, `${p.title}. ${p.summary}`]),
        ...Object.values(c.mappingNotes ?? {}).flatMap((notes) => Object.values(notes).map((n) => [c.id, n.reason ?? ''])),
      ]),
    );
    for (const [id, text] of texts) {
      const words = text.toLowerCase().replace(/\u2019/g, "'").match(/[a-z0-9]+/g) ?? [];
      for (let i = 0; i + fixture.words <= words.length; i++) {
        assert.ok(!source.has(hash(words.slice(i, i + fixture.words))), `${id} repeats "${words.slice(i, i + fixture.words).join(' ')}"`);
      }
    }
  });

  it('holds each criterion\'s point-of-focus titles, in order, to the reviewed fixture', async () => {
    // Reviewed against ../shared/reference/catalog-review.md (sections 2a-2d). A change here must be a
    // deliberate, reviewed edit of the fixture: a shifted entry changes what CC6.1.9 or P5.2.2 means.
    const tsc = new CatalogSet((await sharedBuiltins()).catalogs).tsc;
    const fixture = JSON.parse(readFileSync(path.join(REPO, 'test', 'fixtures', 'reference', 'points-of-focus-titles.json'), 'utf8')) as Record<string, string[]>;
    assert.deepEqual(Object.keys(fixture), tsc.controls.map((c) => c.id));
    for (const control of tsc.controls) {
      assert.deepEqual(control.pointsOfFocus.map((p) => p.title), fixture[control.id], control.id);
      assert.deepEqual(control.pointsOfFocus.map((p) => p.id), fixture[control.id].map((_, i) => `${control.id}.${i + 1}`), `${control.id} ids in sequence`);
    }
  });

  it('marks which points of focus apply only to some engagements, and the privacy roles', async () => {
    const tsc = new CatalogSet((await sharedBuiltins()).catalogs).tsc;
    const points = tsc.controls.flatMap((c) => c.pointsOfFocus);
    const limitedTo = (scope: string) => points.filter((p) => p.appliesTo?.includes(scope as never)).map((p) => p.id);
    assert.deepEqual(limitedTo('privacy'), [
      'CC1.3.6', 'CC1.5.6', 'CC2.2.9', 'CC2.2.10', 'CC2.3.7', 'CC2.3.8', 'CC6.1.13', 'CC7.3.6', 'CC7.3.7',
      'CC7.4.12', 'CC7.4.13', 'CC7.4.14', 'CC8.1.17', 'CC8.1.18', 'CC9.2.12', 'CC9.2.13',
    ]);
    assert.deepEqual(limitedTo('confidentiality'), ['CC2.3.6', 'CC6.1.12', 'CC7.3.4', 'CC7.3.5', 'CC8.1.16', 'CC9.2.10', 'CC9.2.11']);
    assert.deepEqual(limitedTo('availability'), ['CC8.1.15']);
    assert.deepEqual(limitedTo('system-level'), ['CC2.2.11', 'CC2.2.12', 'CC2.2.13', 'CC2.3.9', 'CC2.3.10', 'CC2.3.11', 'CC2.3.12']);
    // Only common criteria are limited: the category criteria are scoped as a whole.
    assert.ok(points.filter((p) => p.appliesTo).every((p) => p.id.startsWith('CC')));
    // Every privacy point of focus names its role(s); three are the processor's alone, P1-P3.2 the controller's.
    const privacy = points.filter((p) => tsc.controls.find((c) => c.id === p.parent)?.category === 'privacy');
    assert.equal(privacy.length, 58);
    assert.ok(privacy.every((p) => p.roles?.length), 'roles on every privacy point of focus');
    assert.ok(points.filter((p) => p.roles).every((p) => privacy.includes(p)), 'roles only on privacy points of focus');
    assert.deepEqual(privacy.filter((p) => p.roles!.join() === 'processor').map((p) => p.id), ['P5.1.1', 'P5.2.1', 'P6.7.1']);
    assert.ok(privacy.filter((p) => /^P(1\.1|2\.1|3\.2)\./.test(p.id)).every((p) => p.roles!.join() === 'controller'));
    // Applicability follows the scope; system-level holds for every SOC 2 examination.
    const byId = (id: string) => points.find((p) => p.id === id)!;
    assert.equal(pointOfFocusApplies(byId('CC2.2.9'), new Set(['security'])), false);
    assert.equal(pointOfFocusApplies(byId('CC2.2.9'), new Set(['security', 'privacy'])), true);
    assert.equal(pointOfFocusApplies(byId('CC2.2.11'), new Set(['security'])), true);
    assert.equal(pointOfFocusApplies(byId('CC6.1.3'), new Set(['security'])), true);
  });

  it('bases the ISO 27001:2022 lens on the consensus column, with a labelled curated override list', async () => {
    const set = new CatalogSet((await sharedBuiltins()).catalogs);
    const iso = set.get('iso27001')!;
    assert.equal(iso.controls.length, 93);
    assert.equal(iso.indicative, true);
    assert.match(iso.overridesLabel ?? '', /curated/i);
    const notes = (control: CatalogControl) => Object.entries(control.mappingNotes?.tsc ?? {});
    for (const [id, , consensus] of tsv('iso27001-2022-to-tsc.tsv')) {
      const control = set.control(id, 'iso27001')!;
      const added = notes(control).filter(([, n]) => n.origin === 'added').map(([t]) => t);
      const removed = notes(control).filter(([, n]) => n.origin === 'removed').map(([t]) => t);
      const base = [...control.mappings.tsc.filter((t) => !added.includes(t)), ...removed];
      assert.deepEqual(base.sort(), (consensus ? consensus.split(',') : []).sort(), `${id}: base = consensus`);
      for (const t of control.mappings.tsc) assert.ok(control.mappingNotes?.tsc?.[t]?.reason, `${id} -> ${t} carries a reason`);
      for (const t of removed) assert.ok(control.mappingNotes!.tsc[t].reason, `${id}: removing ${t} carries a reason`);
      assert.ok(control.mappings.tsc.every((t) => set.control(t)), `${id} maps only known criteria`);
    }
    assert.ok(set.mappedFrom('CC6.1').some((m) => m.catalogId === 'iso27001'), 'reverse lookup for hover');
  });

  it('maps every ISO control, reaches every TSC category, and keeps each criterion\'s reach bounded', async () => {
    const set = new CatalogSet((await sharedBuiltins()).catalogs);
    const iso = set.get('iso27001')!;
    assert.ok(iso.controls.every((c) => c.mappings.tsc.length > 0), `unmapped: ${iso.controls.filter((c) => !c.mappings.tsc.length).map((c) => c.id)}`);
    const reached = new Set(iso.controls.flatMap((c) => c.mappings.tsc.map((id) => set.control(id)!.category)));
    assert.deepEqual([...reached].sort(), ['availability', 'confidentiality', 'privacy', 'processing-integrity', 'security']);
    // 12: about one Annex A control per point of focus of the broadest access criterion (CC6.1 has 13).
    // The consensus base reached CC6.1 from 30 controls, which made "touched through TSC" meaningless.
    const MAX_CONTROLS_PER_CRITERION = 12;
    for (const criterion of set.tsc.controls) {
      const from = set.mappedFrom(criterion.id).filter((m) => m.catalogId === 'iso27001');
      assert.ok(from.length <= MAX_CONTROLS_PER_CRITERION, `${criterion.id} is touched by ${from.length} ISO controls`);
    }
    const tsc = (id: string) => set.control(id, 'iso27001')!.mappings.tsc;
    assert.deepEqual(tsc('A.8.34'), ['CC4.1'], 'audit testing touches at most CC4.1');
    assert.ok(tsc('A.5.34').filter((id) => id.startsWith('P')).length >= 10, 'privacy control maps to the privacy series');
    assert.ok(tsc('A.5.33').includes('P4.2') && tsc('A.5.33').includes('PI1.5'), 'records and archives');
    assert.ok(tsc('A.8.29').includes('CC8.1'), 'security testing is tested change');
    for (const id of ['A.5.3', 'A.5.32', 'A.7.7', 'A.8.4', 'A.8.11', 'A.8.17', 'A.8.23', 'A.8.33']) assert.ok(tsc(id).length, `${id} has a home`);
  });

  it('reports mapping overrides that do not fit the base list', async () => {
    const text = [
      'id: custom', 'title: Custom', 'controls:',
      '  - { id: X.1, title: One, description: First., mappings: { tsc: [CC6.1, { id: CC6.2, reason: Both about access. }] } }',
      'mappingOverrides:', '  label: Ours', '  changes:', '    tsc:',
      '      X.1: { add: { CC6.1: Already there. }, remove: { CC7.1: Never there. } }',
      '      X.9: { add: { CC6.3: No such control. } }', '',
    ].join('\n');
    const ws = new InMemoryWorkspace({ '/ws/custom.yaml': text });
    const result = await loadCatalog('/ws/custom.yaml', (p) => ws.readFile(p));
    const messages = result.findings.map((f) => `${f.range.start.line + 1}: ${f.message}`);
    assert.equal(messages.length, 3, messages.join('\n'));
    assert.ok(messages.some((m) => /^9: "CC6\.1" is already in the mapping of X\.1/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^9: "CC7\.1" is not in the mapping of X\.1/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^10: Mapping override for "X\.9"/.test(m)), messages.join('\n'));
    const control = result.catalog!.controls[0];
    assert.deepEqual(control.mappings.tsc, ['CC6.1', 'CC6.2']);
    assert.equal(control.mappingNotes?.tsc['CC6.2']?.reason, 'Both about access.');
    const bad = await loadCatalog('/ws/bad.yaml', async () => new TextEncoder().encode('id: b\ntitle: B\ncontrols:\n  - { id: B.1, title: B, description: B., pointsOfFocus: [{ id: B.1.1, title: T, summary: S, appliesTo: [finance] }] }\n'));
    assert.equal(bad.catalog, undefined);
    assert.match(bad.findings[0].message, /appliesTo/);
  });

  it('suggests ids for typos and case', async () => {
    const set = new CatalogSet((await sharedBuiltins()).catalogs);
    assert.deepEqual(set.suggestions('cc6.1'), ['CC6.1']);
    assert.deepEqual(set.suggestions('CC6.10'), ['CC6.1']);
    assert.deepEqual(set.suggestions('XYZ'), []);
    assert.equal(set.criterionOf('CC6.1.3')?.id, 'CC6.1');
  });

  it('reports schema errors in a catalog file with their position', async () => {
    const text = 'id: custom\ntitle: Custom\ncontrols:\n  - id: X.1\n    title: One\n  - id: X.2\n    title: Two\n    description: ok\n    colour: red\n';
    const ws = new InMemoryWorkspace({ '/ws/custom.yaml': text });
    const result = await loadCatalog('/ws/custom.yaml', (p) => ws.readFile(p));
    assert.equal(result.catalog, undefined);
    const lines = result.findings.map((f) => `${f.range.start.line + 1}: ${f.message}`);
    assert.ok(lines.some((l) => l.startsWith('4:') && /description/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('9:') && /colour/.test(l)), lines.join('\n'));
  });

  it('reports YAML errors in a catalog file, and a missing part, without throwing', async () => {
    const ws = new InMemoryWorkspace({ '/ws/bad.yaml': 'id: x\ncontrols: [\n', '/ws/parts.yaml': 'id: p\ntitle: P\ncontrols:\n  - { id: P.1, title: One, description: The only control. }\nparts: [missing.yaml]\n' });
    const bad = await loadCatalog('/ws/bad.yaml', (p) => ws.readFile(p));
    assert.equal(bad.findings[0].code, 'catalog-invalid');
    const parts = await loadCatalog('/ws/parts.yaml', (p) => ws.readFile(p));
    assert.ok(parts.catalog);
    assert.match(parts.findings[0].message, /missing\.yaml.*not found/);
    assert.equal(parts.findings[0].range.start.line, 4);
  });
});
