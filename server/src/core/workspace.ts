/**
 * The file access the core needs, injected so tests run on an in-memory workspace
 * and the CLI and language server on the real file system.
 */
export interface Workspace {
  /** The file's bytes, or undefined when it does not exist. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** Every file under a folder (recursively), as absolute paths. Skips .git and node_modules. */
  listFiles(folder: string): Promise<string[]>;
}

/** A workspace held in memory: path -> text or bytes. */
export class InMemoryWorkspace implements Workspace {
  private readonly files = new Map<string, Uint8Array>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.set(path, content);
  }

  set(path: string, content: string | Uint8Array): void {
    this.files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }

  delete(path: string): void {
    this.files.delete(path);
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    return this.files.get(path);
  }

  async listFiles(folder: string): Promise<string[]> {
    const prefix = folder.endsWith('/') ? folder : folder + '/';
    return [...this.files.keys()].filter((p) => p.startsWith(prefix)).sort();
  }
}
