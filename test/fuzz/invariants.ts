/** The invariants, as pure checks returning violations with a signature that groups equal failures. */

export type ViolationKind =
  | 'internal-error'
  | 'range'
  | 'slow'
  | 'hang'
  | 'fix-idempotence'
  | 'fix-bytes'
  | 'cli-mismatch'
  | 'server-mismatch'
  | 'harness';

export interface Violation {
  kind: ViolationKind;
  /** Equal signatures are one distinct failure: kind plus what distinguishes the cause (rule code, error message). */
  signature: string;
  message: string;
  file?: string;
}

export interface Timing {
  file: string;
  bytes: number;
  ms: number;
  phase: 'check' | 'fix' | 'workspace';
}

export interface Outcome {
  violations: Violation[];
  timings: Timing[];
  /** Findings checked or compared, so the summary shows the cases were not empty. */
  compared?: number;
}

/** An error's stable part: name, message without numbers or quoted text, and the first frame in our sources. */
export function errorSignature(stage: string, error: unknown): { signature: string; message: string } {
  const e = error instanceof Error ? error : new Error(String(error));
  const normalized = e.message.split('\n')[0].replace(/(["'`]).*?\1/g, '<s>').replace(/\d+/g, 'N').slice(0, 80);
  const frame = (e.stack ?? '').split('\n').find((l) => /server[\\/]src[\\/]/.test(l));
  const where = frame ? /server[\\/]src[\\/]([^:)]+)/.exec(frame)?.[1] : undefined;
  const message = `${stage}: ${e.name}: ${e.message.split('\n')[0].slice(0, 300)}${frame ? `\n${frame.trim()}` : ''}`;
  return { signature: `internal-error:${stage}:${e.name}: ${normalized}${where ? ` @${where}` : ''}`, message };
}

interface Pos {
  line: number;
  character: number;
}

/** Line lengths without their line break. `loneCrBreaks`: an LSP client's lines (`\n`, `\r\n` and a lone `\r` end a line). */
function lineLengths(text: string, loneCrBreaks: boolean): number[] {
  if (loneCrBreaks) return text.split(/\r\n|\r|\n/).map((l) => l.length);
  const lines = text.split('\n');
  return lines.map((l, i) => (i < lines.length - 1 && l.endsWith('\r') ? l.length - 1 : l.length));
}

function positionProblem(p: Pos, lengths: number[], crlfEnded: (line: number) => boolean): string | undefined {
  if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return 'negative-or-fractional';
  if (p.line >= lengths.length) return 'line-past-end';
  if (p.character === lengths[p.line] + 1 && crlfEnded(p.line)) return 'character-between-cr-and-lf';
  if (p.character > lengths[p.line]) return 'character-past-line-end';
  return undefined;
}

/**
 * Why a finding's range or span is not inside its text, or undefined. Lines are the client's (a lone CR breaks a
 * line); a range that fits only when lone CRs are not line breaks is reported as its own cause, rule-independent.
 */
export function rangeProblem(text: string, range: { start: Pos; end: Pos }, span?: { start: number; end: number }): string | undefined {
  if (span && !(Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= text.length)) {
    return 'span-outside-text';
  }
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return 'inverted-range';
  const lfLines = text.split('\n');
  const crlfEnded = (line: number) => line < lfLines.length - 1 && lfLines[line].endsWith('\r');
  const never = () => false;
  const lsp = lineLengths(text, true);
  if (!positionProblem(start, lsp, never) && !positionProblem(end, lsp, never)) return undefined;
  // Outside the client's lines: say why, in terms of the LF-only lines the core once counted.
  const lfOnly = lineLengths(text, false);
  return positionProblem(start, lfOnly, crlfEnded) ?? positionProblem(end, lfOnly, crlfEnded) ?? 'lone-cr-is-a-line-break-for-clients';
}

/**
 * Characters a fix wrote (`written[i]` = 1) that must not appear: NUL, BOM, a lone CR, CRLF in a file without
 * CRLF, LF in an all-CRLF file; and a lone surrogate anywhere (it cannot be written out as UTF-8).
 */
export function writtenProblems(original: string, fixed: string, written: Uint8Array): string[] {
  const problems = new Set<string>();
  const hasCrlf = original.includes('\r\n');
  const allCrlf = hasCrlf && !/(^|[^\r])\n/.test(original);
  for (let i = 0; i < fixed.length; i++) {
    const c = fixed.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const pair = c <= 0xdbff ? (fixed.charCodeAt(i + 1) & 0xfc00) === 0xdc00 : (fixed.charCodeAt(i - 1) & 0xfc00) === 0xd800;
      if (!pair) problems.add('lone-surrogate');
    }
    if (!written[i]) continue;
    if (c === 0) problems.add('writes-nul');
    else if (c === 0xfeff) problems.add('writes-bom');
    else if (c === 13 && fixed.charCodeAt(i + 1) !== 10) problems.add('writes-lone-cr');
    else if (c === 13 && !hasCrlf) problems.add('writes-crlf-into-lf-file');
    else if (c === 10 && fixed.charCodeAt(i - 1) !== 13 && allCrlf) problems.add('writes-lf-into-crlf-file');
  }
  return [...problems];
}

/** `file|code|l:c-l:c`, the form findings and diagnostics are compared in. */
export function findingKey(file: string, code: string, range: { start: Pos; end: Pos }): string {
  return `${file}|${code}|${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** The first difference between two sorted key lists, as a short signature part and a message. */
export function firstDifference(expected: string[], actual: string[]): { part: string; message: string } | undefined {
  const want = new Set(expected);
  const got = new Set(actual);
  const missing = expected.filter((k) => !got.has(k));
  const extra = actual.filter((k) => !want.has(k));
  if (!missing.length && !extra.length) return undefined;
  const code = (k: string) => k.split('|')[1];
  const part = missing.length ? `missing:${code(missing[0])}` : `extra:${code(extra[0])}`;
  return { part, message: `missing ${JSON.stringify(missing.slice(0, 5))}, extra ${JSON.stringify(extra.slice(0, 5))}` };
}
