/**
 * Which characters of a fixed text the fix wrote: a Myers diff against the original, by lines first and then by
 * characters inside changed lines. Independent of how the fix loop works, so it survives changes to it.
 */

/** Myers' O(ND) diff: the index pairs (i, j) where a[i] === b[j] lie on a shortest edit script; undefined past maxD. */
function matches(a: ArrayLike<number>, b: ArrayLike<number>, maxD: number): [number, number][] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxD);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) (x++, y++);
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, offset, n, m, a, b);
    }
  }
  return undefined;
}

function backtrack(trace: Int32Array[], offset: number, n: number, m: number, a: ArrayLike<number>, b: ArrayLike<number>): [number, number][] {
  const pairs: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const v = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : v[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY && a[x - 1] === b[y - 1]) pairs.push([--x, --y]);
    if (d > 0) {
      x = prevX;
      y = prevY;
    }
  }
  while (x > 0 && y > 0 && a[x - 1] === b[y - 1]) pairs.push([--x, --y]);
  return pairs.reverse();
}

function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const codes = (s: string) => Uint16Array.from(s, (_, i) => s.charCodeAt(i));

/**
 * A mask over `fixed`: 1 where the character was written by the fix (not matched to the original).
 * Undefined when the texts differ too much to diff cheaply; callers then skip the check.
 */
export function writtenMask(original: string, fixed: string): Uint8Array | undefined {
  const mask = new Uint8Array(fixed.length);
  let start = 0;
  while (start < original.length && start < fixed.length && original[start] === fixed[start]) start++;
  let endA = original.length;
  let endB = fixed.length;
  while (endA > start && endB > start && original[endA - 1] === fixed[endB - 1]) (endA--, endB--);
  const la = lines(original.slice(start, endA));
  const lb = lines(fixed.slice(start, endB));
  const ids = new Map<string, number>();
  const id = (l: string) => ids.get(l) ?? (ids.set(l, ids.size), ids.size - 1);
  const pairs = matches(la.map(id), lb.map(id), 1000);
  if (!pairs) return undefined;
  const offA = [start];
  for (const l of la) offA.push(offA[offA.length - 1] + l.length);
  const offB = [start];
  for (const l of lb) offB.push(offB[offB.length - 1] + l.length);
  // Between matched lines, a hunk: diff its characters. Too different to diff: no answer rather than a guess.
  let i = 0;
  let j = 0;
  for (const [mi, mj] of [...pairs, [la.length, lb.length] as [number, number]]) {
    const a = original.slice(offA[i], offA[mi]);
    const b = fixed.slice(offB[j], offB[mj]);
    if (b.length) {
      const chars = a.length ? matches(codes(a), codes(b), 500) : [];
      if (!chars) return undefined;
      mask.fill(1, offB[j], offB[mj]);
      for (const [, cj] of chars) mask[offB[j] + cj] = 0;
    }
    i = mi + 1;
    j = mj + 1;
  }
  return mask;
}
