/**
 * `npm run fuzz`: property-based and mutation fuzzing of the core (in-process, plus a sample through the real
 * CLI binary) and of the language server over stdio. Fixed seed by default, so CI runs are reproducible.
 *
 *   npm run fuzz                                  2,000 core cases (+ CLI and server samples), what CI runs
 *   FUZZ_RUNS=10000 npm run fuzz                  the full run
 *   npm run fuzz -- --seed 7 --phases core        another seed, one phase
 *   npm run fuzz -- --replay test/fuzz/failures/<name>/failure.json
 *   npm run fuzz -- --sequential                 one phase at a time (cleaner timings, slower)
 *
 * Prints a JSON summary on stdout (progress and counterexamples on stderr); exits 1 on any violation.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { describeCase, type CaseRecipe } from './cases';
import { CLI, cliPhase } from './cliPhase';
import { corePhase, type Limits } from './corePhase';
import type { Outcome } from './invariants';
import { FAILURES_DIR, preview, resetFailuresDir, Stats, writeFailure } from './report';
import { findDistinctFailures, type FoundFailure, type Phase, type PhaseName } from './rounds';
import { REPO } from './seeds';
import { serverPhase, type ServerRecipe } from './serverPhase';
import { FuzzServer } from './serverSession';
import { WorkerClient } from './workerClient';
import { CLOCK } from './cpuClock';

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string' },
    seed: { type: 'string' },
    'cli-runs': { type: 'string' },
    'server-runs': { type: 'string' },
    phases: { type: 'string' },
    'bound-ms': { type: 'string' },
    'timeout-ms': { type: 'string' },
    'shrink-ms': { type: 'string' },
    'minimize-ms': { type: 'string' },
    'max-failures': { type: 'string' },
    replay: { type: 'string' },
    sequential: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

/** A flag, else its environment variable, else the default. */
function setting(flag: keyof typeof flags, env: string, fallback: number): number {
  const raw = (flags[flag] as string | undefined) ?? process.env[env];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${flag} / ${env} must be a non-negative number, got "${raw}"`);
  return Math.floor(value);
}

const runs = setting('runs', 'FUZZ_RUNS', 2000);
const options = {
  runs,
  seed: setting('seed', 'FUZZ_SEED', 20261201),
  cliRuns: setting('cli-runs', 'FUZZ_CLI_RUNS', Math.max(10, Math.round(runs / 100))),
  serverRuns: setting('server-runs', 'FUZZ_SERVER_RUNS', Math.max(20, Math.round(runs / 20))),
  phases: ((flags.phases as string | undefined) ?? process.env.FUZZ_PHASES ?? 'core,cli,server').split(',').map((p) => p.trim()) as PhaseName[],
  shrinkBudgetMs: setting('shrink-ms', 'FUZZ_SHRINK_MS', 20_000),
  minimizeBudgetMs: setting('minimize-ms', 'FUZZ_MINIMIZE_MS', 10_000),
  maxFailures: setting('max-failures', 'FUZZ_MAX_FAILURES', 20),
};
for (const phase of options.phases) if (!['core', 'cli', 'server'].includes(phase)) throw new Error(`unknown phase "${phase}": use core, cli and/or server`);
const limits: Limits = { boundMs: setting('bound-ms', 'FUZZ_BOUND_MS', 2000), hardTimeoutMs: setting('timeout-ms', 'FUZZ_TIMEOUT_MS', 60_000) };

const log = (line: string) => process.stderr.write(`[fuzz] ${line}\n`);

function printFailure(failure: FoundFailure<unknown>, files: Map<string, Uint8Array>, file: string): void {
  const lines = [
    `FAILURE ${failure.signature}`,
    `  ${failure.violation.message.replace(/\n/g, '\n  ')}`,
    `  minimal input (${failure.shrinks} shrinks${failure.shrinkBudgetExhausted ? ', shrink time budget exhausted' : ''}, ${failure.minimizeAttempts} minimizer runs), written to ${file}:`,
    ...[...files].map(([name, bytes]) => `    ${name}: ${preview(bytes)}`),
  ];
  if (failure.phase === 'server') lines.push(`    actions: ${JSON.stringify((failure.input as ServerRecipe).actions).slice(0, 1500)}`);
  log(lines.join('\n'));
}

async function replay(file: string, phases: Record<PhaseName, () => Phase<unknown>>): Promise<number> {
  const saved = JSON.parse(readFileSync(path.resolve(file), 'utf8')) as { phase: PhaseName; signature: string; input: unknown };
  const outcome: Outcome = await phases[saved.phase]().run(saved.input);
  process.stdout.write(JSON.stringify({ replayed: file, expected: saved.signature, violations: outcome.violations, timings: outcome.timings }, null, 2) + '\n');
  return outcome.violations.length ? 1 : 0;
}

async function main(): Promise<number> {
  if (flags.help) {
    process.stdout.write(readFileSync(__filename, 'utf8').split('*/')[0] + '*/\n');
    return 0;
  }
  const newestSource = Math.max(...readdirSync(path.join(REPO, 'server/src'), { recursive: true }).map((f) => statSync(path.join(REPO, 'server/src', String(f))).mtimeMs));
  for (const bundle of [CLI, path.join(REPO, 'server/out/server.js')]) {
    if (!existsSync(bundle)) throw new Error(`${path.relative(REPO, bundle)} is missing: run \`node scripts/build.mjs\` (npm run fuzz does)`);
    // The in-process core runs the sources: an older bundle would show up as CLI and server mismatches.
    if (statSync(bundle).mtimeMs < newestSource) log(`warning: ${path.relative(REPO, bundle)} is older than server/src; run \`node scripts/build.mjs\` (npm run fuzz does)`);
  }
  // Two lanes on two cores: the core phase in one worker, the CLI and server phases (child processes) beside it.
  const coreWorker = new WorkerClient();
  const sideWorker = new WorkerClient();
  const server = new FuzzServer(limits.hardTimeoutMs);
  const phases: Record<PhaseName, () => Phase<unknown>> = {
    core: () => corePhase(coreWorker, options.runs, limits) as Phase<unknown>,
    cli: () => cliPhase(sideWorker, options.cliRuns, limits) as Phase<unknown>,
    server: () => serverPhase(server, sideWorker, options.serverRuns, limits) as Phase<unknown>,
  };
  try {
    if (flags.replay) return await replay(flags.replay as string, phases);
    resetFailuresDir();
    const stats = new Stats();
    const known = new Set<string>();
    const started = performance.now();
    const durations: Partial<Record<PhaseName, number>> = {};
    log(`seed ${options.seed}: ${options.runs} core, ${options.cliRuns} CLI, ${options.serverRuns} server cases; bound ${limits.boundMs} ms per document`);
    const runPhase = async (name: PhaseName) => {
      const phase = phases[name]();
      const phaseStart = performance.now();
      const every = name === 'core' ? 250 : 10;
      await findDistinctFailures(phase, known, {
        seed: options.seed,
        shrinkBudgetMs: options.shrinkBudgetMs,
        minimizeBudgetMs: options.minimizeBudgetMs,
        maxFailures: options.maxFailures,
        onCase: (outcome, input) => {
          stats.record(name, outcome, name === 'server' ? (f) => f : describeCase(input as CaseRecipe));
          const n = stats.cases[name];
          if (n % every === 0) log(`${name}: ${n}/${phase.numRuns} cases, ${Math.round((performance.now() - phaseStart) / 1000)} s`);
        },
        onFailure: (failure) => {
          const files = phase.files(failure.input);
          const file = writeFailure(failure, files);
          const v = failure.violation;
          stats.failures.push({ phase: name, signature: failure.signature, kind: v.kind, message: v.message.split('\n')[0], file, shrinkBudgetExhausted: failure.shrinkBudgetExhausted });
          printFailure(failure, files, file);
        },
      });
      durations[name] = Math.round(performance.now() - phaseStart);
      log(`${name} done: ${stats.cases[name]} cases in ${Math.round(durations[name]! / 1000)} s`);
    };
    const lanes = flags.sequential ? [options.phases] : [options.phases.filter((p) => p === 'core'), options.phases.filter((p) => p !== 'core')];
    await Promise.all(
      lanes.map(async (lane) => {
        for (const name of lane) await runPhase(name);
      }),
    );
    const summary = stats.summary({ seed: options.seed, boundMs: limits.boundMs, timesAre: CLOCK.kind === 'thread-cpu' ? 'worker thread CPU ms' : 'wall ms', durationMs: Math.round(performance.now() - started), phaseDurationsMs: durations });
    const violated = Object.values(stats.casesWith).some((n) => n) || stats.failures.length > 0;
    summary.ok = !violated;
    if (violated) summary.failuresDir = path.relative(REPO, FAILURES_DIR);
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    return violated ? 1 : 0;
  } finally {
    await server.stop();
    await coreWorker.stop();
    await sideWorker.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`fuzz harness failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
