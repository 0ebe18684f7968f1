import { unified, type Processor } from 'unified';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, RootContent, Heading, Nodes } from 'mdast';
import type { Span } from '../types';
import { TSC_ID_SHAPE } from '../catalog/catalog';
import { limitPathologicalMarkdown, tableLimit, type ParseLimit } from './parseLimits';
import { extractStatements, type Statement } from './statements';

/**
 * GFM tables only (not the rest of remark-gfm): policies hold tables (roles, review schedules, and every table the
 * Word import converts), and each row is a statement.
 */
function gfmTables(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

/** Frozen once: a processor is immutable after freeze(), so sharing it is safe. */
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
const tableProcessor = processor().use(gfmTables).freeze();

/**
 * A line that could be a table's delimiter row (`|---|:--:|`): only pipes, colons, dashes, spaces and quote markers,
 * with at least one pipe and one dash. Without one the text holds no table, and the table syntax (which makes a
 * parse about 40 % slower) is left out.
 */
const DELIMITER_ROW = /^(?=[^\n\r]*\|)(?=[^\n\r]*-)[ \t>|:-]+\r?$/m;

/** The processor for a text, and the limit that kept table syntax off it (too many cells to parse quickly). */
function processorFor(text: string): { processor: typeof processor; limit?: ParseLimit } {
  if (!DELIMITER_ROW.test(text)) return { processor };
  const limit = tableLimit(text);
  return limit ? { processor, limit } : { processor: tableProcessor };
}

export interface IdToken {
  raw: string;
  span: Span;
}

export interface Section {
  heading: string;
  depth: number;
  /** The whole heading line (`## Scope`). */
  headingSpan: Span;
  /** The heading's text only. */
  textSpan: Span;
  /** From the end of the heading line to the start of the next heading of the same or higher level. */
  contentSpan: Span;
  hasContent: boolean;
  /** `<!-- controls: CC6.2, CC6.3 -->` directly under the heading. */
  tag?: { span: Span; ids: IdToken[] };
}

export interface MarkdownLink {
  url: string;
  span: Span;
}

/** Facts about the body, not its syntax tree: the mdast is dropped after parsing (most of a document's memory). */
export interface MarkdownBody {
  sections: Section[];
  mentions: IdToken[];
  links: MarkdownLink[];
  /** The text ends inside an unclosed comment or raw HTML block (`<!--`, `<script>`, ...): text appended there is not Markdown. */
  endsInRawHtml: boolean;
  /** Pathological constructs that were not parsed as Markdown (see parseLimits.ts). */
  limits: ParseLimit[];
  /** Prose sentences with their spans (headings, code and HTML left out), for criteria suggestions and wording rules. */
  statements: Statement[];
}

// One comment only: `(?!-->)` keeps a second comment on the same line out of the id list.
const SECTION_TAG = /^<!--\s*controls\s*:((?:(?!-->)[\s\S])*)-->\s*$/i;

/** Exposed for the benchmark's floor: a bare parse with the same processor. */
export function parseMarkdownTree(text: string): Root {
  return processorFor(text).processor.parse(text);
}

/**
 * Parses the Markdown. `masked` is the text with non-Markdown front matter blanked out (comply files),
 * so every offset stays an offset into the original text.
 */
export function parseMarkdownBody(masked: string): MarkdownBody {
  const limited = limitPathologicalMarkdown(masked);
  // Parse the limited text; read headings and mentions from the real one (offsets are the same).
  const chosen = processorFor(limited.text);
  const tree = chosen.processor.parse(limited.text);
  const limits = chosen.limit ? [...limited.limits, chosen.limit] : limited.limits;
  const sections = readSections(tree, masked);
  const mentions: IdToken[] = [];
  const links: MarkdownLink[] = [];
  collect(tree, masked, mentions, links);
  const statements = extractStatements(tree, masked, sections.map((s) => s.headingSpan.start));
  return { sections, mentions, links, endsInRawHtml: endsInRawHtml(tree, masked), limits, statements };
}

function readSections(tree: Root, text: string): Section[] {
  const children = tree.children;
  const sections: Section[] = [];
  children.forEach((node, index) => {
    if (node.type !== 'heading') return;
    const start = node.position!.start.offset!;
    const end = node.position!.end.offset!;
    let next = index + 1;
    while (next < children.length && !(children[next].type === 'heading' && (children[next] as Heading).depth <= node.depth)) next++;
    const contentEnd = next < children.length ? children[next].position!.start.offset! : text.length;
    const between = children.slice(index + 1, next);
    const tagNode = between[0]?.type === 'html' ? between[0] : undefined;
    const tagMatch = tagNode ? SECTION_TAG.exec(tagNode.value) : null;
    const tag = tagNode && tagMatch ? { span: spanOf(tagNode), ids: idsInTag(text, spanOf(tagNode)) } : undefined;
    const content = between.filter((n) => n !== tagNode && !(n.type === 'html' && /^<!--[\s\S]*-->\s*$/.test(n.value)));
    const textSpan = headingTextSpan(node, text);
    sections.push({
      // Inline HTML comments (notes, markers) are not part of the heading's name.
      heading: text.slice(textSpan.start, textSpan.end).replace(/<!--[\s\S]*?-->/g, '').trim(),
      depth: node.depth,
      headingSpan: { start, end },
      textSpan,
      contentSpan: { start: end, end: contentEnd },
      hasContent: content.length > 0,
      tag,
    });
  });
  return sections;
}

function headingTextSpan(node: Heading, text: string): Span {
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  if (first?.position && last?.position) return { start: first.position.start.offset!, end: last.position.end.offset! };
  const start = node.position!.start.offset!;
  const line = text.slice(start, node.position!.end.offset!);
  const hashes = /^#+\s*/.exec(line);
  return { start: start + (hashes ? hashes[0].length : 0), end: node.position!.end.offset! };
}

function idsInTag(text: string, span: Span): IdToken[] {
  const raw = text.slice(span.start, span.end);
  const open = raw.indexOf(':') + 1;
  const close = raw.lastIndexOf('-->');
  const ids: IdToken[] = [];
  const pattern = /[^\s,;]+/g;
  const inner = raw.slice(open, close);
  for (let m = pattern.exec(inner); m; m = pattern.exec(inner)) {
    const start = span.start + open + m.index;
    ids.push({ raw: m[0], span: { start, end: start + m[0].length } });
  }
  return ids;
}

/** Ids mentioned in prose, and links. Code and HTML are not prose. Iterative: a document nested thousands deep must not overflow the stack. */
function collect(root: Nodes, text: string, mentions: IdToken[], links: MarkdownLink[]): void {
  const stack: Nodes[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'yaml') continue;
    if (node.type === 'text' && node.position) {
      // Scan the source slice, not node.value: escapes and entities would shift offsets.
      const span = spanOf(node);
      const raw = text.slice(span.start, span.end);
      for (const m of raw.matchAll(TSC_ID_SHAPE)) {
        mentions.push({ raw: m[0], span: { start: span.start + m.index!, end: span.start + m.index! + m[0].length } });
      }
      continue;
    }
    if ((node.type === 'link' || node.type === 'definition') && node.position) {
      links.push({ url: node.url, span: spanOf(node) });
    }
    // Pushed in reverse so nodes are visited in document order.
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as RootContent);
  }
}

/** Whether a line appended at the end would still belong to the last block: an HTML block that never closed. */
function endsInRawHtml(tree: Root, text: string): boolean {
  // The last block may be nested (in a list or quote): follow the last child down.
  let node: Nodes | undefined = tree;
  while (node && 'children' in node && node.children.length) node = node.children[node.children.length - 1] as Nodes;
  if (node?.type !== 'html' || node.position?.end.offset !== text.trimEnd().length) return false;
  const value = node.value;
  if (/^\s*<!--/.test(value)) return !value.includes('-->');
  const raw = /^\s*<(script|pre|style|textarea)\b/i.exec(value);
  if (raw) return !new RegExp(`</${raw[1]}>`, 'i').test(value);
  if (/^\s*<\?/.test(value)) return !value.includes('?>');
  if (/^\s*<![A-Za-z]/.test(value)) return !value.includes('>');
  if (/^\s*<!\[CDATA\[/.test(value)) return !value.includes(']]>');
  return false;
}

function spanOf(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): Span {
  return { start: node.position!.start.offset!, end: node.position!.end.offset! };
}
