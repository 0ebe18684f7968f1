import type { Nodes, Root } from 'mdast';
import type { Span } from '../types';

/** Where a statement sits: rules treat quoted text differently from the organisation's own words. */
export type StatementKind = 'paragraph' | 'listItem' | 'tableRow';

/** One sentence of prose with where it is written. Facts only: no syntax tree is kept. */
export interface Statement {
  /** The source slice, with inline code, quoted phrases and HTML blanked to spaces (offsets stay valid). */
  text: string;
  span: Span;
  kind: StatementKind;
  /** Inside a block quote: someone else's words (a regulation, an example), not a commitment. */
  quoted: boolean;
  /** Index into `body.sections` of the innermost section holding the statement, or -1 before the first heading. */
  section: number;
}

// A table row is one statement (its cells read as one line: "CEO  Approves this policy"); the header row is not prose.
const PROSE_CONTAINERS = new Set(['paragraph', 'tableRow']);
const NOT_PROSE = new Set(['code', 'html', 'yaml', 'heading', 'definition', 'thematicBreak']);
// A sentence ends at . ! ? or ; followed by space, unless the dot ends a common abbreviation or a number like 1.2.
const SENTENCE_END = /(?<!\b(?:e\.g|i\.e|etc|vs|no|approx|incl))[.!?;](?=\s+\S)|\n(?=\s*\n)/g;

/**
 * The prose sentences of a Markdown body, in document order. Headings, code, HTML and front matter are left out;
 * block quotes are kept but marked. `sectionStarts` are the heading offsets (ascending), to attach each sentence to its section.
 */
export function extractStatements(tree: Root, text: string, sectionStarts: readonly number[] = []): Statement[] {
  const statements: Statement[] = [];
  // Iterative walk with the flags of the path to each node: a document nested thousands deep must not overflow.
  const stack: { node: Nodes; quoted: boolean; inList: boolean }[] = [{ node: tree, quoted: false, inList: false }];
  while (stack.length) {
    const { node, quoted, inList } = stack.pop()!;
    if (NOT_PROSE.has(node.type)) continue;
    if (PROSE_CONTAINERS.has(node.type) && node.position) {
      const kind: StatementKind = node.type === 'tableRow' ? 'tableRow' : inList ? 'listItem' : 'paragraph';
      const span = { start: node.position.start.offset!, end: node.position.end.offset! };
      const masked = kind === 'tableRow' ? maskCellPipes(maskInline(node, text, span)) : maskInline(node, text, span);
      for (const sentence of splitSentences(masked, span.start)) {
        statements.push({ ...sentence, kind, quoted, section: sectionIndex(sectionStarts, sentence.span.start) });
      }
      continue;
    }
    if ('children' in node) {
      const childQuoted = quoted || node.type === 'blockquote';
      const childInList = inList || node.type === 'listItem';
      // A table's first row is its header: column names, not statements.
      const first = node.type === 'table' ? 1 : 0;
      for (let i = node.children.length - 1; i >= first; i--) stack.push({ node: node.children[i] as Nodes, quoted: childQuoted, inList: childInList });
    }
  }
  return statements;
}

/** The container's source with inline code, inline HTML and "quoted phrases" blanked, so words there never match. */
function maskInline(container: Nodes, text: string, span: Span): string {
  const source = text.slice(span.start, span.end);
  let chars: string[] | undefined;
  const blank = (from: number, to: number) => {
    chars ??= source.split('');
    for (let i = Math.max(from, span.start); i < Math.min(to, span.end); i++) if (chars[i - span.start] !== '\n') chars[i - span.start] = ' ';
  };
  const stack: Nodes[] = [container];
  while (stack.length) {
    const node = stack.pop()!;
    if ((node.type === 'inlineCode' || node.type === 'html') && node.position) blank(node.position.start.offset!, node.position.end.offset!);
    // A loop, not push(...children): a table row can have hundreds of thousands of cells, beyond any argument list.
    else if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
  // Most prose has nothing to blank: the slice itself then (no copy of the text).
  const masked = chars ? chars.join('') : source;
  // Quoted phrases are someone else's words or a term being defined ("as needed" means ...).
  return /["“]/.test(masked) ? masked.replace(/"[^"\n]{1,200}"|“[^”\n]{1,200}”/g, (m) => ' '.repeat(m.length)) : masked;
}

/**
 * A row read as one line: the outer pipes become spaces and those between cells a dash ("CEO — Approves this
 * policy"), one character for one, so offsets stay valid. Escaped pipes (`\|`) are cell text.
 */
function maskCellPipes(row: string): string {
  const pipes = [...row.matchAll(/(?<!\\)\|/g)].map((m) => m.index!);
  const outer = new Set([row.length - row.trimStart().length, row.trimEnd().length - 1]);
  const chars = row.split('');
  for (const at of pipes) chars[at] = outer.has(at) ? ' ' : '—';
  return chars.join('');
}

const KINDS: readonly StatementKind[] = ['paragraph', 'listItem', 'tableRow'];
/** Numbers per statement in the packed form: start, end, kind and quoted, section. */
const FIELDS = 4;

/**
 * Statements as numbers: what the cache and the worker threads carry, and what a kept document holds (a few
 * hundred bytes where the objects took kilobytes). Texts are slices of the document, stored only where masking
 * made them differ.
 */
export interface PackedStatements {
  numbers: ArrayLike<number>;
  /** [statement index, text] for statements whose text is not their source slice. */
  texts: [number, string][];
}

/** The packed form as stored (JSON in the cache, structured clones from the workers). */
export type StoredStatements = PackedStatements & { numbers: number[] };

export function packStatements(statements: readonly Statement[], text: string): StoredStatements {
  const numbers: number[] = [];
  const texts: [number, string][] = [];
  statements.forEach((statement, index) => {
    numbers.push(statement.span.start, statement.span.end, KINDS.indexOf(statement.kind) * 2 + (statement.quoted ? 1 : 0), statement.section);
    if (statement.text !== text.slice(statement.span.start, statement.span.end)) texts.push([index, statement.text]);
  });
  return { numbers, texts };
}

/** The statements again, as objects (built on each call: callers walk them once). */
export function unpackStatements(packed: PackedStatements, text: string): Statement[] {
  const texts = packed.texts.length ? new Map(packed.texts) : undefined;
  const statements: Statement[] = [];
  for (let index = 0, i = 0; i < packed.numbers.length; index++, i += FIELDS) {
    const start = packed.numbers[i];
    const end = packed.numbers[i + 1];
    const flags = packed.numbers[i + 2];
    statements.push({ text: texts?.get(index) ?? text.slice(start, end), span: { start, end }, kind: KINDS[flags >> 1], quoted: (flags & 1) === 1, section: packed.numbers[i + 3] });
  }
  return statements;
}

function splitSentences(masked: string, offset: number): { text: string; span: Span }[] {
  const sentences: { text: string; span: Span }[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = masked.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (/[\p{L}\p{N}]/u.test(trimmed)) sentences.push({ text: trimmed, span: { start: offset + start + lead, end: offset + start + lead + trimmed.length } });
  };
  for (const m of masked.matchAll(SENTENCE_END)) {
    const end = m.index! + m[0].length;
    push(end);
    start = end;
  }
  push(masked.length);
  return sentences;
}

function sectionIndex(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (starts[mid] <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
