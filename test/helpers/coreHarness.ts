import { InMemoryWorkspace } from '../../server/src/core/workspace';
import { PolicyAnalyzer, type BuiltinContent } from '../../server/src/core/analyzer';
import { loadBuiltins } from '../../server/src/node/builtins';
import type { DateOnly } from '../../server/src/core/dates';

/** A fixed "today" for every core test, so review findings do not change with the calendar. */
export const TODAY: DateOnly = { year: 2026, month: 12, day: 1 };
export const ROOT = '/ws';

/** The real built-in catalogs and templates, loaded once for the whole test run. */
const builtins: Promise<BuiltinContent> = loadBuiltins();
export const sharedBuiltins = (): Promise<BuiltinContent> => builtins;

/** Opens an analyzer on in-memory files, keyed by path relative to the root. */
export async function openWorkspace(files: Record<string, string | Uint8Array>, today: DateOnly = TODAY): Promise<{ analyzer: PolicyAnalyzer; workspace: InMemoryWorkspace }> {
  const workspace = new InMemoryWorkspace(Object.fromEntries(Object.entries(files).map(([p, c]) => [`${ROOT}/${p}`, c])));
  const analyzer = await PolicyAnalyzer.open({ root: ROOT, workspace, builtins: await sharedBuiltins(), today: () => today });
  return { analyzer, workspace };
}

/** Removes `[[` `]]` markers from a fixture and returns the clean text and the marked offsets. */
export function markedRanges(marked: string): { text: string; ranges: { start: number; end: number }[] } {
  const ranges: { start: number; end: number }[] = [];
  let text = '';
  let open = -1;
  for (let i = 0; i < marked.length; i++) {
    if (marked.startsWith('[[', i)) {
      open = text.length;
      i++;
    } else if (marked.startsWith(']]', i) && open >= 0) {
      ranges.push({ start: open, end: text.length });
      open = -1;
      i++;
    } else text += marked[i];
  }
  return { text, ranges };
}
