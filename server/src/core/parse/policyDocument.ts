import { LineIndex } from '../text/lineIndex';
import type { Span } from '../types';
import { basename, dirname } from '../paths';
import { readFrontMatter, mappingLists, type FrontMatter, type MappingList } from './frontMatter';
import { parseMarkdownBody, type MarkdownBody } from './markdownBody';
import { nodeAt, keyAt, spanOf } from '../yaml/yamlSource';
import { compareDates, parseDate, type DateOnly } from '../dates';

/** A front-matter value with where it is written. */
export interface Field<T = string> {
  value: T;
  span: Span;
  keySpan: Span;
}

/** Everything the rules and the coverage model need to know about one Markdown file. */
export interface PolicyDocument {
  file: string;
  text: string;
  lines: LineIndex;
  frontMatter?: FrontMatter;
  /** A policy document has a mapping key; other Markdown is checked only when the include globs name it. */
  hasMappingKey: boolean;
  mappings: MappingList[];
  body: MarkdownBody;
  /** Stable id: front matter `id`, or the file name without extension. */
  id: string;
  idField?: Field;
  title?: Field;
  type: string;
  typeField?: Field;
  status: string;
  statusField?: Field;
  owner?: Field;
  template?: Field;
  lastReviewed?: Field<unknown>;
  /** The newest comply `majorRevisions` date, standing in for last_reviewed. */
  lastRevision?: { date: DateOnly; span: Span };
  reviewCycle?: Field;
  h1?: Span;
}

// A Map: the folder name is user text (a folder named "constructor" must not reach the prototype).
const FOLDER_TYPES = new Map(Object.entries({ policies: 'policy', procedures: 'procedure', narratives: 'narrative', standards: 'standard', plans: 'plan' }));

export function parsePolicyDocument(file: string, text: string): PolicyDocument {
  const lines = new LineIndex(text);
  const frontMatter = readFrontMatter(text);
  // comply's YAML header is not Markdown: blank it (keeping offsets) so remark does not read it as a heading.
  const masked = frontMatter?.format === 'comply' ? text.slice(0, frontMatter.bodyStart).replace(/[^\r\n]/g, ' ') + text.slice(frontMatter.bodyStart) : text;
  const body = parseMarkdownBody(masked);
  const mappings = frontMatter ? mappingLists(frontMatter) : [];
  const field = (key: string): Field | undefined => {
    if (!frontMatter) return undefined;
    const node = nodeAt(frontMatter.source, [key]);
    const keyNode = keyAt(frontMatter.source, [key]);
    const value = Object.hasOwn(frontMatter.data, key) ? frontMatter.data[key] : undefined;
    if (!keyNode || value === undefined || value === null) return undefined;
    const span = spanOf(frontMatter.source, node) ?? spanOf(frontMatter.source, keyNode)!;
    return { value: typeof value === 'string' ? value.trim() : String(value), span, keySpan: spanOf(frontMatter.source, keyNode)! };
  };
  const comply = frontMatter?.format === 'comply';
  const folder = basename(dirname(file)).toLowerCase();
  const typeField = field('type');
  const statusField = field('status');
  const idField = field('id');
  const h1 = body.sections.find((s) => s.depth === 1)?.headingSpan;
  // The raw value, not its string form: dates are judged by review-overdue.
  const lastReviewed = field('last_reviewed');
  return {
    file,
    text,
    lines,
    frontMatter,
    // Broken YAML has no parsed keys; a mapping key in its text still marks the file as a policy document.
    hasMappingKey: mappings.length > 0 || (!!frontMatter?.source.errors.length && /^(controls|satisfies|frameworks)\s*:/m.test(frontMatter.source.text)),
    mappings,
    body,
    id: idField?.value || basename(file).replace(/\.(md|markdown)$/i, ''),
    idField,
    title: field('title') ?? (comply ? field('name') : undefined),
    type: typeField?.value ?? FOLDER_TYPES.get(folder) ?? 'policy',
    typeField,
    status: statusField?.value ?? (comply ? 'approved' : 'draft'),
    statusField,
    owner: field('owner'),
    template: field('template'),
    lastReviewed: lastReviewed ? { ...lastReviewed, value: frontMatter!.data.last_reviewed } : undefined,
    lastRevision: comply ? newestRevision(frontMatter!) : undefined,
    reviewCycle: field('review_cycle'),
    h1,
  };
}

function newestRevision(fm: FrontMatter): { date: DateOnly; span: Span } | undefined {
  const revisions = fm.data.majorRevisions;
  if (!Array.isArray(revisions)) return undefined;
  let newest: { date: DateOnly; span: Span } | undefined;
  revisions.forEach((revision, index) => {
    const date = parseDate((revision as { date?: unknown })?.date);
    const span = spanOf(fm.source, nodeAt(fm.source, ['majorRevisions', index, 'date']));
    if (!date || !span) return;
    if (!newest || compareDates(date, newest.date) > 0) newest = { date, span };
  });
  return newest;
}
