import { strict as assert } from 'node:assert';
import { buildCli, CLEAN_POLICY, copyFixture, REPO, runCli, tempDir, writeFiles } from './harness';

/** A policy whose only finding is a warning (an empty section). */
const ONE_WARNING = CLEAN_POLICY.replace('## Enforcement\n\nBreaches are handled through the disciplinary process.\n', '## Enforcement\n');

describe('cli: exit codes', () => {
  let dir: string;
  let cleanup: () => void;
  before(() => buildCli());
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('exits 0 on a clean workspace and says so', () => {
    writeFiles(dir, { 'policies/access.md': CLEAN_POLICY });
    const result = runCli(['check', '--today', '2026-12-01'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'No findings in 1 document.\n');
    // Nothing but the one-time notice that the warm cache was created (test/cli/warmCache.test.ts).
    assert.match(result.stderr, /^(soc2-policy: keeping results of checked documents in [^\n]+\n)?$/);
  });

  it('exits 1 on error-level findings', () => {
    const repo = copyFixture('test/fixtures/comply-repo', dir);
    assert.equal(runCli(['check'], { cwd: repo }).code, 1);
  });

  it('exits 0 on warnings alone, and 1 once they exceed --max-warnings', () => {
    writeFiles(dir, { 'policies/access.md': ONE_WARNING });
    const check = (...extra: string[]) => runCli(['check', '--today', '2026-12-01', ...extra], { cwd: dir });
    const plain = check();
    assert.equal(plain.code, 0, plain.stdout);
    assert.match(plain.stdout, /warning empty-section/);
    assert.equal(check('--max-warnings', '1').code, 0);
    const over = check('--max-warnings', '0');
    assert.equal(over.code, 1);
    assert.match(over.stderr, /Too many warnings: 1 \(at most 0 allowed\)/);
  });

  for (const [name, args] of [
    ['an unknown flag', ['check', '--bogus']],
    ['an unknown command', ['lint']],
    ['no command at all', []],
    ['a format the command does not have', ['check', '--format', 'html']],
    ['a flag of another command', ['catalog', '--fix']],
    ['a flag without its value', ['coverage', '--format']],
    ['a bad --max-warnings', ['check', '--max-warnings', '-1']],
    ['a bad --today', ['check', '--today', '2026-02-30']],
    ['a missing path', ['check', 'no/such/folder']],
    ['a missing --config file', ['check', '--config', 'nope.yaml']],
  ] as const) {
    it(`exits 2 on ${name}, with one line on stderr and no stack`, () => {
      writeFiles(dir, { 'policies/access.md': CLEAN_POLICY });
      const result = runCli([...args], { cwd: dir });
      assert.equal(result.code, 2, result.stdout + result.stderr);
      assert.equal(result.stdout, '');
      if (args.length) {
        assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
        assert.match(result.stderr, /^soc2-policy: /);
      }
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    });
  }

  it('exits 2 on a soc2-policy.yaml with a YAML error, and prints the config-invalid finding', () => {
    writeFiles(dir, { 'policies/access.md': CLEAN_POLICY, 'soc2-policy.yaml': 'scope:\n  categories: [security, availability\n' });
    const result = runCli(['check', '--today', '2026-12-01'], { cwd: dir });
    assert.equal(result.code, 2);
    assert.match(result.stdout, /^soc2-policy\.yaml:\d+:\d+ error config-invalid /m);
  });

  it('exits 2 on a config setting that is not valid, even when the paths leave the config out', () => {
    writeFiles(dir, { 'policies/access.md': CLEAN_POLICY, 'soc2-policy.yaml': 'scope:\n  categories: [security, marketing]\n' });
    const result = runCli(['check', 'policies', '--format', 'json', '--today', '2026-12-01'], { cwd: dir });
    assert.equal(result.code, 2);
    const codes = JSON.parse(result.stdout).findings.map((f: { code: string }) => f.code);
    assert.ok(codes.includes('config-invalid'), codes.join());
  });

  it('refuses to report coverage from a broken config (exit 2)', () => {
    writeFiles(dir, { 'policies/access.md': CLEAN_POLICY, 'soc2-policy.yaml': 'scope: [oops\n' });
    const result = runCli(['coverage', '--format', 'json'], { cwd: dir });
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /config-invalid/);
  });

  it('exits 0 for --help and --version', () => {
    const help = runCli(['--help'], { cwd: REPO });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /soc2-policy check \[paths\.\.\.\]/);
    assert.equal(runCli(['check', '--help'], { cwd: REPO }).code, 0);
    const version = runCli(['--version'], { cwd: REPO });
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\S*\n$/);
  });

  it('prints a stack trace only when SOC2_POLICY_DEBUG=1', () => {
    const quiet = runCli(['check', 'missing'], { cwd: dir });
    assert.doesNotMatch(quiet.stderr, /\n\s+at /);
    const debug = runCli(['check', 'missing'], { cwd: dir, env: { SOC2_POLICY_DEBUG: '1' } });
    assert.equal(debug.code, 2);
    assert.match(debug.stderr, /\n\s+at /);
  });
});
