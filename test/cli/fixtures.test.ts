import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCli, copyFixture, REPO, runCli, tempDir } from './harness';

interface Expected {
  today: string;
  findings: { file: string; line: number; column: number; code: string; severity: string }[];
  coverage: Record<string, string>;
  percent: Record<string, number>;
}

const key = (f: { file: string; line: number; column: number; code: string; severity: string }) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code}`;

describe('cli: fixture workspaces', () => {
  let dir: string;
  let cleanup: () => void;
  before(() => {
    buildCli();
    ({ dir, cleanup } = tempDir());
  });
  after(() => cleanup());

  it('a strongdm/comply repo: exactly one unknown-criterion at policies/access.md:8:7, exit 1', () => {
    const repo = copyFixture('test/fixtures/comply-repo', dir);
    const text = runCli(['check', '.'], { cwd: repo });
    assert.equal(text.code, 1);
    const lines = text.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, text.stdout);
    assert.match(lines[0], /^policies\/access\.md:8:7 error unknown-criterion /);
    // Named from outside, the paths print relative to where the command runs.
    const outside = runCli(['check', 'comply-repo', '--format', 'json'], { cwd: dir });
    assert.equal(outside.code, 1);
    const { findings } = JSON.parse(outside.stdout);
    assert.deepEqual(findings.map((f: { code: string; range: { start: unknown } }) => [f.code, f.range.start]), [['unknown-criterion', { line: 7, character: 6 }]]);
  });

  describe('examples/acme-saas matches its hand count', () => {
    before(() => copyFixture('examples/acme-saas', dir));
    const expected: Expected = JSON.parse(readFileSync(path.join(REPO, 'test/fixtures/acme-saas.expected.json'), 'utf8'));
    const today = ['--today', expected.today];

    it('check --format json: the same findings, as a multiset', () => {
      const result = runCli(['check', 'acme-saas', '--format', 'json', ...today], { cwd: dir });
      assert.equal(result.code, 1);
      const actual = JSON.parse(result.stdout).findings.map((f: { file: string; code: string; severity: string; range: { start: { line: number; character: number } } }) =>
        key({ file: f.file, line: f.range.start.line + 1, column: f.range.start.character + 1, code: f.code, severity: f.severity }),
      );
      assert.deepEqual(actual.sort(), expected.findings.map(key).sort());
    });

    it('coverage --format json: the same status per criterion and the same percentages', () => {
      const result = runCli(['coverage', 'acme-saas', '--format', 'json', ...today], { cwd: dir });
      assert.equal(result.code, 0, result.stderr);
      const coverage = JSON.parse(result.stdout);
      assert.deepEqual(Object.fromEntries(coverage.criteria.map((c: { id: string; status: string }) => [c.id, c.status])), expected.coverage);
      const percent = Object.fromEntries(coverage.summary.categories.filter((c: { inScope: boolean }) => c.inScope).map((c: { id: string; percent: number }) => [c.id, c.percent]));
      assert.deepEqual({ ...percent, overall: coverage.summary.overall.percent }, expected.percent);
    });
  });
});
