import { isScalar, isSeq, type Node } from 'yaml';
import type { PolicyDocument } from '../parse/policyDocument';
import type { TextEdit } from '../types';

/**
 * The edit that adds a TSC id to a document's front matter, in the style already used:
 * appended to a flow list, as a new block item, or as a new `controls:` (native) / `satisfies:` (comply) key.
 * Returns undefined when the document has no front matter to add to.
 */
export function addTscMapping(doc: PolicyDocument, id: string): { edit: TextEdit; key: string } | undefined {
  const fm = doc.frontMatter;
  if (!fm || fm.unclosed || fm.source.errors.length) return undefined;
  const list = doc.mappings.find((l) => l.catalogId === 'tsc');
  const edit = editFor(doc, id);
  if (!edit) return undefined;
  return { edit, key: list ? list.path.join('.') : fm.format === 'comply' ? 'satisfies.TSC' : 'controls' };
}

function editFor(doc: PolicyDocument, id: string): TextEdit | undefined {
  const fm = doc.frontMatter!;
  const eol = doc.lines.eol;
  const list = doc.mappings.find((l) => l.catalogId === 'tsc');
  if (list && isScalar(list.node) && list.items.length === 1) {
    // `controls: CC6.1` (one id, not a list): make it a list rather than adding a second key.
    const item = list.items[0];
    const span = { start: fm.source.base + list.node.range![0], end: fm.source.base + list.node.range![1] };
    return { span, newText: `[${item.raw}, ${id}]` };
  }
  if (list && isSeq(list.node)) {
    const items = list.node.items as Node[];
    const base = fm.source.base;
    if (list.flow) {
      const last = items[items.length - 1];
      if (last?.range) return { span: { start: base + last.range[1], end: base + last.range[1] }, newText: `, ${id}` };
      // Empty flow list `[]`: insert between the brackets.
      const open = base + list.node.range![0] + 1;
      return { span: { start: open, end: open }, newText: id };
    }
    const last = items[items.length - 1];
    const lastLine = doc.lines.positionAt(base + last.range![0]).line;
    const indent = doc.text.slice(doc.lines.lineStart(lastLine), base + last.range![0]);
    const at = doc.lines.lineEnd(lastLine);
    return { span: { start: at, end: at }, newText: `${eol}${indent}${id}` };
  }
  if (list && !list.node) {
    // `controls:` with no value: give it a flow list.
    const at = list.keySpan.end + 1;
    const lineEnd = doc.lines.lineEnd(doc.lines.positionAt(list.keySpan.start).line);
    return { span: { start: at, end: lineEnd }, newText: ` [${id}]` };
  }
  if (list) return undefined; // some other shape (a map, a number): frontmatter-invalid asks the user to fix it first
  const at = fm.closeSpan.start;
  const text = fm.format === 'comply' ? `satisfies:${eol}  TSC:${eol}    - ${id}${eol}` : `controls: [${id}]${eol}`;
  // Front matter whose last line has no line break (`---` right after the text) needs one first.
  const needsBreak = at > 0 && doc.text[at - 1] !== '\n';
  return { span: { start: at, end: at }, newText: (needsBreak ? eol : '') + text };
}
