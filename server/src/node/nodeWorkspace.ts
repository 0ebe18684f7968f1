import { promises as fs, readFile } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Workspace } from '../core/workspace';

// Never policy content, and large: walking them would slow every start.
const SKIP_DIRS = new Set(['.git', 'node_modules']);

const readFileCallback = promisify(readFile);

/** The real file system as a core Workspace. Paths are absolute and use forward slashes. */
export class NodeWorkspace implements Workspace {
  async readFile(file: string): Promise<Uint8Array | undefined> {
    try {
      // The callback API: fs/promises' readFile makes four trips to the thread pool per file (4× slower on small files).
      return await readFileCallback(file);
    } catch {
      return undefined;
    }
  }

  /** Symlinks resolved (the root's too: /tmp is a link on macOS); undefined when the path does not exist or loops. */
  async realPath(file: string): Promise<string | undefined> {
    try {
      return toPosix(await fs.realpath(file));
    } catch {
      return undefined;
    }
  }

  async listFiles(folder: string): Promise<string[]> {
    const result: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries: import('node:fs').Dirent[];
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const full = toPosix(path.join(dir, entry.name));
        if (entry.isDirectory()) {
          if (!SKIP_DIRS.has(entry.name)) await walk(full);
        } else if (entry.isFile()) result.push(full);
      }
    };
    await walk(folder);
    return result.sort();
  }
}

export function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}
