import { isInside, normalizePath } from './paths';

/**
 * The file access the core needs, injected so tests run on an in-memory workspace
 * and the CLI and language server on the real file system.
 */
export interface Workspace {
  /** The file's bytes, or undefined when it does not exist. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** Every file under a folder (recursively), as absolute paths. Skips .git and node_modules. */
  listFiles(folder: string): Promise<string[]>;
  /**
   * The path with every symlink resolved (forward slashes), or undefined when it does not exist.
   * Lets the core confine reads to the workspace by where files really are, not by their path string.
   * Optional: without it, confinement judges the path string only.
   */
  realPath?(path: string): Promise<string | undefined>;
}

/** Where a file really lies relative to a root: `missing` only for a path inside the root that does not exist. */
export type Placement = 'inside' | 'outside' | 'missing';

/**
 * Judges paths against `root` by their real paths (symlinks resolved, the root's own too) when the workspace
 * offers `realPath`: a file inside the root that links out is `outside`, and so is every path outside the root,
 * existing or not (so findings never tell whether an outside file exists). Without `realPath`, only the path string.
 */
export function confinement(workspace: Workspace, root: string): (path: string) => Promise<Placement> {
  if (!workspace.realPath) return async (path) => (isInside(path, root) ? 'inside' : 'outside');
  const realPath = (path: string) => workspace.realPath!(path);
  let realRoot: Promise<string> | undefined;
  return async (path) => {
    realRoot ??= realPath(root).then((r) => r ?? normalizePath(root));
    const real = await realPath(path);
    if (real !== undefined) return isInside(real, await realRoot) ? 'inside' : 'outside';
    return isInside(path, root) ? 'missing' : 'outside';
  };
}

/** A workspace held in memory: path -> text or bytes. */
export class InMemoryWorkspace implements Workspace {
  private readonly files = new Map<string, Uint8Array>();
  /** Symlinks declared by tests: link path -> target (absolute, or relative to the link's folder). */
  private readonly links = new Map<string, string>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.set(path, content);
  }

  set(path: string, content: string | Uint8Array): void {
    this.files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }

  delete(path: string): void {
    this.files.delete(path);
  }

  /** Makes `from` a symlink to `to` (a file or folder; absolute, or relative to `from`'s folder). Reads follow it. */
  link(from: string, to: string): void {
    this.links.set(normalizePath(from), to);
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    if (!this.links.size) return this.files.get(path);
    const real = this.resolve(path);
    return real === undefined ? undefined : this.files.get(real);
  }

  async realPath(path: string): Promise<string | undefined> {
    const real = this.resolve(path);
    if (real === undefined) return undefined;
    const prefix = real === '/' ? '/' : real + '/';
    return this.files.has(real) || [...this.files.keys()].some((p) => p.startsWith(prefix)) ? real : undefined;
  }

  /** Follows links component by component, like the OS: `..` after a link climbs from its target. */
  private resolve(path: string): string | undefined {
    const pending = path.replace(/\\/g, '/').split('/');
    let real: string[] = [];
    let hops = 0;
    while (pending.length) {
      const part = pending.shift()!;
      if (part === '' || part === '.') continue;
      if (part === '..') {
        real.pop();
        continue;
      }
      const candidate = '/' + [...real, part].join('/');
      const target = this.links.get(candidate);
      if (target === undefined) {
        real.push(part);
        continue;
      }
      if (++hops > 40) return undefined; // a cycle, like ELOOP
      if (/^[\\/]/.test(target)) real = [];
      pending.unshift(...target.replace(/\\/g, '/').split('/'));
    }
    return '/' + real.join('/');
  }

  async listFiles(folder: string): Promise<string[]> {
    const prefix = folder.endsWith('/') ? folder : folder + '/';
    return [...this.files.keys()].filter((p) => p.startsWith(prefix)).sort();
  }
}
