import { performance } from 'node:perf_hooks';

/**
 * Runs a full collection when node was started with --expose-gc, so one section's garbage is not billed
 * to the next. Only between sections: a forced GC right before each timed call shrinks the young
 * generation and made allocation-heavy remark parses 2-3x slower than in normal operation.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile: with few samples, interpolating would invent values that were never measured. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Milliseconds with two decimals: enough resolution, and stable-looking JSON. */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export async function timeOnce(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * Times `runs` calls after `warmups` untimed ones (the first calls pay for JIT compilation and lazy
 * initialisation, which an editor session pays once).
 */
export async function timeRuns(runs: number, fn: () => unknown, warmups = 1): Promise<number[]> {
  collectGarbage();
  for (let i = 0; i < warmups; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeOnce(fn));
  return times;
}
