import { fileURLToPath } from 'node:url';
import { URI } from 'vscode-uri';
import { normalizePath } from '../core/paths';

/**
 * The core path of a `file:` URI (absolute, forward slashes), or undefined for other schemes
 * (untitled:, git:, ...), which the server does not analyse.
 */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const path = fileURLToPath(uri).replace(/\\/g, '/');
    // Drive letters come as c: or C: depending on the client; one spelling keeps map keys stable.
    return normalizePath(/^[a-zA-Z]:\//.test(path) ? path[0].toUpperCase() + path.slice(1) : path);
  } catch {
    return undefined;
  }
}

/**
 * The canonical URI of a path: VS Code's spelling (vscode-uri), which percent-encodes every character outside
 * the unreserved set, such as `( ) & ' , + ! = $ ; @`. Node's pathToFileURL leaves those as they are.
 */
export function pathToUri(path: string): string {
  return URI.file(path).toString();
}

/** One spelling per resource, so URIs from the client and the server compare equal when they name the same file. */
export function canonicalUri(uri: string): string {
  const path = uriToPath(uri);
  if (path !== undefined) return pathToUri(path);
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

/**
 * Names files in answers. Every file has its canonical URI, except documents the client has open: those keep
 * the spelling the client opened them with, since the client (and its document store here) keys them by it.
 */
export class UriMap {
  private readonly openSpelling = new Map<string, string>();

  /** The path of a client URI (undefined for schemes the server does not analyse). */
  pathOf(uri: string): string | undefined {
    return uriToPath(uri);
  }

  opened(uri: string): void {
    const path = uriToPath(uri);
    if (path !== undefined) this.openSpelling.set(path, uri);
  }

  closed(uri: string): void {
    const path = uriToPath(uri);
    if (path !== undefined && this.openSpelling.get(path) === uri) this.openSpelling.delete(path);
  }

  uriOf(path: string): string {
    return this.openSpelling.get(path) ?? pathToUri(path);
  }
}
