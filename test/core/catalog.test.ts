import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sharedBuiltins } from '../helpers/coreHarness';
import { CatalogSet } from '../../server/src/core/catalog/catalog';
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

  it('maps all 93 ISO 27001:2022 Annex A controls, marked indicative, from the consensus column', async () => {
    const set = new CatalogSet((await sharedBuiltins()).catalogs);
    const iso = set.get('iso27001')!;
    assert.equal(iso.controls.length, 93);
    assert.equal(iso.indicative, true);
    for (const [id, , consensus] of tsv('iso27001-2022-to-tsc.tsv')) {
      assert.deepEqual(set.control(id, 'iso27001')?.mappings.tsc ?? [], consensus ? consensus.split(',') : [], id);
    }
    assert.ok(set.mappedFrom('CC6.1').some((m) => m.catalogId === 'iso27001'), 'reverse lookup for hover');
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
