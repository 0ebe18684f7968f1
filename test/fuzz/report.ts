/** Counting, the slowest documents, failure files under test/fuzz/failures/ and the closing JSON summary. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Outcome, Timing, ViolationKind } from './invariants';
import type { FoundFailure, PhaseName } from './rounds';
import { REPO } from './seeds';

export const FAILURES_DIR = path.join(REPO, 'test/fuzz/failures');

export interface SlowDocument extends Timing {
  phaseName: PhaseName;
  description: string;
}

export class Stats {
  readonly cases: Record<PhaseName, number> = { core: 0, cli: 0, server: 0 };
  /** Generated cases with at least one violation of each kind (shrink attempts are not counted). */
  readonly casesWith: Partial<Record<ViolationKind, number>> = {};
  readonly slowest: SlowDocument[] = [];
  readonly compared: Record<PhaseName, number> = { core: 0, cli: 0, server: 0 };
  readonly failures: { phase: PhaseName; signature: string; kind: ViolationKind; message: string; file: string; shrinkBudgetExhausted: boolean }[] = [];

  record(phase: PhaseName, outcome: Outcome, describe: (file: string) => string): void {
    this.cases[phase]++;
    this.compared[phase] += outcome.compared ?? 0;
    for (const kind of new Set(outcome.violations.map((v) => v.kind))) this.casesWith[kind] = (this.casesWith[kind] ?? 0) + 1;
    for (const t of outcome.timings) {
      if (t.phase === 'workspace' || (this.slowest.length >= 5 && t.ms <= this.slowest[4].ms)) continue;
      this.slowest.push({ ...t, ms: Math.round(t.ms), phaseName: phase, description: describe(t.file) });
      this.slowest.sort((a, b) => b.ms - a.ms).splice(5);
    }
  }

  summary(extra: Record<string, unknown>): Record<string, unknown> {
    const n = (kind: ViolationKind) => this.casesWith[kind] ?? 0;
    const top = this.slowest[0];
    return {
      ...extra,
      casesRun: this.cases.core + this.cases.cli + this.cases.server,
      cases: this.cases,
      findingsCheckedOrCompared: this.compared,
      internalErrors: n('internal-error'),
      hangs: n('hang'),
      slowDocuments: n('slow'),
      slowestDocument: top ? { name: top.file, from: top.description, bytes: top.bytes, ms: top.ms, phase: top.phase } : null,
      slowestDocuments: this.slowest.map((s) => ({ name: s.file, from: s.description, bytes: s.bytes, ms: s.ms, phase: s.phase })),
      fixIdempotenceFailures: n('fix-idempotence'),
      fixByteViolations: n('fix-bytes'),
      rangeViolations: n('range'),
      serverCliMismatches: n('server-mismatch'),
      cliCoreMismatches: n('cli-mismatch'),
      harnessErrors: n('harness'),
      distinctFailures: this.failures,
    };
  }
}

export function resetFailuresDir(): void {
  rmSync(FAILURES_DIR, { recursive: true, force: true });
}

function failureName(failure: FoundFailure<unknown>): string {
  const slug = failure.signature.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  const hash = createHash('sha1').update(failure.signature).digest('hex').slice(0, 6);
  return `${failure.phase}-${slug}-${hash}`;
}

/**
 * Writes `failures/<name>/failure.json` (signature, violations, the recipe to replay) and the case's files under
 * `failures/<name>/workspace/`, byte for byte, so the CLI can be run on them and they can become a regression test.
 */
export function writeFailure(failure: FoundFailure<unknown>, files: Map<string, Uint8Array>, extra: Record<string, unknown> = {}): string {
  const dir = path.join(FAILURES_DIR, failureName(failure));
  rmSync(dir, { recursive: true, force: true });
  for (const [file, bytes] of files) {
    mkdirSync(path.dirname(path.join(dir, 'workspace', file)), { recursive: true });
    writeFileSync(path.join(dir, 'workspace', file), bytes);
  }
  mkdirSync(dir, { recursive: true });
  const jsonFile = path.join(dir, 'failure.json');
  const relative = path.relative(REPO, jsonFile);
  const body = {
    phase: failure.phase,
    signature: failure.signature,
    kind: failure.violation.kind,
    message: failure.violation.message,
    file: failure.violation.file,
    violations: failure.violations,
    seed: failure.seed,
    runsBeforeFailure: failure.runsBeforeFailure,
    shrinks: failure.shrinks,
    shrinkBudgetExhausted: failure.shrinkBudgetExhausted,
    minimizeAttempts: failure.minimizeAttempts,
    replay: `npm run fuzz -- --replay ${relative}`,
    workspace: `${path.relative(REPO, dir)}/workspace`,
    ...extra,
    input: failure.input,
  };
  writeFileSync(jsonFile, JSON.stringify(body, null, 2) + '\n');
  return relative;
}

/** A readable preview of a file for the console: control characters escaped, long runs cut. */
export function preview(bytes: Uint8Array, max = 600): string {
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, max * 4));
  const escaped = JSON.stringify(text.length > max ? text.slice(0, max) : text).slice(1, -1);
  return escaped + (bytes.length > max ? ` ... (${bytes.length} bytes)` : '');
}
