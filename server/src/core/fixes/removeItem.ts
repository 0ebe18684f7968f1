import { isSeq, type Node } from 'yaml';
import type { MappingList } from '../parse/frontMatter';
import type { Section } from '../parse/markdownBody';
import type { PolicyDocument } from '../parse/policyDocument';
import type { Span, TextEdit } from '../types';

/**
 * The edit that deletes one item of a front-matter list, keeping the list well-formed: in a flow list the item
 * goes with one separator (`[a, b]` to `[a]`, a lone item leaves `[]`); in a block list its whole line goes.
 * Undefined when the value is not a list (a single id written as a scalar).
 */
export function removeListItem(doc: PolicyDocument, list: MappingList, index: number): TextEdit | undefined {
  if (!isSeq(list.node) || !doc.frontMatter) return undefined;
  const base = doc.frontMatter.source.base;
  const items = list.node.items as Node[];
  if (!items[index]?.range) return undefined;
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

/**
 * The edit that deletes one id of a section tag (`<!-- controls: a, b -->`) with one separator. The tag's only
 * id takes the whole tag line with it: an empty tag says nothing.
 */
export function removeTagId(doc: PolicyDocument, section: Section, index: number): TextEdit | undefined {
  const ids = section.tag?.ids ?? [];
  const id = ids[index];
  if (!id) return undefined;
  if (index > 0) return { span: { start: ids[index - 1].span.end, end: id.span.end }, newText: '' };
  if (ids.length > 1) return { span: { start: id.span.start, end: ids[1].span.start }, newText: '' };
  const tag = section.tag!.span;
  const firstLine = doc.lines.positionAt(tag.start).line;
  const lastLine = doc.lines.positionAt(tag.end).line;
  const end = lastLine + 1 < doc.lines.lineCount ? doc.lines.lineStart(lastLine + 1) : doc.text.length;
  return { span: { start: doc.lines.lineStart(firstLine), end }, newText: '' };
}
