import type { Workspace } from '../core/workspace';

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
}
