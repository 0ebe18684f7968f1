import type { PolicyDocument } from '../parse/policyDocument';
import { parsePolicyDocument } from '../parse/policyDocument';
import type { Fix, TextEdit } from '../types';
import { addTscMapping } from './addMapping';
import { applyEdits } from './applyFixes';

/**
 * The fix that maps TSC criteria into a document's front matter: the add-mapping edit for each id in turn,
 * re-read after each so a block list gets one item per id. A document without front matter gets one.
 * Undefined when the front matter cannot take a mapping (invalid YAML, `controls` of another shape).
 */
export function mapCriteriaFix(doc: PolicyDocument, ids: readonly string[], title: string): Fix | undefined {
  if (!ids.length) return undefined;
  if (!doc.frontMatter) {
    const eol = doc.lines.eol;
    const firstLine = doc.text.slice(0, doc.lines.lineEnd(0));
    return { title, edits: [{ span: { start: 0, end: firstLine.length }, newText: `---${eol}controls: [${ids.join(', ')}]${eol}---${eol}${eol}${firstLine}` }] };
  }
  // Only the front matter is re-read between ids: re-parsing the whole body per id made this fix cost seconds on large documents.
  const body = doc.text.slice(doc.frontMatter.bodyStart);
  let current = parsePolicyDocument(doc.file, doc.text.slice(0, doc.frontMatter.bodyStart));
  for (const id of ids) {
    const added = addTscMapping(current, id);
    if (!added) return undefined;
    current = parsePolicyDocument(doc.file, applyEdits(current.text, [added.edit]).text);
  }
  return { title, edits: [changedLines(doc, current.text + body)] };
}

/**
 * One edit over the whole lines that changed: small enough that the rest of the document (and the cursor) stays
 * put, and wide enough that two of these fixes applied in one pass overlap, so the second waits for a re-read
 * rather than both inserting at the same point (`[CC6.1CC6.2]`).
 */
function changedLines(doc: PolicyDocument, after: string): TextEdit {
  const before = doc.text;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const from = doc.lines.lineStart(doc.lines.positionAt(start).line);
  const to = Math.max(before.length - end, doc.lines.lineEnd(doc.lines.positionAt(before.length - end).line));
  return { span: { start: from, end: to }, newText: after.slice(from, after.length - (before.length - to)) };
}
