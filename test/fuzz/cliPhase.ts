/**
 * A smaller sample through the real CLI binary (server/out/cli.js): `check --format json`, `--fix`, `--fix` again,
 * compared with the in-process core on the same files, and checked byte for byte on disk.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { caseFromFiles, caseRecipeArb, materialize, type CaseRecipe } from './cases';
import { runCoreCase, type Limits } from './corePhase';
import { firstDifference, findingKey, type Outcome, type Violation } from './invariants';
import type { Phase } from './rounds';
import { REPO } from './seeds';
import type { WorkerClient } from './workerClient';

export const CLI = path.join(REPO, 'server/out/cli.js');
export const TODAY = '2026-12-01';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function runCliOnce(args: string[], cwd: string, timeoutMs: number): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, SOC2_POLICY_DEBUG: '1', NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env, timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const e = error as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr, timedOut: !!e?.killed });
    });
  });
}

/** Runs the CLI; a run that printed nothing at all (the bundle rewritten by a build meanwhile) is run once more. */
export async function runCli(args: string[], cwd: string, timeoutMs: number): Promise<CliRun> {
  const run = await runCliOnce(args, cwd, timeoutMs);
  return !run.timedOut && run.stdout === '' && run.stderr === '' ? runCliOnce(args, cwd, timeoutMs) : run;
}

/** Checks one CLI run for crashes and parses its JSON findings into keys. */
export function cliFindings(run: CliRun, step: string, violations: Violation[]): string[] | undefined {
  if (run.timedOut) {
    violations.push({ kind: 'hang', signature: `hang:cli:${step}`, message: `soc2-policy ${step} did not finish` });
    return undefined;
  }
  const internal = /internal error: (.*)/.exec(run.stderr) ?? /^(\w*Error\b.*)$/m.exec(run.stderr);
  if (internal || run.code === null || ![0, 1, 2].includes(run.code)) {
    const line = (internal?.[1] ?? `exit code ${run.code}`).replace(/(["'`]).*?\1/g, '<s>').replace(/\d+/g, 'N').slice(0, 80);
    violations.push({ kind: 'internal-error', signature: `internal-error:cli:${line}`, message: `soc2-policy ${step}: exit ${run.code}\n${run.stderr.slice(0, 2000)}` });
    return undefined;
  }
  try {
    const json = JSON.parse(run.stdout) as { findings: { file: string; code: string; range: Parameters<typeof findingKey>[2] }[] };
    return json.findings.map((f) => findingKey(f.file, f.code, f.range)).sort();
  } catch {
    violations.push({ kind: 'internal-error', signature: `internal-error:cli:${step}:output-is-not-json`, message: run.stdout.slice(0, 500) });
    return undefined;
  }
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const isUtf8 = (b: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};

export async function runCliCase(worker: WorkerClient, recipe: CaseRecipe, limits: Limits): Promise<Outcome> {
  const files = materialize(recipe);
  const core = await runCoreCase(worker, recipe, limits);
  const violations: Violation[] = [];
  let checked: string[] | undefined;
  let fixedRun: string[] | undefined;
  const parent = mkdtempSync(path.join(tmpdir(), 'soc2-fuzz-cli-'));
  const dir = path.join(parent, 'ws');
  const timeout = limits.hardTimeoutMs;
  try {
    for (const [file, bytes] of files) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), bytes);
    }
    mkdirSync(dir, { recursive: true });
    const read = () => new Map([...files.keys()].map((f) => [f, new Uint8Array(readFileSync(path.join(dir, f)))]));
    const mtimes = new Map([...files.keys()].map((f) => [f, statSync(path.join(dir, f)).mtimeMs]));
    // cwd = the workspace: without a config the CLI's root is the current folder.
    const args = ['check', '.', '--format', 'json', '--today', TODAY];
    checked = cliFindings(await runCli(args, dir, timeout), 'check', violations);
    const compare = (expected: string[] | undefined, actual: string[] | undefined, step: string) => {
      const diff = expected && actual ? firstDifference(expected, actual) : undefined;
      if (diff) violations.push({ kind: 'cli-mismatch', signature: `cli-mismatch:${step}:${diff.part}`, message: `CLI ${step} vs in-process core: ${diff.message}` });
    };
    compare(core.findings, checked, 'check');

    fixedRun = cliFindings(await runCli([...args, '--fix'], dir, timeout), 'check --fix', violations);
    compare(core.findingsAfterFix, fixedRun, 'fix');
    const afterFix = read();
    const expected = new Map(core.fixedFiles ?? []);
    for (const [file, original] of files) {
      const now = afterFix.get(file)!;
      const bomLost = original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf && !(now[0] === 0xef && now[1] === 0xbb && now[2] === 0xbf);
      const problem = !isUtf8(original) && !same(original, now) ? 'rewrote-invalid-utf8' : bomLost ? 'dropped-bom' : undefined;
      if (problem) violations.push({ kind: 'fix-bytes', signature: `fix-bytes:cli:${problem}`, message: `--fix ${problem} in ${file}`, file });
      else if (core.fixedFiles && !same(expected.get(file) ?? original, now)) {
        violations.push({ kind: 'cli-mismatch', signature: 'cli-mismatch:fix-bytes', message: `--fix wrote ${file} differently from the in-process fix`, file });
      } else if (same(original, now) && statSync(path.join(dir, file)).mtimeMs !== mtimes.get(file)) {
        violations.push({ kind: 'fix-bytes', signature: 'fix-bytes:cli:rewrote-unchanged-file', message: `--fix rewrote ${file} without changing it`, file });
      }
    }

    const again = cliFindings(await runCli([...args, '--fix'], dir, timeout), 'check --fix (again)', violations);
    compare(fixedRun, again, 'fix-again');
    for (const [file, bytes] of read()) {
      if (!same(bytes, afterFix.get(file)!)) {
        violations.push({ kind: 'fix-idempotence', signature: 'fix-idempotence:cli', message: `a second \`check --fix\` changed ${file} again`, file });
      }
    }
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
  return { violations, timings: core.timings, compared: (checked?.length ?? 0) + (fixedRun?.length ?? 0) };
}

export function cliPhase(worker: WorkerClient, numRuns: number, limits: Limits): Phase<CaseRecipe> {
  return { name: 'cli', arbitrary: caseRecipeArb, numRuns, run: (recipe) => runCliCase(worker, recipe, limits), files: materialize, withFiles: (_, files) => caseFromFiles(files) };
}
