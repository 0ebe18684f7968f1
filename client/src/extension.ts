import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerExportReport } from './commands/exportReport';
import { registerInitWorkspace } from './commands/initWorkspace';
import { registerMarkReviewed } from './commands/markReviewed';
import { registerNewPolicy } from './commands/newPolicy';
import { registerRefreshCoverage } from './commands/refreshCoverage';
import { registerShowDocumentCoverage } from './commands/showDocumentCoverage';
import { registerShowGapPanel } from './commands/showGapPanel';
import { CoverageStore } from './coverageStore';
import { createLanguageClient } from './languageClient';
import { TODAY_SETTING } from './settings';
import { createStatusItem } from './status';
import { CoverageTree, registerTreeCommands } from './views/coverageTree';
import { GapPanel } from './views/gapPanel';

/** What `activate` returns: used by the end-to-end suite, not a stable API. */
export interface Soc2PolicyApi {
  client: LanguageClient;
  coverage: CoverageStore;
  tree: CoverageTree;
  gapPanel: GapPanel;
}

export async function activate(context: vscode.ExtensionContext): Promise<Soc2PolicyApi> {
  const output = vscode.window.createOutputChannel('SOC 2 Policy Studio', { log: true });
  const client = createLanguageClient(context, output);
  const coverage = new CoverageStore(client);
  const tree = new CoverageTree(coverage);
  const gapPanel = new GapPanel(context.extensionUri, coverage);
  const rootUris = () => coverage.current?.coverage.roots.map((r) => r.rootUri) ?? [];

  context.subscriptions.push(
    output, coverage, tree, gapPanel,
    createStatusItem(coverage),
    registerTreeCommands(tree),
    registerShowGapPanel(gapPanel),
    registerNewPolicy(context.extensionUri, coverage),
    registerInitWorkspace(context.extensionUri, coverage),
    registerMarkReviewed(),
    registerExportReport(client, rootUris),
    registerRefreshCoverage(coverage),
    registerShowDocumentCoverage(tree),
    { dispose: () => void client.stop() },
  );

  // Not awaited: views show "indexing" until the first coverage arrives; a failed start is reported, not fatal.
  const started = client.start().catch((e: unknown) => {
    output.error(`Language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showErrorMessage('SOC 2 Policy Studio: the language server failed to start. See the output channel.');
  });
  // "Today" reaches the server only at initialisation: restart it so review dates are judged again. Restarts are
  // chained after the first start, because a client that is still starting cannot be stopped.
  let restarts: Promise<void> = started;
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(TODAY_SETTING)) return;
    restarts = restarts
      .then(() => (client.isRunning() ? client.restart() : undefined))
      .catch((error: unknown) => output.error(`Restart failed: ${error instanceof Error ? error.message : String(error)}`));
  }));
  return { client, coverage, tree, gapPanel };
}

export function deactivate(): Promise<void> | undefined {
  // Subscriptions stop the client; nothing else holds resources.
  return undefined;
}
