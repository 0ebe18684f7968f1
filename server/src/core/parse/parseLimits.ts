import type { Span } from '../types';

/**
 * Markdown the parser takes quadratic time on: containers nested hundreds deep on one line or by indentation,
 * paragraphs with thousands of emphasis markers, and tens of thousands of links. No real policy comes near these limits; a hostile or broken
 * file can, and would stall every check. Such input is neutralised before parsing (same length, so every offset
 * still points into the original text) and reported as a limit, never silently.
 */
export const LIMITS = {
  /** Container markers (`>`, list bullets, ordered-list numbers) at the start of one line. */
  containerMarkers: 32,
  /** Columns of indentation before a line's content. */
  indentColumns: 128,
  /** Emphasis markers (`*`, `_`), inline HTML openings (`<`) or backticks in one block (text between blank lines). */
  markersPerBlock: 500,
  /**
   * Inline markers (`[ ] * _ \` <`) in the whole document. Each link or emphasis costs the parser about a
   * tenth of a millisecond; beyond this many, the rest of the document is read as plain text.
   */
  inlineMarkers: 10_000,
  /** Characters of Markdown body parsed at all. */
  bodyChars: 2_000_000,
  /** `|` characters in a document whose tables are parsed as tables (each cell costs the parser tens of microseconds). */
  tablePipes: 5_000,
} as const;

export interface ParseLimit {
  span: Span;
  message: string;
}

/** The text to parse, with pathological constructs blanked, and what was limited. */
export function limitPathologicalMarkdown(text: string): { text: string; limits: ParseLimit[] } {
  const limits: ParseLimit[] = [];
  if (text.length > LIMITS.bodyChars) {
    limits.push({
      span: { start: 0, end: 0 },
      message: `This document has ${text.length.toLocaleString('en-US')} characters; only the first ${LIMITS.bodyChars.toLocaleString('en-US')} were read as Markdown. Split it into smaller documents.`,
    });
    text = text.slice(0, LIMITS.bodyChars) + ' '.repeat(text.length - LIMITS.bodyChars);
  }
  const chars = new Blanker(text);
  let changed = false;
  let deepLines = 0;
  let firstDeep: Span | undefined;
  // Lines end at LF, CRLF or a lone CR, as the parser reads them.
  const lineBreak = /\r\n?|\n/g;
  for (let start = 0; start < text.length; ) {
    lineBreak.lastIndex = start;
    const found = lineBreak.exec(text);
    const end = found ? found.index : text.length;
    if (limitContainers(text, start, end, chars)) {
      changed = true;
      deepLines++;
      firstDeep ??= { start, end };
    }
    start = found ? end + found[0].length : text.length;
  }
  if (firstDeep) {
    limits.push({
      span: firstDeep,
      message: `${deepLines} line(s) nest lists or quotes deeper than ${LIMITS.containerMarkers} levels (or indent more than ${LIMITS.indentColumns} columns); the deeper levels were read as plain text.`,
    });
  }
  // Most documents are far below every marker limit: one count over the whole text then rules out every block.
  const totals = markerTotals(text);
  const blocksNeedCounting = totals.emphasis > LIMITS.markersPerBlock || totals.html > LIMITS.markersPerBlock || totals.backticks > LIMITS.markersPerBlock;
  for (const block of blocksNeedCounting ? blocks(text) : []) {
    // One pass counts every class; only a block over a limit is walked again.
    const counts = new Map<string, number>();
    for (let i = block.start; i < block.end; i++) {
      const marker = MARKER_CLASS.get(text[i]);
      if (marker) counts.set(marker, (counts.get(marker) ?? 0) + 1);
    }
    for (const marker of BLOCK_MARKERS) {
      const count = counts.get(marker.chars) ?? 0;
      if (count <= LIMITS.markersPerBlock) continue;
      const limit = limitBlockMarkers(text, block, marker, count, chars);
      if (!limit) continue;
      changed = true;
      limits.push(limit);
    }
  }
  const inlineLimit = totals.inline > LIMITS.inlineMarkers ? limitInlineMarkers(chars) : undefined;
  if (inlineLimit) {
    changed = true;
    limits.push(inlineLimit);
  }
  return { text: changed ? chars.result() : text, limits };
}

const INLINE_MARKERS = new Set(['[', ']', '*', '_', '`', '<']);

/**
 * Markers whose unmatched openings the parser pairs by scanning ahead: thousands in one block take it quadratic
 * time. `lineStartKept`: the first marker of a line is structure (a bullet, a thematic break), not inline.
 */
const BLOCK_MARKERS: readonly { chars: string; name: string; lost: string; lineStartKept?: boolean; skipBlockStartingWith?: string }[] = [
  { chars: '*_', name: 'emphasis markers (* or _)', lost: 'its emphasis', lineStartKept: true },
  // A block that starts with `<` is an HTML block, parsed as raw text at no such cost.
  { chars: '<', name: 'inline HTML openings (<)', lost: 'its inline HTML and autolinks', skipBlockStartingWith: '<' },
  { chars: '`', name: 'backticks', lost: 'its code spans' },
];

/** Character → the `chars` of its marker class. */
const MARKER_CLASS = new Map(BLOCK_MARKERS.flatMap((m) => [...m.chars].map((c) => [c, m.chars] as [string, string])));

