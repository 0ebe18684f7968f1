import type { Position, Range, Span } from '../types';

/** Converts between string offsets and line/character positions. LF, CRLF and a lone CR each end a line, as in LSP. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.lineStarts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    // Between the CR and LF of one line break is no position a client can show: use the end of the line.
    if (clamped > 0 && this.text.charCodeAt(clamped - 1) === 13 && this.text.charCodeAt(clamped) === 10) clamped--;
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1] - 1;
    if (this.text.charCodeAt(end) === 10 && end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** The line break style the file already uses, so inserted text matches it. */
  get eol(): string {
    if (this.text.includes('\r\n')) return '\r\n';
    return this.text.includes('\r') && !this.text.includes('\n') ? '\r' : '\n';
  }
}

/**
 * The whole lines holding `span` (up to the start of the next line), when nothing else is on them: only indentation
 * and list dashes before it, and only blanks or a `#` comment after it. Undefined otherwise (a flow list, say).
 */
export function ownLines(lines: LineIndex, span: Span): Span | undefined {
  // YAML block collections end after their last line break: that line is not theirs.
  let end = span.end;
  while (end > span.start && /\s/.test(lines.text[end - 1])) end--;
  const first = lines.positionAt(span.start).line;
  const last = lines.positionAt(end).line;
  const before = lines.text.slice(lines.lineStart(first), span.start);
  const after = lines.text.slice(end, lines.lineEnd(last));
  if (!/^[ \t-]*$/.test(before) || !/^\s*(#.*)?$/.test(after)) return undefined;
  return { start: lines.lineStart(first), end: last + 1 < lines.lineCount ? lines.lineStart(last + 1) : lines.text.length };
}
