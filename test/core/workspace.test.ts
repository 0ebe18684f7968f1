import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { openWorkspace, ROOT, sharedBuiltins } from '../helpers/coreHarness';
import { PolicyAnalyzer } from '../../server/src/core/analyzer';
import { NodeWorkspace } from '../../server/src/node/nodeWorkspace';

const REPO = path.resolve(__dirname, '..', '..');
const doc = (id: string, controls: string[], status = 'approved') =>
  `---\ntitle: ${id}\nowner: Security\nstatus: ${status}\ncontrols: [${controls.join(', ')}]\n---\n\n# ${id}\n\n${controls.join(', ')}.\n`;
const scopeConfig = 'scope:\n  categories: [security]\n';

describe('workspace analysis', () => {
  it('matches the hand count of examples/acme-saas', async () => {
    const expected = JSON.parse(readFileSync(path.join(REPO, 'test/fixtures/acme-saas.expected.json'), 'utf8'));
    const root = path.join(REPO, 'examples/acme-saas');
    const [year, month, day] = expected.today.split('-').map(Number);
    const analyzer = await PolicyAnalyzer.open({ root, workspace: new NodeWorkspace(), builtins: await sharedBuiltins(), today: () => ({ year, month, day }) });
    const actual = analyzer.allFindings().map((f) => `${path.relative(root, f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code} ${f.severity}`);
    const wanted = expected.findings.map((f: { file: string; line: number; column: number; code: string; severity: string }) => `${f.file}:${f.line}:${f.column} ${f.code} ${f.severity}`);
    assert.deepEqual(actual.sort(), wanted.sort());
    const coverage = analyzer.coverage();
    assert.deepEqual(Object.fromEntries(coverage.criteria.map((c) => [c.id, c.status])), expected.coverage);
    const percent = Object.fromEntries(coverage.summary.categories.filter((c) => c.inScope).map((c) => [c.id, c.percent]));
    assert.deepEqual({ ...percent, overall: coverage.summary.overall.percent }, expected.percent);
  });

  it('checks a strongdm/comply repo unchanged: only the unknown CC9.9', async () => {
    const root = path.join(REPO, 'test/fixtures/comply-repo');
    const analyzer = await PolicyAnalyzer.open({ root, workspace: new NodeWorkspace(), builtins: await sharedBuiltins(), today: () => ({ year: 2026, month: 12, day: 1 }) });
    assert.ok(analyzer.documents().length >= 7, 'policies, procedures and narratives are all read');
    const findings = analyzer.allFindings().map((f) => `${path.relative(root, f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`);
    assert.deepEqual(findings, ['policies/access.md:8:7 unknown-criterion']);
    // All five categories are mapped, so without a config all five are in scope.
    assert.ok(analyzer.coverage().summary.categories.every((c) => c.inScope));
  });

  it('updates coverage one document at a time and reports the delta', async () => {
    const { analyzer } = await openWorkspace({ 'soc2-policy.yaml': scopeConfig, 'a.md': doc('a', ['CC6.1']), 'b.md': doc('b', ['CC6.2'], 'draft') });
    const status = (id: string) => analyzer.coverage().criteria.find((c) => c.id === id)!.status;
    assert.equal(status('CC6.1'), 'covered');
    assert.equal(status('CC6.2'), 'draft-only');
    assert.equal(status('CC6.3'), 'uncovered');

    const result = analyzer.updateDocument(`${ROOT}/b.md`, doc('b', ['CC6.2', 'CC6.3']));
    assert.deepEqual(result.coverageChanged, ['CC6.2', 'CC6.3']);
    assert.ok(result.affectedFiles.includes(`${ROOT}/soc2-policy.yaml`), 'the config, which carries uncovered-criterion, is affected');
    assert.equal(status('CC6.2'), 'covered');
    assert.equal(status('CC6.3'), 'covered');

    const unchanged = analyzer.updateDocument(`${ROOT}/a.md`, doc('a', ['CC6.1']) + '\nMore prose.\n');
    assert.deepEqual(unchanged.coverageChanged, []);

    const removed = analyzer.removeFile(`${ROOT}/a.md`);
    assert.deepEqual(removed.coverageChanged, ['CC6.1']);
    assert.equal(status('CC6.1'), 'uncovered');
  });

  it('clears uncovered-criterion on the config when another file maps the criterion', async () => {
    const { analyzer } = await openWorkspace({ 'soc2-policy.yaml': scopeConfig, 'a.md': doc('a', ['CC6.1']) });
    const uncovered = () => analyzer.findings(`${ROOT}/soc2-policy.yaml`).filter((f) => f.code === 'uncovered-criterion').map((f) => f.subject);
    assert.ok(uncovered().includes('CC8.1'));
    assert.equal(uncovered().length, 32);
    analyzer.updateDocument(`${ROOT}/change.md`, doc('change', ['CC8.1']));
    assert.ok(!uncovered().includes('CC8.1'));
    assert.equal(uncovered().length, 31);
    const finding = analyzer.findings(`${ROOT}/soc2-policy.yaml`)[0];
    assert.deepEqual(finding.range.start, { line: 0, character: 0 }, 'reported on the scope key');
  });

  it('reports documents that share an id on each of them, and clears it when one is renamed', async () => {
    const twin = doc('twin', ['CC6.1']).replace('title: twin', 'title: twin\nid: shared');
    const { analyzer } = await openWorkspace({ 'a.md': twin, 'b.md': twin });
    assert.equal(analyzer.findings(`${ROOT}/a.md`).filter((f) => f.code === 'duplicate-id').length, 1);
    assert.equal(analyzer.findings(`${ROOT}/b.md`).filter((f) => f.code === 'duplicate-id').length, 1);
    const result = analyzer.updateDocument(`${ROOT}/b.md`, twin.replace('id: shared', 'id: other'));
    assert.ok(result.affectedFiles.includes(`${ROOT}/a.md`), 'the former twin is refreshed too');
    assert.equal(analyzer.findings(`${ROOT}/a.md`).filter((f) => f.code === 'duplicate-id').length, 0);
  });

  it('a link target that appears later repairs the broken link', async () => {
    const { analyzer } = await openWorkspace({ 'a.md': doc('a', ['CC6.1']) + '\nSee [runbook](runbook.txt).\n' });
    assert.ok(analyzer.findings(`${ROOT}/a.md`).some((f) => f.code === 'broken-link'));
    const result = analyzer.addFile(`${ROOT}/runbook.txt`);
    assert.deepEqual(result.affectedFiles, [`${ROOT}/a.md`]);
    assert.ok(!analyzer.findings(`${ROOT}/a.md`).some((f) => f.code === 'broken-link'));
  });

  it('applies rule severities from the config, including off', async () => {
    const config = 'rules:\n  unaddressed-criterion: error\n  missing-section: off\n';
    const body = `---\ntitle: t\nowner: o\nstatus: approved\neffective: 2026-01-15\nlast_reviewed: 2026-06-01\ncontrols: [CC6.1]\n---\n\n# T\n\nText.\n`;
    const { analyzer } = await openWorkspace({ 'soc2-policy.yaml': config, 'a.md': body });
    const findings = analyzer.findings(`${ROOT}/a.md`);
    assert.deepEqual(findings.map((f) => `${f.code}:${f.severity}`), ['unaddressed-criterion:error']);
  });

  it('excluded criteria are not uncovered and carry their reason', async () => {
    const config = 'scope:\n  categories: [security]\n  exclusions:\n    - criteria: CC6.4\n      reason: Cloud only\n';
    const { analyzer } = await openWorkspace({ 'soc2-policy.yaml': config, 'a.md': doc('a', ['CC6.1']) });
    const cc64 = analyzer.coverage().criteria.find((c) => c.id === 'CC6.4')!;
    assert.deepEqual([cc64.status, cc64.reason], ['excluded', 'Cloud only']);
    assert.ok(!analyzer.findings(`${ROOT}/soc2-policy.yaml`).some((f) => f.subject === 'CC6.4'));
  });
});
