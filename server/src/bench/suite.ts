import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { renderReport, type SizeResult } from './report';
import { measureStartup } from './startup';

export const DEFAULT_SIZES = [100, 1000, 5000, 10000];

export interface SuiteOptions {
  sizes: number[];
  /** Timed runs per figure; by default fewer on large workspaces, where one run takes minutes. */
  runs?: number;
  edits: number;
  seed: number;
  /** Where the report goes besides stdout (undefined: nowhere). */
  out?: string;
  progress: (message: string) => void;
}

/** Start-up runs: each is a few hundred ms, and the median needs several. */
const STARTUP_RUNS = 9;

function runsFor(documents: number): number {
  return documents <= 1000 ? 5 : documents <= 5000 ? 2 : 1;
}

/**
 * Every size in its own process (`bench.js --documents N`), so each peak RSS is that size's alone, then the
 * report: printed, and written to `options.out`.
 */
export async function runSuite(options: SuiteOptions): Promise<void> {
  const loadBefore = os.loadavg()[0];
  options.progress('start-up on an empty workspace');
  const startup = await measureStartup(STARTUP_RUNS);
  const sizes: SizeResult[] = [];
  for (const documents of options.sizes) {
    options.progress(`${documents} documents`);
    sizes.push(runSize(documents, options));
  }
  const cpus = os.cpus();
  const report = renderReport({
    startup,
    sizes,
    machine: { cores: cpus.length, cpu: cpus[0]?.model.trim() ?? 'unknown CPU', node: process.version, date: new Date().toISOString().slice(0, 10), loadBefore, loadAfter: os.loadavg()[0] },
  });
  process.stdout.write(report);
  if (options.out) {
    writeFileSync(options.out, report);
    options.progress(`wrote ${options.out}`);
  }
}

function runSize(documents: number, options: SuiteOptions): SizeResult {
  const runs = options.runs ?? runsFor(documents);
  // One untimed warm-up on small workspaces; on large ones a single run is long enough to warm the JIT.
  const warmups = documents <= 1000 ? 1 : 0;
  const args = ['--expose-gc', __filename, '--documents', documents, '--runs', runs, '--warmups', warmups, '--edits', options.edits, '--seed', options.seed].map(String);
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`the benchmark of ${documents} documents exited with ${result.status ?? result.signal}`);
  return JSON.parse(result.stdout) as SizeResult;
}
