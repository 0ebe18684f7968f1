import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { openWorkspace, ROOT } from '../helpers/coreHarness';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', 'catalogs', name), 'utf8');
const doc = (frontMatter: string) => `---\ntitle: Doc\nowner: Security\nstatus: approved\n${frontMatter}\n---\n\n# Doc\n\nText.\n`;

describe('other catalogs', () => {
  it('validates ISO 27001 ids under frameworks and reports ISO controls touched directly or through TSC', async () => {
    const { analyzer } = await openWorkspace({
      'a.md': doc('controls: [CC6.1]\nframeworks:\n  iso27001: [A.5.15, A.5.99]'),
    });
    const unknown = analyzer.findings(`${ROOT}/a.md`).filter((f) => f.code === 'unknown-criterion');
    assert.deepEqual(unknown.map((f) => f.subject), ['A.5.99']);
    const lens = analyzer.frameworkCoverage('iso27001')!;
    assert.equal(lens.total, 93);
    assert.equal(lens.indicative, true);
    assert.deepEqual(lens.controls.find((c) => c.id === 'A.5.15')?.direct, ['a']);
    const viaTsc = lens.controls.filter((c) => c.viaTsc.includes('CC6.1'));
    assert.ok(viaTsc.length > 0 && viaTsc.every((c) => c.touched));
    assert.ok(lens.controls.some((c) => !c.touched));
  });

  it('loads a custom YAML catalog and an OSCAL catalog from the config, and checks their ids', async () => {
    const { analyzer } = await openWorkspace({
      'soc2-policy.yaml': 'catalogs:\n  - catalogs/internal.yaml\n  - { path: catalogs/mini.json, id: mini }\n',
      'catalogs/internal.yaml': fixture('internal.yaml'),
      'catalogs/mini.json': fixture('oscal-mini.json'),
      'a.md': doc('controls: [CC6.1]\nframeworks:\n  acme-internal: [ACME-01, ACME-09]\n  mini: [AC-1, AC-1(1), AC-7]'),
    });
    assert.deepEqual(analyzer.findings(`${ROOT}/soc2-policy.yaml`), []);
    const mini = analyzer.catalogSet.get('mini')!;
    assert.equal(mini.title, 'Mini control set (test fixture)');
    assert.deepEqual(mini.controls.map((c) => c.id), ['AC-1', 'AC-1(1)', 'AC-2']);
    assert.match(mini.controls[0].description, /every quarter/);
    const unknown = analyzer.findings(`${ROOT}/a.md`).filter((f) => f.code === 'unknown-criterion').map((f) => f.subject);
    assert.deepEqual(unknown, ['ACME-09', 'AC-7']);
    assert.ok(analyzer.catalogSet.mappedFrom('CC6.7').some((m) => m.catalogId === 'acme-internal' && m.id === 'ACME-01'));
  });

  it('refuses catalogs outside the workspace and reports broken catalogs with positions', async () => {
    const { analyzer } = await openWorkspace({
      'soc2-policy.yaml': 'catalogs:\n  - ../outside.yaml\n  - broken.json\n',
      'broken.json': '{ "catalog": { "groups": [ { "controls": [ { "id": "x" } ] } ] } }\n',
    });
    const config = analyzer.findings(`${ROOT}/soc2-policy.yaml`);
    assert.equal(config.length, 1);
    assert.match(config[0].message, /outside the workspace/);
    assert.equal(config[0].range.start.line, 1);
    const broken = analyzer.findings(`${ROOT}/broken.json`);
    assert.ok(broken.some((f) => f.code === 'catalog-invalid' && /needs an "id" and a "title"/.test(f.message)));
  });

  it('reports coverage at point-of-focus depth', async () => {
    const { analyzer } = await openWorkspace({ 'a.md': doc('controls: [CC6.1.3, CC6.2]') });
    const cc61 = analyzer.coverage().criteria.find((c) => c.id === 'CC6.1')!;
    assert.equal(cc61.status, 'covered', 'a point of focus counts for its criterion');
    assert.deepEqual(cc61.pointsOfFocus.find((p) => p.id === 'CC6.1.3')?.documents, ['a']);
    assert.deepEqual(cc61.pointsOfFocus.find((p) => p.id === 'CC6.1.1')?.documents, []);
  });

  it('leaves points of focus of a category out of scope out of point-of-focus depth', async () => {
    const files = { 'a.md': doc('controls: [CC2.2.1, CC2.2.9, CC2.2.11]') };
    const security = await openWorkspace({ ...files, 'soc2-policy.yaml': 'scope:\n  categories: [security]\n' });
    const narrow = security.analyzer.coverage().criteria.find((c) => c.id === 'CC2.2')!;
    assert.equal(narrow.pointsOfFocus.length, 11, 'the two privacy-only points of focus are left out');
    assert.ok(!narrow.pointsOfFocus.some((p) => p.id === 'CC2.2.9' || p.id === 'CC2.2.10'));
    assert.deepEqual(narrow.pointsOfFocus.find((p) => p.id === 'CC2.2.11')?.documents, ['a'], 'system-level items always apply');
    const privacy = await openWorkspace({ ...files, 'soc2-policy.yaml': 'scope:\n  categories: [security, privacy]\n' });
    const wide = privacy.analyzer.coverage().criteria.find((c) => c.id === 'CC2.2')!;
    assert.equal(wide.pointsOfFocus.length, 13);
    assert.deepEqual(wide.pointsOfFocus.find((p) => p.id === 'CC2.2.9')?.documents, ['a']);
  });
});
