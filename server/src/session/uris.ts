import { fileURLToPath, pathToFileURL } from 'node:url';
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

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/**
 * Remembers how the client spells the URIs it sends, so answers use the same spelling
 * (VS Code writes `c%3A`, other clients `C:`; percent-encoding differs too).
 */
export class UriMap {
  private readonly byPath = new Map<string, string>();

  /** The path of a client URI, remembering the URI. */
  remember(uri: string): string | undefined {
    const path = uriToPath(uri);
    if (path !== undefined) this.byPath.set(path, uri);
    return path;
  }

  uriOf(path: string): string {
    return this.byPath.get(path) ?? pathToUri(path);
  }
}
