import { isSeq, type Node } from 'yaml';
import type { DocumentRule } from './rule';
import type { MappingList } from '../parse/frontMatter';
import type { PolicyDocument } from '../parse/policyDocument';
import type { Span, TextEdit } from '../types';

/** The edit that deletes one list item, keeping the list well-formed in flow and block style. */
function removeItem(doc: PolicyDocument, list: MappingList, index: number): TextEdit | undefined {
  if (!isSeq(list.node) || !doc.frontMatter) return undefined;
  const base = doc.frontMatter.source.base;
  const items = list.node.items as Node[];
  const range = (i: number): Span => ({ start: base + items[i].range![0], end: base + items[i].range![1] });
  if (list.flow) {
    // Remove ", X" after the previous item, or "X, " before the next one.
    if (index > 0) return { span: { start: range(index - 1).end, end: range(index).end }, newText: '' };
    if (items.length > 1) return { span: { start: range(0).start, end: range(1).start }, newText: '' };
    return { span: range(0), newText: '' };
  }
  const line = doc.lines.positionAt(range(index).start).line;
  return { span: { start: doc.lines.lineStart(line), end: doc.lines.lineStart(line + 1) }, newText: '' };
}

export const duplicateCriterion: DocumentRule = {
  kind: 'document',
  code: 'duplicate-criterion',
  defaultSeverity: 'warning',
  summary: 'The same id appears twice in one mapping list or section tag.',
  check(ctx) {
    const { doc } = ctx;
    for (const list of doc.mappings) {
      const seen = new Set<string>();
      for (const item of list.items) {
        if (seen.has(item.raw)) {
          const edit = removeItem(doc, list, item.index);
          ctx.report({
            span: item.span,
            subject: item.raw,
            message: `${item.raw} is listed twice in ${list.path.join('.')}. Remove the duplicate.`,
            fixes: edit ? [{ title: `Remove duplicate ${item.raw}`, edits: [edit], preferred: true }] : undefined,
          });
        }
        seen.add(item.raw);
      }
    }
    for (const section of doc.body.sections) {
      const seen = new Set<string>();
      for (const id of section.tag?.ids ?? []) {
        if (seen.has(id.raw)) {
          // Remove the separator before the id together with it.
          // Scanned backwards from the id: a regex over all the text before it would be quadratic in duplicates.
          let separatorStart = id.span.start;
          while (separatorStart > 0 && /[\s,;]/.test(doc.text[separatorStart - 1])) separatorStart--;
          const separator = id.span.start - separatorStart;
          ctx.report({
            span: id.span,
            subject: id.raw,
            message: `${id.raw} is listed twice in the section tag of "${section.heading}". Remove the duplicate.`,
            fixes: [{ title: `Remove duplicate ${id.raw}`, edits: [{ span: { start: id.span.start - separator, end: id.span.end }, newText: '' }], preferred: true }],
          });
        }
        seen.add(id.raw);
      }
    }
  },
};
