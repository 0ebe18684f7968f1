import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ImportPoliciesRequest, type ImportPoliciesResult } from '../../../server/src/protocol';
import { Commands } from '../ids';
import { requestWithProgress } from '../requestWithProgress';
import { policyRoot } from '../templates/templateSource';
import { renderImportSummary } from '../text/importSummary';
import { refusedInRestrictedMode } from '../trust';

export interface ImportPoliciesArgs {
  /** Files or folders (URIs) to import without the picker (tests, tasks). */
  inputs?: string[];
  /** Where to write, without asking. */
  outFolder?: string;
  force?: boolean;
}

const SUMMARY_SCHEME = 'soc2-policy-import';
const EXTENSIONS = ['docx', 'html', 'htm', 'txt', 'md'];

/** Read-only summaries: a virtual document never asks to be saved when closed. */
class SummaryDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private next = 1;
  add(content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SUMMARY_SCHEME, path: `/policy-import-${this.next++}.md` });
    this.contents.set(uri.toString(), content);
    return uri;
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }
}

/**
 * "SOC 2: Import Existing Policies…": picks Word, HTML, text or Markdown files (or a folder), has the language
 * server convert them (never the extension host: mammoth on a large file takes seconds), then opens a summary.
 */
async function importExistingPolicies(client: LanguageClient, rootUris: string[], summaries: SummaryDocuments, args: ImportPoliciesArgs): Promise<{ result: ImportPoliciesResult; summary: vscode.Uri } | undefined> {
  if (refusedInRestrictedMode(vscode.l10n.t('Import Existing Policies'))) return undefined;
  const inputs = args.inputs ?? (await pickInputs());
  if (!inputs?.length) return undefined;
  const root = policyRoot(rootUris) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const outFolder = args.outFolder ?? (await pickOutFolder(root));
  if (!outFolder) return undefined;
  if (!client.isRunning()) {
    void vscode.window.showWarningMessage(vscode.l10n.t('SOC 2: the language server is not running.'));
    return undefined;
  }
  let result = await requestWithProgress(client, ImportPoliciesRequest.type, { inputs, outFolder, force: args.force === true }, vscode.l10n.t('SOC 2: Importing policies'));
  if (result.exists.length && !args.inputs) {
    const replace = vscode.l10n.t('Replace');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('{0} imported documents exist already. Replace them?', result.exists.length), replace);
    if (choice === replace) {
      const again = await requestWithProgress(client, ImportPoliciesRequest.type, { inputs: result.exists.map((e) => e.sourceUri), outFolder, force: true }, vscode.l10n.t('SOC 2: Importing policies'));
      result = { written: [...result.written, ...again.written], exists: again.exists, failed: [...result.failed, ...again.failed] };
    }
  }
  const content = renderImportSummary(result, { relative: (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri)), t: vscode.l10n.t });
  const summary = summaries.add(content);
  // The .md path makes it a Markdown document: links to the imported files work with Ctrl+click.
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(summary), { preview: false });
  return { result, summary };
}

async function pickInputs(): Promise<string[] | undefined> {
  const files = vscode.l10n.t('Choose files…');
  const folder = vscode.l10n.t('Choose a folder…');
  // Native dialogs on Windows and Linux cannot offer files and folders at once: ask which first.
  const kind = await vscode.window.showQuickPick(
    [{ label: files, description: '.docx, .html, .htm, .txt, .md' }, { label: folder, description: vscode.l10n.t('every .docx, .html, .htm, .txt and .md file in it') }],
    { title: vscode.l10n.t('Import existing policies'), placeHolder: vscode.l10n.t('What to import') },
  );
  if (!kind) return undefined;
  const picked = await vscode.window.showOpenDialog(
    kind.label === files
      ? { canSelectFiles: true, canSelectFolders: false, canSelectMany: true, filters: { [vscode.l10n.t('Policies')]: EXTENSIONS }, openLabel: vscode.l10n.t('Import') }
      : { canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: vscode.l10n.t('Import') },
  );
  return picked?.map((uri) => uri.toString());
}

async function pickOutFolder(root: vscode.Uri | undefined): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: root ? vscode.Uri.joinPath(root, 'policies') : undefined,
    title: vscode.l10n.t('Folder for the imported policy documents'),
    openLabel: vscode.l10n.t('Import Here'),
  });
  return picked?.[0]?.toString();
}

export function registerImportPolicies(client: LanguageClient, rootUris: () => string[]): vscode.Disposable {
  const summaries = new SummaryDocuments();
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(SUMMARY_SCHEME, summaries),
    vscode.commands.registerCommand(Commands.importPolicies, (args?: ImportPoliciesArgs) =>
      importExistingPolicies(client, rootUris(), summaries, args && typeof args === 'object' ? args : {})),
  );
}
