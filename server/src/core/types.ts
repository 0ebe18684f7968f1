/** Shared data types of the analysis core. Positions are zero-based, characters in UTF-16 units (as in LSP). */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A half-open span of offsets into a document's text (after BOM removal). */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** A replacement of `span` by `newText`. Fixes are data so the CLI, quick fixes and tests share them. */
export interface TextEdit {
  span: Span;
  newText: string;
  /** Another file than the finding's (absolute path). Fixes with such edits are quick fixes only, never `--fix`. */
  file?: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe to apply without a human choosing (used by `--fix` and fix-all). */
  preferred?: boolean;
}

export interface Finding {
  /** Absolute path of the file the finding is on. */
  file: string;
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  span: Span;
  fixes?: Fix[];
  /** The criterion or other subject involved, for grouping in views. */
  subject?: string;
}
