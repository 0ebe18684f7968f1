/**
 * After fast-check's shrinking (which works on recipes: fewer mutations, smaller sizes, earlier seeds), a delta
 * debugging pass on the files themselves: drop whole files, then chunks of lines, then chunks of bytes, while the
 * failure keeps its signature. Seed documents shrink to the few lines that matter, which makes a regression test.
 */

export type Files = Map<string, Uint8Array>;

function splitLines(bytes: Uint8Array): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      parts.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) parts.push(bytes.subarray(start));
  return parts;
}

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Removes chunks of `units` (halves, quarters, ... single units) while `fails` holds. */
async function ddmin(units: Uint8Array[], fails: (units: Uint8Array[]) => Promise<boolean>, outOfTime: () => boolean): Promise<Uint8Array[]> {
  let current = units;
  for (let size = Math.max(1, Math.floor(current.length / 2)); size >= 1 && !outOfTime(); size = size === 1 ? 0 : Math.max(1, Math.floor(size / 2))) {
    for (let start = 0; start < current.length && !outOfTime(); ) {
      const candidate = [...current.slice(0, start), ...current.slice(start + size)];
      if (candidate.length < current.length && (await fails(candidate))) current = candidate;
      else start += size;
    }
  }
  return current;
}

/**
 * The smallest files found within `budgetMs` for which `fails` still holds. Shrinks each file by lines, then by
 * bytes (byte level only below 64 KB: slower evaluations of big inputs would eat the budget for little).
 */
export async function minimizeFiles(files: Files, fails: (files: Files) => Promise<boolean>, budgetMs: number): Promise<{ files: Files; attempts: number }> {
  if (budgetMs <= 0) return { files, attempts: 0 };
  const deadline = performance.now() + budgetMs;
  const outOfTime = () => performance.now() > deadline;
  let attempts = 0;
  const attempt = (candidate: Files) => (attempts++, fails(candidate));
  let current = new Map(files);
  for (const name of [...current.keys()]) {
    if (outOfTime() || current.size <= 1) break;
    const without = new Map(current);
    without.delete(name);
    if (await attempt(without)) current = without;
  }
  for (const name of [...current.keys()]) {
    const withFile = (bytes: Uint8Array) => new Map(current).set(name, bytes);
    const lines = await ddmin(splitLines(current.get(name)!), (units) => attempt(withFile(join(units))), outOfTime);
    current = withFile(join(lines));
    const bytes = current.get(name)!;
    if (bytes.length > 64 * 1024 || outOfTime()) continue;
    const single = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
    current = withFile(join(await ddmin(single, (units) => attempt(withFile(join(units))), outOfTime)));
  }
  return { files: current, attempts };
}
