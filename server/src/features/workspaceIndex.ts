import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  WatchKind,
  type Connection,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { SETTINGS_SECTION } from '../protocol';
import type { PolicyRoot } from '../session/policyRoot';
import type { WorkspaceFolderRef } from '../session/session';
import type { FeatureContext } from './common';

/** How often progress is reported at most: a 1,000-file scan should not send 1,000 messages. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Scans the workspace folders with work-done progress ("Indexing policies 120/400"), then follows files changed
 * outside the editor and workspace folders being added or removed.
 */
export class WorkspaceIndexFeature {
  constructor(
    private readonly connection: Connection,
    private readonly ctx: FeatureContext,
  ) {}

  register(): void {
    this.connection.onDidChangeWatchedFiles((params) => {
      void this.ctx.session.didChangeWatchedFiles(params.changes).catch((error) => this.connection.console.error(`file change failed: ${String(error)}`));
    });
  }

  /** Called once the client is initialized: dynamic registrations, then the first scan. */
  async start(folders: WorkspaceFolderRef[]): Promise<void> {
    // Only valid after `initialized`: the library registers for folder changes then.
    if (this.ctx.client.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const folder of event.removed) this.ctx.session.removeFolder(folder.uri);
        if (event.added.length) void this.index(event.added).catch(() => undefined);
      });
    }
    if (this.ctx.client.watchedFilesDynamic) {
      // Every file matters: a new or deleted file can repair or break a Markdown link.
      await this.connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*', kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete }],
        })
        .catch(() => undefined);
    }
    if (this.ctx.client.configurationChangeDynamic) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    }
    await this.index(folders, true);
  }

  private async index(folders: WorkspaceFolderRef[], first = false): Promise<void> {
    const progress = this.ctx.client.workDoneProgress ? await this.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    const counts = new Map<PolicyRoot, { done: number; total: number }>();
    let last = 0;
    progress?.begin('Indexing policies', 0, undefined, false);
    const report = (root: PolicyRoot, done: number, total: number) => {
      counts.set(root, { done, total });
      const now = Date.now();
      if (!progress || (now - last < PROGRESS_INTERVAL_MS && done < total)) return;
      last = now;
      const sum = [...counts.values()].reduce((s, c) => ({ done: s.done + c.done, total: s.total + c.total }), { done: 0, total: 0 });
      progress.report(sum.total ? Math.floor((sum.done / sum.total) * 100) : 0, `Indexing policies ${sum.done}/${sum.total}`);
    };
    try {
      if (first) await this.ctx.session.start(folders, report);
      else await Promise.all(folders.map((folder) => this.ctx.session.addFolder(folder, report)));
    } catch (error) {
      this.connection.console.error(`indexing failed: ${String(error)}`);
    } finally {
      endProgress(progress);
    }
  }
}

function endProgress(progress: WorkDoneProgressServerReporter | undefined): void {
  progress?.done();
}
