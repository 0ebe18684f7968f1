import { LSPErrorCodes, ResponseError, type CancellationToken, type Position, type Range } from 'vscode-languageserver';
import type { Span } from '../core/types';
import type { LineIndex } from '../core/text/lineIndex';
import type { ClientFeatures } from '../session/capabilities';
import type { PolicySession } from '../session/session';

/** What every feature provider gets: the session and what the client can do. */
export interface FeatureContext {
  session: PolicySession;
  client: ClientFeatures;
}

export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/** Throws the LSP cancellation error when the client gave up on the request. */
export function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw cancelled();
}

/**
 * Lets queued messages (a `$/cancelRequest`, an edit) run before long work continues:
 * Node handles them only between macrotasks.
 */
export async function checkpoint(token: CancellationToken | undefined): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  throwIfCancelled(token);
}

/** The offset of a position, or undefined when the position is outside the text (clients do send those). */
export function offsetOf(lines: LineIndex, position: Position): number | undefined {
  if (!position || position.line < 0 || position.character < 0 || position.line >= lines.lineCount) return undefined;
  const start = lines.lineStart(position.line);
  if (position.character > lines.lineEnd(position.line) - start) return undefined;
  return start + position.character;
}

export function rangeOf(lines: LineIndex, span: Span): Range {
  return lines.rangeOf(span);
}

export function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** Escapes text (titles, ids) for Markdown hovers and documentation. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&');
}
