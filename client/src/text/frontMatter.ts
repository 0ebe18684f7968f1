/** Small front matter edits on raw text. Pure: no vscode import, unit-tested directly. */

export interface LineEdit {
  /** 0-based line to replace, or to insert before when `insert` is true. */
  line: number;
  insert: boolean;
  text: string;
}

/** Where the native front matter (between the opening and closing `---`) ends, or undefined without one. */
function frontMatterEnd(lines: string[]): number | undefined {
  if (!/^---\s*$/.test(lines[0] ?? '')) return undefined;
  for (let i = 1; i < lines.length; i++) if (/^(---|\.\.\.)\s*$/.test(lines[i])) return i;
  return undefined;
}

/**
 * The edit that sets `last_reviewed` to `date` (YYYY-MM-DD): replaces the existing key, or adds it after
 * `review_cycle`/`effective` (else before the closing `---`). Undefined when the document has no native front
 * matter (comply documents record reviews in `majorRevisions`, which is not ours to invent).
 */
export function lastReviewedEdit(text: string, date: string): LineEdit | undefined {
  const lines = text.split(/\r?\n/);
  const end = frontMatterEnd(lines);
  if (end === undefined) return undefined;
  for (let i = 1; i < end; i++) {
    const m = /^last_reviewed:\s*([^#]*?)(\s+#.*)?$/.exec(lines[i]);
    if (m) return { line: i, insert: false, text: `last_reviewed: ${date}${m[2] ?? ''}` };
  }
  let after = -1;
  for (let i = 1; i < end; i++) if (/^(effective|review_cycle):/.test(lines[i])) after = i;
  return { line: after >= 0 ? after + 1 : end, insert: true, text: `last_reviewed: ${date}` };
}

/** Today as YYYY-MM-DD in local time (what a reviewer means by "today"). */
export function localDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A valid YYYY-MM-DD date, or undefined. */
export function validDate(value: string | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value) ? value : undefined;
}

/** A line edit that maps a criterion, with the column the id lands at (to select it for the author). */
export interface MappingEdit extends LineEdit {
  column: number;
}

/**
 * The edit that adds `id` to the front matter's `controls`, in the style already used: appended to a flow list
 * (`[a, b]`), as a new block item (`- a`), a scalar turned into a list, or a new `controls: [id]` key. Undefined
 * without native front matter, or when the document already maps `id` there.
 */
export function addControlEdit(text: string, id: string): MappingEdit | undefined {
  const lines = text.split(/\r?\n/);
  const end = frontMatterEnd(lines);
  if (end === undefined) return undefined;
  const key = lines.slice(1, end).findIndex((l) => /^controls:/.test(l)) + 1;
  if (key === 0) return { line: end, insert: true, text: `controls: [${id}]`, column: 'controls: ['.length };
  const value = lines[key].replace(/^controls:/, '').replace(/\s+#.*$/, '').trim();
  const flow = /^\[(.*)\]$/.exec(value);
  if (flow || (value && !value.startsWith('['))) {
    const ids = (flow ? flow[1] : value).split(',').map((s) => s.trim()).filter(Boolean);
    if (ids.includes(id)) return undefined;
    const prefix = `controls: [${ids.map((i) => `${i}, `).join('')}`;
    return { line: key, insert: false, text: `${prefix}${id}]`, column: prefix.length };
  }
  let last = key;
  while (last + 1 < end && /^\s+-\s/.test(lines[last + 1])) last++;
  const items = lines.slice(key + 1, last + 1).map((l) => l.replace(/^\s+-\s+/, '').trim());
  if (items.includes(id)) return undefined;
  if (last === key) return { line: key, insert: false, text: `controls: [${id}]`, column: 'controls: ['.length };
  const indent = /^(\s+-\s+)/.exec(lines[last])![1];
  return { line: last + 1, insert: true, text: `${indent}${id}`, column: indent.length };
}
