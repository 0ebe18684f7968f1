import type { Finding, TextEdit } from '../types';

/**
 * Applies text edits to a text. Identical edits are applied once (two findings may propose the same insertion);
 * an edit overlapping one already taken is skipped and returned, to be retried on the next pass.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: TextEdit[]; skipped: TextEdit[] } {
  const unique = new Map<string, TextEdit>();
  for (const edit of edits) unique.set(`${edit.span.start}:${edit.span.end}:${edit.newText}`, edit);
  const sorted = [...unique.values()].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const applied: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  let lastEnd = -1;
  for (const edit of sorted) {
    // Insertions at the same point are all kept, in order; a replacement may not start inside an earlier one.
    if (edit.span.start < lastEnd) {
      skipped.push(edit);
      continue;
    }
    applied.push(edit);
    lastEnd = Math.max(lastEnd, edit.span.end);
  }
  let result = text;
  for (const edit of [...applied].reverse()) {
    result = result.slice(0, edit.span.start) + edit.newText + result.slice(edit.span.end);
  }
  return { text: result, applied, skipped };
}

/** The edits of the preferred fix of each finding: what `--fix` and "fix all" apply. */
export function preferredEdits(findings: readonly Finding[]): TextEdit[] {
  return findings.flatMap((f) => f.fixes?.find((fix) => fix.preferred)?.edits ?? []);
}

/**
 * Fixes a text until no preferred fix is left (or `maxPasses` is reached), re-checking after every pass
 * so each fix is proven against a fresh analysis.
 */
export function fixUntilStable(
  text: string,
  check: (text: string) => readonly Finding[],
  options: { maxPasses?: number; editsOf?: (findings: readonly Finding[]) => TextEdit[] } = {},
): { text: string; passes: number; remaining: readonly Finding[] } {
  const { maxPasses = 10, editsOf = preferredEdits } = options;
  let current = text;
  let findings = check(current);
  for (let pass = 1; pass <= maxPasses; pass++) {
    const edits = editsOf(findings);
    if (!edits.length) return { text: current, passes: pass - 1, remaining: findings };
    const { text: next } = applyEdits(current, edits);
    if (next === current) return { text: current, passes: pass - 1, remaining: findings };
    const after = check(next);
    // A pass that breaks the front matter would lose the user's work on the next read: keep the last good text.
    if (count(after, 'frontmatter-invalid') > count(findings, 'frontmatter-invalid')) {
      check(current);
      return { text: current, passes: pass - 1, remaining: findings };
    }
    current = next;
    findings = after;
  }
  return { text: current, passes: maxPasses, remaining: findings };
}

const count = (findings: readonly Finding[], code: string) => findings.filter((f) => f.code === code).length;
