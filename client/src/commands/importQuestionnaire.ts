import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ImportQuestionnaireRequest, type ImportQuestionnaireResult } from '../../../server/src/protocol';
import { Commands } from '../ids';
import { requestWithProgress } from '../requestWithProgress';
import { policyRoot } from '../templates/templateSource';
import { refusedInRestrictedMode } from '../trust';

export interface ImportQuestionnaireArgs {
  /** The customer's file (URI) to import without the dialog (tests, tasks). */
  file?: string;
  /** The sheet to read, without asking. */
  sheet?: string;
}

const EXTENSIONS = ['xlsx', 'csv', 'json'];

/**
 * "SOC 2: Import Questionnaire…": picks a customer's .xlsx, .csv or VSAQ .json, has the language server read it
 * (exceljs on a large workbook takes a while; the editor never waits on it) into questionnaires/<name>.yaml, and
 * opens that. An existing questionnaire of the same name is never replaced.
 */
async function importQuestionnaire(client: LanguageClient, rootUris: string[], args: ImportQuestionnaireArgs): Promise<ImportQuestionnaireResult | undefined> {
  if (refusedInRestrictedMode(vscode.l10n.t('Import Questionnaire'))) return undefined;
  const file = args.file ? vscode.Uri.parse(args.file) : await pickFile();
  if (!file) return undefined;
  if (!client.isRunning()) {
    void vscode.window.showWarningMessage(vscode.l10n.t('SOC 2: the language server is not running.'));
    return undefined;
  }
  const fileName = file.path.slice(file.path.lastIndexOf('/') + 1);
  const root = policyRoot(rootUris);
  const request = (sheet: string | undefined) => requestWithProgress(
    client, ImportQuestionnaireRequest.type, { file: file.toString(), ...(root ? { rootUri: root.toString() } : {}), ...(sheet ? { sheet } : {}) },
    vscode.l10n.t('SOC 2: Importing questionnaire'),
  );
  let result: ImportQuestionnaireResult;
  try {
    result = await request(args.sheet);
    if (result.sheets?.length) {
      const sheet = await vscode.window.showQuickPick(result.sheets, {
        title: vscode.l10n.t('Import questionnaire'),
        placeHolder: vscode.l10n.t('{0} has several sheets: which one holds the questions?', fileName),
      });
      if (!sheet) return undefined;
      result = await request(sheet);
    }
  } catch (error) {
    // The importer's reasons are one clear line (no question column, formulas, merged cells, too large, ...).
    void vscode.window.showErrorMessage(vscode.l10n.t('SOC 2: could not import {0}: {1}', fileName, error instanceof Error ? error.message : String(error)));
    return undefined;
  }
  const uri = vscode.Uri.parse(result.uri);
  const relative = vscode.workspace.asRelativePath(uri);
  if (!result.written) {
    const open = vscode.l10n.t('Open It');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('SOC 2: {0} exists already and was left as it is. Rename or remove it to import {1} again.', relative, fileName), open)
      .then((choice) => (choice === open ? vscode.window.showTextDocument(uri) : undefined));
    return result;
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  const answer = vscode.l10n.t('Answer from Policies');
  // Not awaited: the message stays until dismissed, and callers (tests, tasks) get the result now.
  void vscode.window
    .showInformationMessage(vscode.l10n.t('SOC 2: imported {0} questions into {1}.', result.questions, relative), answer)
    .then((choice) => (choice === answer ? vscode.commands.executeCommand(Commands.answerQuestionnaire, { uri: result.uri }) : undefined));
  return result;
}

async function pickFile(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    filters: { [vscode.l10n.t('Questionnaires')]: EXTENSIONS },
    title: vscode.l10n.t('Customer questionnaire to import (.xlsx, .csv or VSAQ .json)'),
    openLabel: vscode.l10n.t('Import'),
  });
  return picked?.[0];
}

export function registerImportQuestionnaire(client: LanguageClient, rootUris: () => string[]): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.importQuestionnaire, (args?: ImportQuestionnaireArgs) =>
    importQuestionnaire(client, rootUris(), args && typeof args === 'object' ? args : {}));
}
