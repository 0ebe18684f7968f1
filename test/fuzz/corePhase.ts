/** The in-process phase: every case through the core (in the worker), the bulk of the runs. */
import { caseFromFiles, caseRecipeArb, materialize, type CaseRecipe } from './cases';
import type { CoreReport } from './coreCheck';
import { errorSignature, type Outcome } from './invariants';
import type { Phase } from './rounds';
import type { WorkerClient } from './workerClient';

export interface Limits {
  /** Per-document time above which a document is a failure. */
  boundMs: number;
  /** A case with no answer after this long is killed and reported as a hang. */
  hardTimeoutMs: number;
}

export async function runCoreCase(worker: WorkerClient, recipe: CaseRecipe, limits: Limits): Promise<CoreReport> {
  const files = materialize(recipe);
  const answer = await worker.call<CoreReport>({ kind: 'core', files: [...files], boundMs: limits.boundMs }, limits.hardTimeoutMs);
  if (answer.ok) return answer.result;
  const bytes = [...files.values()].reduce((n, b) => n + b.length, 0);
  const before = answer.partial ?? { violations: [], timings: [] };
  if (answer.timedOut) {
    const hang = { kind: 'hang' as const, signature: 'hang:core', message: `the core gave no answer within ${limits.hardTimeoutMs} ms (case of ${bytes} bytes)` };
    return { violations: [...before.violations, hang], timings: [...before.timings, { file: '(whole case)', bytes, ms: limits.hardTimeoutMs, phase: 'check' }] };
  }
  // The worker died (out of memory, a crash outside any try): an internal error of the core.
  return { violations: [...before.violations, { kind: 'internal-error', ...errorSignature('worker', new Error(answer.error.split('\n')[0])) }], timings: before.timings };
}

export function corePhase(worker: WorkerClient, numRuns: number, limits: Limits): Phase<CaseRecipe> {
  return {
    name: 'core',
    arbitrary: caseRecipeArb,
    numRuns,
    run: async (recipe): Promise<Outcome> => runCoreCase(worker, recipe, limits),
    files: materialize,
    withFiles: (_, files) => caseFromFiles(files),
  };
}
