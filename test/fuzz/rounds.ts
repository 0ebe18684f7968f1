/**
 * Runs a property with fast-check until the run budget is spent, collecting *distinct* failures: fast-check stops
 * at the first failure, so each round shrinks one new failure signature, then the next round (another seed)
 * treats known signatures as passing and looks for the next one.
 */
import fc from 'fast-check';
import { errorSignature, type Outcome, type Violation } from './invariants';
import { minimizeFiles, type Files } from './minimize';

export type PhaseName = 'core' | 'cli' | 'server';

export interface Phase<T> {
  name: PhaseName;
  arbitrary: fc.Arbitrary<T>;
  run(input: T): Promise<Outcome>;
  numRuns: number;
  /** The input's files and the input with other files, for the minimizer. */
  files(input: T): Files;
  withFiles(input: T, files: Files): T;
  /** Simpler variants to try before minimizing files (a server case without one of its actions). */
  smaller?(input: T): T[];
}

export interface FoundFailure<T> {
  phase: PhaseName;
  signature: string;
  /** The violation with that signature on the shrunk input, and every violation of that input. */
  violation: Violation;
  violations: Violation[];
  input: T;
  seed: number;
  runsBeforeFailure: number;
  shrinks: number;
  /** True when the shrink time budget ran out: the input is smaller, not necessarily minimal. */
  shrinkBudgetExhausted: boolean;
  /** Evaluations the file minimizer made after fast-check's shrinking. */
  minimizeAttempts: number;
}

export interface RoundOptions<T> {
  seed: number;
  shrinkBudgetMs: number;
  minimizeBudgetMs: number;
  maxFailures: number;
  /** Called for every generated case (not for shrink attempts). */
  onCase(outcome: Outcome, input: T): void;
  onFailure(failure: FoundFailure<T>): void;
}

async function safeRun<T>(phase: Phase<T>, input: T): Promise<Outcome> {
  try {
    return await phase.run(input);
  } catch (error) {
    // A bug of the harness itself is reported, not mistaken for a property failure of the product.
    return { violations: [{ kind: 'harness', ...errorSignature(`harness-${phase.name}`, error) }], timings: [] };
  }
}

export async function findDistinctFailures<T>(phase: Phase<T>, known: Set<string>, options: RoundOptions<T>): Promise<{ cases: number; shrinkAttempts: number }> {
  let remaining = phase.numRuns;
  let cases = 0;
  let shrinkAttempts = 0;
  let found = 0;
  for (let round = 0; remaining > 0 && found < options.maxFailures; round++) {
    const seed = (options.seed + round * 7919) | 0;
    const state = { generated: 0, target: undefined as string | undefined, shrinkStart: 0, budgetHit: false, last: undefined as Outcome | undefined };
    const property = fc.asyncProperty(phase.arbitrary, async (input) => {
      if (state.target !== undefined && performance.now() - state.shrinkStart > options.shrinkBudgetMs) {
        // Out of shrink time: every further candidate "passes", which ends shrinking at the current input.
        state.budgetHit = true;
        return true;
      }
      const outcome = await safeRun(phase, input);
      if (state.target === undefined) {
        state.generated++;
        options.onCase(outcome, input);
      } else shrinkAttempts++;
      const hit = outcome.violations.find((v) => (state.target === undefined ? !known.has(v.signature) : v.signature === state.target));
      if (!hit) return true;
      if (state.target === undefined) {
        state.target = hit.signature;
        state.shrinkStart = performance.now();
      }
      state.last = outcome;
      return false;
    });
    const details = await fc.check(property, { numRuns: remaining, seed });
    cases += state.generated;
    remaining -= state.generated;
    if (!details.failed || state.target === undefined || !state.last || !details.counterexample) break;
    known.add(state.target);
    found++;
    const target = state.target;
    let input = details.counterexample[0] as T;
    let outcome = state.last;
    const stillFails = async (candidate: T) => {
      const result = await safeRun(phase, candidate);
      if (!result.violations.some((v) => v.signature === target)) return false;
      input = candidate;
      outcome = result;
      return true;
    };
    // Time failures are not minimized: every attempt costs seconds, and a smaller input is rarely still slow.
    const timeFailure = ['slow', 'hang'].includes(outcome.violations.find((v) => v.signature === target)!.kind);
    const deadline = performance.now() + (timeFailure ? 0 : options.minimizeBudgetMs);
    let attempts = 0;
    for (let progress = true; progress && phase.smaller && performance.now() < deadline; ) {
      progress = false;
      for (const candidate of phase.smaller(input)) {
        attempts++;
        if (performance.now() > deadline || (await stillFails(candidate))) {
          progress = performance.now() <= deadline;
          break;
        }
      }
    }
    const minimized = await minimizeFiles(phase.files(input), (files) => stillFails(phase.withFiles(input, files)), Math.max(0, deadline - performance.now()));
    options.onFailure({
      phase: phase.name,
      signature: target,
      violation: outcome.violations.find((v) => v.signature === target)!,
      violations: outcome.violations,
      input,
      seed,
      runsBeforeFailure: state.generated,
      shrinks: details.numShrinks,
      shrinkBudgetExhausted: state.budgetHit,
      minimizeAttempts: attempts + minimized.attempts,
    });
  }
  return { cases, shrinkAttempts };
}
