import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync, appendFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { buildCli, copyFixture, runCli, tempDir } from './harness';

/**
 * The CLI's warm start (.soc2-policy/cache): the second run reports exactly what the first did, a changed file is
 * checked again, and a cache that is corrupt or not ours is ignored and rebuilt.
 */
describe('soc2-policy check and coverage: the warm cache', function () {
  this.timeout(60000);
  let scratch: ReturnType<typeof tempDir>;
  let root: string;
  const cacheFile = () => path.join(root, '.soc2-policy/cache/facts.json');
  const check = (...extra: string[]) => runCli(['check', '--format', 'json', '--today', '2026-12-01', ...extra], { cwd: root });
  const coverage = (...extra: string[]) => runCli(['coverage', '--format', 'json', '--today', '2026-12-01', ...extra], { cwd: root });

  before(() => buildCli());
  beforeEach(() => {
    scratch = tempDir();
    root = copyFixture('examples/acme-type2', scratch.dir);
  });
  afterEach(() => scratch.cleanup());

  it('creates the cache with a notice and a .gitignore, then answers the same from it', () => {
    const cold = check();
    assert.match(cold.stderr, /keeping results of checked documents in \.soc2-policy[\\/]cache \(ignored by git\)/);
    assert.ok(existsSync(cacheFile()));
    assert.match(readFileSync(path.join(root, '.soc2-policy/cache/.gitignore'), 'utf8'), /^\*$/m);
    const warm = check();
    assert.equal(warm.stderr, '', 'the notice is said once');
    assert.equal(warm.code, cold.code);
    assert.equal(warm.stdout, cold.stdout);
    assert.equal(coverage().stdout, coverage('--no-cache').stdout);
  });

  it('checks an edited document again instead of reusing its old results', () => {
    check();
    const policy = path.join(root, 'policies/access-control.md');
    appendFileSync(policy, '\nSee [the missing runbook](runbook-that-does-not-exist.md).\n');
    const warm = JSON.parse(check().stdout) as { findings: { file: string; code: string }[] };
    const cold = JSON.parse(check('--no-cache').stdout) as typeof warm;
    assert.deepEqual(warm, cold);
    assert.ok(warm.findings.some((f) => f.code === 'broken-link' && f.file === 'policies/access-control.md'));
  });

  it('ignores a corrupt or foreign cache and rebuilds it', () => {
    const expected = check('--no-cache').stdout;
    assert.ok(!existsSync(cacheFile()), '--no-cache writes nothing');
    check();
    const written = readFileSync(cacheFile(), 'utf8');
    // Truncated, edited (the digest no longer matches), from another product build, and not JSON at all.
    const [header, payload] = [written.slice(0, written.indexOf('\n')), written.slice(written.indexOf('\n') + 1)];
    const variants = [
      written.slice(0, written.length / 2),
      `${header}\n${payload.replace(/"code":"[a-z-]+"/, '"code":"made-up"')}`,
      `${header.replace(/"product":"[^"]+"/, '"product":"0.0.0+other"')}\n${payload}`,
      'not a cache',
    ];
    for (const variant of variants) {
      writeFileSync(cacheFile(), variant);
      const run = check();
      assert.equal(run.stdout, expected);
      assert.doesNotMatch(readFileSync(cacheFile(), 'utf8'), /made-up/);
    }
    rmSync(path.join(root, '.soc2-policy'), { recursive: true });
    assert.equal(check().stdout, expected);
  });

  it('starts cold when the configuration changes', () => {
    check();
    const config = path.join(root, 'soc2-policy.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/categories: \[[^\]]*\]/, 'categories: [security]'));
    assert.equal(check().stdout, check('--no-cache').stdout);
  });
});
