import { strict as assert } from 'node:assert';
import { buildCli, copyFixture, runCli, tempDir } from './harness';

/**
 * The parallel cold start: with worker threads forced on (SOC2_POLICY_WORKERS, SOC2_POLICY_PARALLEL_MIN=0), check
 * and coverage print exactly what the single thread prints, on every example workspace.
 */
describe('soc2-policy check and coverage: worker threads give the single thread\'s results', function () {
  this.timeout(120000);
  let scratch: ReturnType<typeof tempDir>;

  before(() => {
    buildCli();
    scratch = tempDir();
  });
  after(() => scratch.cleanup());

  const threads = { SOC2_POLICY_WORKERS: '2', SOC2_POLICY_PARALLEL_MIN: '0' };
  const single = { SOC2_POLICY_WORKERS: '0' };

  for (const example of ['examples/acme-saas', 'examples/acme-type2', 'test/fixtures/comply-repo']) {
    it(example, () => {
      const root = copyFixture(example, scratch.dir);
      for (const command of [['check', '--format', 'json'], ['coverage', '--format', 'json'], ['check', '--format', 'sarif']]) {
        const args = [...command, '--today', '2026-12-01', '--no-cache'];
        const parallel = runCli(args, { cwd: root, env: threads });
        const one = runCli(args, { cwd: root, env: single });
        assert.equal(parallel.stderr, one.stderr, `${command.join(' ')}: stderr`);
        assert.equal(parallel.code, one.code, `${command.join(' ')}: exit code`);
        assert.equal(parallel.stdout, one.stdout, `${command.join(' ')}: output`);
        assert.ok(one.stdout.length > 100);
      }
    });
  }

  it('really uses the workers when asked to', () => {
    const root = copyFixture('examples/acme-saas', scratch.dir, 'debug');
    const run = runCli(['check', '--today', '2026-12-01', '--no-cache'], { cwd: root, env: { ...threads, SOC2_POLICY_DEBUG: '1' } });
    assert.match(run.stderr, /soc2-policy: \d+ documents analysed on worker threads/);
    const off = runCli(['check', '--today', '2026-12-01', '--no-cache'], { cwd: root, env: { ...single, SOC2_POLICY_DEBUG: '1' } });
    assert.doesNotMatch(off.stderr, /worker threads/);
  });

  it('fills the warm cache from the workers\' results', () => {
    const root = copyFixture('examples/acme-type2', scratch.dir, 'warm');
    const args = ['check', '--format', 'json', '--today', '2026-12-01'];
    const cold = runCli(args, { cwd: root, env: threads });
    const warm = runCli(args, { cwd: root, env: single });
    assert.equal(warm.stdout, cold.stdout);
    assert.equal(runCli([...args, '--no-cache'], { cwd: root, env: single }).stdout, cold.stdout);
  });
});
