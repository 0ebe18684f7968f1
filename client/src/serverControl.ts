import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CoverageSnapshot, CoverageStore } from './coverageStore';
import { overallPercent } from './status';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** One line per policy root, so a support request shows what the server found. */
export function indexSummary(snapshot: CoverageSnapshot): string {
  if (!snapshot.coverage.roots.length) {
    return vscode.l10n.t('Indexed: no soc2-policy.yaml and no policy document in this workspace; the SOC 2 views stay hidden until you run Initialize Workspace.');
  }
  const percent = overallPercent(snapshot);
  const roots = snapshot.coverage.roots.map((r) => vscode.l10n.t('{0}: {1} policy document(s), {2}, {3} error(s), {4} warning(s)',
    r.name, r.documentCount, r.configUri ? 'soc2-policy.yaml' : vscode.l10n.t('no soc2-policy.yaml (scope inferred)'), r.findings.error, r.findings.warning));
  return vscode.l10n.t('Indexed {0}; {1}% of in-scope criteria covered.', roots.join('; '), percent ?? '–');
}

/**
 * Starts and restarts the language server, one operation at a time (a client that is still starting cannot be
 * stopped), and writes what a bug report needs to the output channel: versions, mode, the index summary.
 */
export class ServerControl implements vscode.Disposable {
  private queue: Promise<void> = Promise.resolve();
  /** Log the next snapshot: the first one after a (re)start is the index summary. */
  private summaryPending = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly client: LanguageClient,
    private readonly output: vscode.LogOutputChannel,
    store: CoverageStore,
    private readonly extensionVersion: string,
  ) {
    this.subscription = store.onDidChange((snapshot) => {
      if (!this.summaryPending) return;
      this.summaryPending = false;
      output.info(indexSummary(snapshot));
    });
  }

  /** Not awaited by activation: views show "indexing" until the first coverage arrives; a failed start is reported, not fatal. */
  start(): Promise<void> {
    return this.enqueue(async () => {
      this.logStarting();
      await this.client.start();
      this.logRunning();
    }, vscode.l10n.t('the language server failed to start'));
  }

  restart(reason: string): Promise<void> {
    return this.enqueue(async () => {
      this.output.info(vscode.l10n.t('Restarting the language server: {0}.', reason));
      this.logStarting();
      if (this.client.isRunning()) await this.client.restart();
      else await this.client.start();
      this.logRunning();
    }, vscode.l10n.t('the language server failed to restart'));
  }

  /** Settles once every start and restart asked for so far is done. */
  whenIdle(): Promise<void> {
    return this.queue;
  }

  private enqueue(operation: () => Promise<void>, failure: string): Promise<void> {
    this.queue = this.queue.then(operation).catch((e: unknown) => {
      this.output.error(`${failure}: ${errorText(e)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('SOC 2 Policy Studio: {0}. See the output channel.', failure), vscode.l10n.t('Show Output'))
        .then((choice) => (choice ? this.output.show() : undefined));
    });
    return this.queue;
  }

  private logStarting(): void {
    const mode = vscode.workspace.isTrusted ? vscode.l10n.t('trusted workspace') : vscode.l10n.t('Restricted Mode: built-in catalogs only, no file writes');
    this.output.info(vscode.l10n.t('SOC 2 Policy Studio {0} starting the language server (VS Code {1}, {2}, {3}).',
      this.extensionVersion, vscode.version, vscode.env.appHost, mode));
    this.summaryPending = true;
  }

  private logRunning(): void {
    const info = this.client.initializeResult?.serverInfo;
    this.output.info(vscode.l10n.t('Language server {0} {1} is running.', info?.name ?? 'soc2-policy', info?.version ?? ''));
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
