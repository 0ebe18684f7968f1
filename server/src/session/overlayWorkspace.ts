import type { Workspace } from '../core/workspace';
import { basename, dirname, joinPath, normalizePath } from '../core/paths';

/**
 * The disk as the analyzer sees it, with the editor's open documents in front:
 * unsaved text wins over the file (also for soc2-policy.yaml while it is being edited).
 */
export class OverlayWorkspace implements Workspace {
  constructor(
    private readonly disk: Workspace,
    private readonly openText: (path: string) => string | undefined,
  ) {}

  async readFile(path: string): Promise<Uint8Array | undefined> {
    const text = this.openText(path);
    return text !== undefined ? new TextEncoder().encode(text) : this.disk.readFile(path);
  }

  listFiles(folder: string): Promise<string[]> {
    return this.disk.listFiles(folder);
  }

  /** The disk's real path; a file open in the editor but not on disk is its folder's real path plus its name. */
  async realPath(path: string): Promise<string | undefined> {
    if (!this.disk.realPath) return normalizePath(path);
    const real = await this.disk.realPath(path);
    if (real !== undefined || this.openText(path) === undefined) return real;
    const folder = await this.disk.realPath(dirname(path));
    return folder === undefined ? undefined : joinPath(folder, basename(path));
  }
}
