import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReportRequest, type ReportFormat } from '../../../server/src/protocol';
import { Commands } from '../ids';
import { policyRoot } from '../templates/templateSource';
import { refusedInRestrictedMode } from '../trust';

export interface ExportReportArgs {
  format?: ReportFormat;
  /** Save here without asking (tests, tasks). */
  target?: string;
}

const FORMATS: { format: ReportFormat; label: string; ext: string }[] = [
  { format: 'markdown', label: 'Markdown', ext: 'md' },
  { format: 'html', label: 'HTML', ext: 'html' },
  { format: 'csv', label: 'CSV', ext: 'csv' },
];

/** Renders the coverage report with the server's report request and saves it where the user chooses. */
export async function exportReport(client: LanguageClient, rootUris: string[], args: ExportReportArgs = {}): Promise<vscode.Uri | undefined> {
  if (refusedInRestrictedMode(vscode.l10n.t('Export Coverage Report'))) return undefined;
  const choice = args.format
    ? FORMATS.find((f) => f.format === args.format)
    : await vscode.window.showQuickPick(FORMATS.map((f) => ({ ...f, label: f.label, description: `.${f.ext}` })), { title: vscode.l10n.t('Export SOC 2 coverage report'), placeHolder: vscode.l10n.t('Format') });
  if (!choice) return undefined;
  if (!client.isRunning()) {
    void vscode.window.showWarningMessage(vscode.l10n.t('SOC 2: the language server is not running.'));
    return undefined;
  }
  const root = policyRoot(rootUris);
  const report = await client.sendRequest(ReportRequest.type, { format: choice.format, uri: root?.toString() });
  const target = args.target
    ? vscode.Uri.parse(args.target)
    : await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Save SOC 2 coverage report'),
      defaultUri: root ? vscode.Uri.joinPath(root, `soc2-coverage-report.${choice.ext}`) : undefined,
      filters: { [choice.label]: [choice.ext] },
    });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(report.content));
  if (!args.target) {
    void vscode.window.showInformationMessage(vscode.l10n.t('SOC 2 coverage report saved to {0}.', vscode.workspace.asRelativePath(target)), vscode.l10n.t('Open'))
      .then((action) => (action ? vscode.commands.executeCommand('vscode.open', target) : undefined));
  }
  return target;
}

export function registerExportReport(client: LanguageClient, rootUris: () => string[]): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.exportReport, (args?: ExportReportArgs) =>
    exportReport(client, rootUris(), args && typeof args === 'object' ? args : {}));
}
