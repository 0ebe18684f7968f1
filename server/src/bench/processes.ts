import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * Commands the benchmark times as a user runs them: a fresh node process each, wall time from spawn to exit.
 * The bundles sit beside bench.js in server/out; markdownlint-cli2 is a devDependency of the repository.
 */
export const CLI_BUNDLE = path.join(__dirname, 'cli.js');
export const SERVER_BUNDLE = path.join(__dirname, 'server.js');
export const MARKDOWNLINT_BIN = path.resolve(__dirname, '../../node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');

/** Removes what a previous `check` kept in the workspace (.soc2-policy/cache), so the next one is cold. */
export function forgetCheckCache(workspace: string): void {
  rmSync(path.join(workspace, '.soc2-policy'), { recursive: true, force: true });
}

/** Preloaded with `node -e`: runs the script in argv[1] as `node script ...` would, and leaves its peak RSS (KB) in a file. */
const RSS_HOOK = [
  "const { writeFileSync } = require('node:fs');",
  "process.on('exit', () => writeFileSync(process.env.SOC2_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));",
  'require(process.argv[1]);',
].join('\n');

export interface ProcessRun {
  ms: number;
  /** Peak resident set of the process, when it was measured. */
  peakRssMb?: number;
  exitCode: number | null;
}

/**
 * Runs `node script args` in `cwd`. Output goes to files, not pipes: markdownlint-cli2 reports tens of MB on
 * the large workspaces, and only its tail is read back when the run failed.
 */
export function runNodeScript(script: string, args: readonly string[], cwd: string, options: { measureRss?: boolean; okExitCodes?: readonly number[] } = {}): ProcessRun {
  if (!existsSync(script)) throw new Error(`${script} not found: run npm run build (and npm install for markdownlint-cli2)`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'soc2-bench-run-'));
  const rssFile = path.join(tmp, 'rss');
  const [stdout, stderr] = [openSync(path.join(tmp, 'stdout'), 'w'), openSync(path.join(tmp, 'stderr'), 'w')];
  try {
    const argv = options.measureRss ? ['-e', RSS_HOOK, script, ...args] : [script, ...args];
    const start = performance.now();
    const result = spawnSync(process.execPath, argv, { cwd, stdio: ['ignore', stdout, stderr], env: { ...process.env, SOC2_BENCH_RSS_FILE: rssFile } });
    const ms = performance.now() - start;
    if (result.error) throw result.error;
    if (result.status === null || !(options.okExitCodes ?? [0]).includes(result.status)) {
      const tail = (file: string) => readFileSync(path.join(tmp, file), 'utf8').slice(-2000);
      throw new Error(`${path.basename(script)} ${args.join(' ')} exited with ${result.status ?? result.signal}:\n${tail('stderr')}${tail('stdout')}`);
    }
    const peakRssMb = options.measureRss && existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : undefined;
    return { ms, peakRssMb, exitCode: result.status };
  } finally {
    closeSync(stdout);
    closeSync(stderr);
    rmSync(tmp, { recursive: true, force: true });
  }
}
