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
  // A fix that edits other files too is for a person to choose, never applied to one text.
  return findings.flatMap((f) => f.fixes?.find((fix) => fix.preferred && fix.edits.every((e) => e.file === undefined))?.edits ?? []);
}

/**
 * Fixes a text until no preferred fix is left (or `maxPasses` is reached), re-checking after every pass
 * so each fix is proven against a fresh analysis. A pass whose fixes leave their findings in place (an insertion
 * swallowed by an unclosed comment, say) is undone and those fixes are not tried again: every run would
 * otherwise add the same text once more, and a second `--fix` would not be a no-op.
 */
export function fixUntilStable(
  text: string,
  check: (text: string) => readonly Finding[],
  options: { maxPasses?: number; editsOf?: (findings: readonly Finding[]) => TextEdit[] } = {},
): { text: string; passes: number; remaining: readonly Finding[] } {
  const { maxPasses = 10, editsOf = preferredEdits } = options;
  let current = text;
  let findings = check(current);
  const ineffective = new Set<string>();
  let passes = 0;
  for (let attempt = 1; attempt <= maxPasses * 2 && passes < maxPasses; attempt++) {
    const chosen = findings.filter((f) => !ineffective.has(findingKey(f)));
    const edits = editsOf(chosen);
    if (!edits.length) break;
    const { text: next, applied } = applyEdits(current, edits);
    if (next === current) break;
    const after = check(next);
    // A pass that breaks the front matter would lose the user's work on the next read: keep the last good text.
    if (count(after, 'frontmatter-invalid') > count(findings, 'frontmatter-invalid')) {
      check(current);
      break;
    }
    const appliedKeys = new Set(applied.map(editKey));
    const attempted = chosen.filter((f) => editsOf([f]).some((e) => appliedKeys.has(editKey(e))));
    const before = tally(findings);
    const remaining = tally(after);
    const stuck = [...new Set(attempted.map(findingKey))].filter((key) => (remaining.get(key) ?? 0) >= (before.get(key) ?? 0));
    if (stuck.length) {
      stuck.forEach((key) => ineffective.add(key));
      check(current);
      continue;
    }
    current = next;
    findings = after;
    passes++;
  }
  return { text: current, passes, remaining: findings };
}

const count = (findings: readonly Finding[], code: string) => findings.filter((f) => f.code === code).length;
const findingKey = (f: Finding) => `${f.code}\u0000${f.subject ?? ''}\u0000${f.message}`;
function tally(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(findingKey(f), (counts.get(findingKey(f)) ?? 0) + 1);
  return counts;
}
const editKey = (e: TextEdit) => `${e.span.start}:${e.span.end}:${e.newText}`;