function limitBlockMarkers(text: string, block: Span, marker: (typeof BLOCK_MARKERS)[number], count: number, chars: Blanker): ParseLimit | undefined {
  if (marker.skipBlockStartingWith && text.slice(block.start, block.end).trimStart().startsWith(marker.skipBlockStartingWith)) return undefined;
  let atLineStart = true;
  for (let i = block.start; i < block.end; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') atLineStart = true;
    else if (c === ' ' || c === '\t' || (c === '>' && atLineStart)) continue;
    else {
      const first = atLineStart;
      atLineStart = false;
      if (marker.chars.includes(c) && !(first && marker.lineStartKept)) chars.blank(i);
    }
  }
  return { span: block, message: `This block has ${count} ${marker.name}, more than ${LIMITS.markersPerBlock}; ${marker.lost} was not read.` };
}

/** How many markers of each class the whole text holds (an upper bound for any block). */
function markerTotals(text: string): { emphasis: number; html: number; backticks: number; inline: number } {
  let emphasis = 0;
  let html = 0;
  let backticks = 0;
  let brackets = 0;
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 42: // *
      case 95: // _
        emphasis++;
        break;
      case 60: // <
        html++;
        break;
      case 96: // `
        backticks++;
        break;
      case 91: // [
      case 93: // ]
        brackets++;
        break;
    }
  }
  return { emphasis, html, backticks, inline: emphasis + html + backticks + brackets };
}

/** Blanks the inline markers after the first `LIMITS.inlineMarkers` of the document. */
function limitInlineMarkers(chars: Blanker): ParseLimit | undefined {
  let seen = 0;
  let first = -1;
  let blanked = 0;
  for (let i = 0; i < chars.length; i++) {
    if (!INLINE_MARKERS.has(chars.at(i)) || ++seen <= LIMITS.inlineMarkers) continue;
    if (first < 0) first = i;
    chars.blank(i);
    blanked++;
  }
  if (first < 0) return undefined;
  return {
    span: { start: first, end: first + 1 },
    message: `This document has more than ${LIMITS.inlineMarkers.toLocaleString('en-US')} link, emphasis, code and HTML markers; from here on (${blanked.toLocaleString('en-US')} more) it was read as plain text.`,
  };
}

/** Blanks the container markers of one line beyond the limits. Returns whether anything was blanked. */
function limitContainers(text: string, start: number, end: number, chars: Blanker): boolean {
  let markers = 0;
  let column = 0;
  let changed = false;
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      column += c === '\t' ? 4 - (column % 4) : 1;
      i++;
      continue;
    }
    const width = markerWidth(text, i, end);
    if (!width) break;
    markers++;
    if (markers > LIMITS.containerMarkers || column > LIMITS.indentColumns) {
      for (let k = i; k < i + width; k++) chars.blank(k);
      changed = true;
    }
    column += width;
    i += width;
  }
  return changed;
}

/** Length of a container marker at `i` (`>`, `-`/`*`/`+` or `1.`/`1)` followed by a space), or 0. */
function markerWidth(text: string, i: number, end: number): number {
  const c = text[i];
  if (c === '>') return 1;
  const spaced = (at: number) => at >= end || text[at] === ' ' || text[at] === '\t';
  if ((c === '-' || c === '*' || c === '+') && spaced(i + 1)) return 1;
  let j = i;
  while (j < end && j - i < 9 && text[j] >= '0' && text[j] <= '9') j++;
  if (j > i && (text[j] === '.' || text[j] === ')') && spaced(j + 1)) return j + 1 - i;
  return 0;
}

/** Runs of non-blank lines (text between blank lines), each from its first character to the end of its last line. */
function* blocks(text: string): Generator<Span> {
  const lineBreak = /\r\n?|\n/g;
  let block: Span | undefined;
  for (let start = 0; start <= text.length; ) {
    lineBreak.lastIndex = start;
    const found = lineBreak.exec(text);
    const end = found ? found.index : text.length;
    if (/^[ \t]*$/.test(text.slice(start, end))) {
      if (block) yield block;
      block = undefined;
    } else if (block) block.end = end;
    else block = { start, end };
    if (!found) break;
    start = end + found[0].length;
  }
  if (block) yield block;
}

/** The text with some characters blanked; copied into an array only once something is blanked (most texts never are). */
class Blanker {
  private chars?: string[];
  constructor(private readonly text: string) {}
  get length(): number {
    return this.text.length;
  }
  at(i: number): string {
    return this.chars ? this.chars[i] : this.text[i];
  }
  blank(i: number): void {
    (this.chars ??= this.text.split(''))[i] = ' ';
  }
  result(): string {
    return this.chars ? this.chars.join('') : this.text;
  }
}

/** The limit reached when a text has more `|` than tables may have: its tables are then read as plain text. */
export function tableLimit(text: string): ParseLimit | undefined {
  let pipes = 0;
  let first = -1;
  for (let i = text.indexOf('|'); i >= 0; i = text.indexOf('|', i + 1)) {
    if (++pipes > LIMITS.tablePipes && first < 0) first = i;
  }
  if (first < 0) return undefined;
  return {
    span: { start: first, end: first + 1 },
    message: `This document has ${pipes.toLocaleString('en-US')} "|" characters, more than ${LIMITS.tablePipes.toLocaleString('en-US')}; its tables were read as plain text.`,
  };
}
