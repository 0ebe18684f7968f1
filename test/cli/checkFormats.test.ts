import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { buildCli, copyFixture, runCli, tempDir, writeFiles } from './harness';
import { sarifValidator } from './sarifSchema';

const TODAY = ['--today', '2026-12-01'];
const LINE = /^(?<file>[^\s:]+):(?<line>\d+):(?<col>\d+) (?<severity>error|warning|info|hint) (?<code>[a-z]+(?:-[a-z]+)*) (?<message>\S.*)$/;
const ANSI = /\x1b\[/;

describe('cli: check output formats', () => {
  let dir: string;
  let cleanup: () => void;
  let acme: string;
  before(() => {
    buildCli();
    ({ dir, cleanup } = tempDir());
    acme = copyFixture('examples/acme-saas', dir);
  });
  after(() => cleanup());

  it('text: one `file:line:col severity code message` line per finding, then a summary', () => {
    const result = runCli(['check', ...TODAY], { cwd: acme });
    assert.equal(result.code, 1);
    const lines = result.stdout.trimEnd().split('\n');
    const summary = lines.pop();
    assert.equal(summary, '17 findings (1 error, 16 warnings) in 12 documents.');
    assert.equal(lines.length, 17);
    for (const line of lines) assert.match(line, LINE);
    assert.ok(lines.some((l) => l.startsWith('policies/vendor-management-policy.md:15:5 error unknown-criterion "CC9.9" ')), lines.join('\n'));
    assert.doesNotMatch(result.stdout, ANSI, 'no colour when stdout is not a TTY');
    assert.match(result.stderr, /^(soc2-policy: keeping results of checked documents in [^\n]+\n)?$/, 'no progress when stderr is not a TTY (only the warm cache\'s one-time notice)');
  });

  it('text: paths are relative to the current folder, wherever the root is', () => {
    const result = runCli(['check', 'acme-saas/policies', ...TODAY], { cwd: dir });
    const files = result.stdout.trimEnd().split('\n').slice(0, -1).map((l) => LINE.exec(l)?.groups?.file);
    assert.ok(files.length > 0);
    for (const file of files) assert.ok(file?.startsWith('acme-saas/policies/'), file);
  });

  it('text: colour with FORCE_COLOR, none with NO_COLOR', () => {
    assert.match(runCli(['check', ...TODAY], { cwd: acme, env: { FORCE_COLOR: '1' } }).stdout, ANSI);
    assert.doesNotMatch(runCli(['check', ...TODAY], { cwd: acme, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, ANSI);
  });

  it('paths limit the findings printed, while cross-file rules still see the whole root', () => {
    const all = JSON.parse(runCli(['check', '--format', 'json', ...TODAY], { cwd: acme }).stdout).findings;
    const result = runCli(['check', 'policies/information-security-policy.md', 'procedures', '--format', 'json', ...TODAY], { cwd: acme });
    const some = JSON.parse(result.stdout).findings;
    const expected = all.filter((f: { file: string }) => f.file === 'policies/information-security-policy.md' || f.file.startsWith('procedures/'));
    assert.deepEqual(some, expected);
    // Its links to other policies resolve: only the one missing file is reported.
    assert.deepEqual(some.map((f: { code: string }) => f.code), ['broken-link']);
    assert.equal(result.code, 0);
  });

  it('json: the documented contract, zero-based, files relative to the root', () => {
    const result = runCli(['check', '--format', 'json', ...TODAY], { cwd: dir, env: {} });
    // From the parent folder there is no config upward, so the root is the current folder.
    const { findings } = JSON.parse(result.stdout);
    assert.ok(findings.some((f: { file: string }) => f.file === 'acme-saas/policies/vendor-management-policy.md'));
    const fromRoot = JSON.parse(runCli(['check', 'acme-saas', '--format', 'json', ...TODAY], { cwd: dir }).stdout);
    assert.deepEqual(Object.keys(fromRoot), ['findings']);
    for (const f of fromRoot.findings) {
      assert.deepEqual(Object.keys(f).sort(), ['code', 'file', 'message', 'range', 'severity']);
      assert.deepEqual(Object.keys(f.range).sort(), ['end', 'start']);
      for (const p of [f.range.start, f.range.end]) {
        assert.deepEqual(Object.keys(p).sort(), ['character', 'line']);
        assert.ok(Number.isInteger(p.line) && p.line >= 0 && Number.isInteger(p.character) && p.character >= 0);
      }
      assert.ok(!path.isAbsolute(f.file) && !f.file.startsWith('..'), f.file);
    }
    const unknown = fromRoot.findings.find((f: { code: string }) => f.code === 'unknown-criterion');
    assert.deepEqual(unknown.range, { start: { line: 14, character: 4 }, end: { line: 14, character: 9 } });
  });

  it('sarif: validates against the SARIF 2.1.0 schema and carries rules, levels and 1-based regions', () => {
    const validate = sarifValidator();
    const result = runCli(['check', '--format', 'sarif', ...TODAY], { cwd: acme });
    assert.equal(result.code, 1);
    const log = JSON.parse(result.stdout);
    assert.deepEqual(validate(log), []);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'soc2-policy');
    assert.match(run.tool.driver.version, /^\d+\.\d+\.\d+/);
    assert.match(run.tool.driver.informationUri, /^https:\/\//);
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    for (const rule of run.tool.driver.rules) {
      assert.ok(rule.shortDescription.text.length > 0);
      assert.match(rule.helpUri, new RegExp(`#${rule.id}$`));
    }
    assert.equal(run.results.length, 17);
    const unknown = run.results.find((r: { ruleId: string }) => r.ruleId === 'unknown-criterion');
    assert.equal(unknown.level, 'error');
    assert.equal(ruleIds[unknown.ruleIndex], 'unknown-criterion');
    const location = unknown.locations[0].physicalLocation;
    assert.deepEqual(location.artifactLocation, { uri: 'policies/vendor-management-policy.md', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(location.region, { startLine: 15, startColumn: 5, endLine: 15, endColumn: 10 });
    assert.ok(run.results.every((r: { level: string }) => ['error', 'warning', 'note'].includes(r.level)));
  });

  it('sarif: a clean run, hints as notes, and paths that need encoding still validate', () => {
    const validate = sarifValidator();
    const { dir: other, cleanup: done } = tempDir();
    try {
      // An unaddressed criterion is a hint; the folder name has a space.
      const policy = '---\ntitle: Backup Policy\nowner: IT\ntype: narrative\nstatus: approved\neffective: 2026-01-15\nlast_reviewed: 2026-06-01\ncontrols: [A1.2]\n---\n\n# Backup Policy\n\nBackups run nightly.\n';
      writeFiles(other, { 'my policies/backup.md': policy });
      const log = JSON.parse(runCli(['check', '--format', 'sarif', ...TODAY], { cwd: other }).stdout);
      assert.deepEqual(validate(log), []);
      const results = log.runs[0].results;
      assert.deepEqual(results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]), [['unaddressed-criterion', 'note']]);
      assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, 'my%20policies/backup.md');
      const empty = JSON.parse(runCli(['check', '--format', 'sarif', ...TODAY], { cwd: acme, env: {} }).stdout);
      empty.runs[0].results = [];
      assert.deepEqual(validate(empty), []);
    } finally {
      done();
    }
  });

  it('the schema check is not vacuous: a broken log fails it', () => {
    const validate = sarifValidator();
    const log = JSON.parse(runCli(['check', '--format', 'sarif', ...TODAY], { cwd: acme }).stdout);
    log.runs[0].results[0].level = 'fatal';
    delete log.runs[0].tool.driver.name;
    assert.ok(validate(log).length >= 2);
  });
});
