import { isMap } from 'yaml';
import { TSC_ID_SHAPE, type CatalogSet } from '../core/catalog/catalog';
import type { PolicyDocument } from '../core/parse/policyDocument';
import type { LineIndex } from '../core/text/lineIndex';
import type { Span } from '../core/types';
import { spanOf } from '../core/yaml/yamlSource';
import type { DocumentTarget } from '../session/session';
import { contains } from './common';

/** Where an id is written. */
export type IdPlace = 'frontmatter' | 'tag' | 'mention' | 'text';

/** A control id at a position: in a mapping list, a section tag, a body mention, or any criterion-shaped word. */
export interface IdAt {
  kind: 'id';
  id: string;
  catalogId: string;
  span: Span;
  place: IdPlace;
}

/** A top-level front-matter key at a position. */
export interface KeyAt {
  kind: 'key';
  key: string;
  span: Span;
  format: 'native' | 'comply';
}

/**
 * What a position points at, from the core's parse of the document (the exact tokens the rules saw),
 * falling back to criterion-shaped words for other files such as soc2-policy.yaml.
 */
export function targetAt(target: DocumentTarget, offset: number): IdAt | KeyAt | undefined {
  const doc = target.doc;
  if (doc) {
    const id = idTokenAt(doc, offset);
    if (id) return id;
    const key = frontMatterKeyAt(doc, offset);
    if (key) return key;
  }
  return criterionWordAt(target.text, target.lines, offset);
}

export function idTokenAt(doc: PolicyDocument, offset: number): IdAt | undefined {
  for (const occurrence of idOccurrences(doc)) {
    if (contains(occurrence.span, offset)) return occurrence;
  }
  return undefined;
}

/** Every id the document writes: mapping items (any catalog), section tags and body mentions (TSC). */
export function idOccurrences(doc: PolicyDocument): IdAt[] {
  const result: IdAt[] = [];
  for (const list of doc.mappings) {
    for (const item of list.items) result.push({ kind: 'id', id: item.raw, catalogId: list.catalogId, span: item.span, place: 'frontmatter' });
  }
  for (const section of doc.body.sections) {
    for (const id of section.tag?.ids ?? []) result.push({ kind: 'id', id: id.raw, catalogId: 'tsc', span: id.span, place: 'tag' });
  }
  for (const mention of doc.body.mentions) result.push({ kind: 'id', id: mention.raw, catalogId: 'tsc', span: mention.span, place: 'mention' });
  return result;
}

/** Whether an occurrence refers to a control: the id itself, or (for a criterion) one of its points of focus. */
export function refersTo(occurrence: IdAt, id: string, catalogId: string, catalogs: CatalogSet): boolean {
  if (occurrence.catalogId !== catalogId) return false;
  return occurrence.id === id || catalogs.pointOfFocus(occurrence.id, catalogId)?.parent === id;
}

function frontMatterKeyAt(doc: PolicyDocument, offset: number): KeyAt | undefined {
  const fm = doc.frontMatter;
  if (!fm || !contains(fm.span, offset)) return undefined;
  const contents = fm.source.doc.contents;
  if (!isMap(contents)) return undefined;
  for (const pair of contents.items) {
    const span = spanOf(fm.source, pair.key as Parameters<typeof spanOf>[1]);
    if (span && contains(span, offset)) return { kind: 'key', key: String((pair.key as { value?: unknown }).value ?? ''), span, format: fm.format };
  }
  return undefined;
}

function criterionWordAt(text: string, lines: LineIndex, offset: number): IdAt | undefined {
  const line = lines.positionAt(offset).line;
  const start = lines.lineStart(line);
  const content = text.slice(start, lines.lineEnd(line));
  for (const match of content.matchAll(TSC_ID_SHAPE)) {
    const span = { start: start + match.index!, end: start + match.index! + match[0].length };
    if (contains(span, offset)) return { kind: 'id', id: match[0], catalogId: 'tsc', span, place: 'text' };
  }
  return undefined;
}
