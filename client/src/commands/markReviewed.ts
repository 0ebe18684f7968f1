import * as vscode from 'vscode';
import { Commands } from '../ids';
import { today } from '../settings';
import { lastReviewedEdit } from '../text/frontMatter';

/** Sets `last_reviewed` to today in the active (or given) document; unsaved, so the author can check it. */
export async function markReviewed(uri?: vscode.Uri): Promise<boolean> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'markdown') {
    void vscode.window.showWarningMessage(vscode.l10n.t('SOC 2: open a policy document to mark it as reviewed.'));
    return false;
  }
  const date = today();
  const edit = lastReviewedEdit(document.getText(), date);
  if (!edit) {
    void vscode.window.showWarningMessage(vscode.l10n.t('SOC 2: this document has no front matter (--- … ---) to record the review in.'));
    return false;
  }
  const workspaceEdit = new vscode.WorkspaceEdit();
  if (edit.insert) workspaceEdit.insert(document.uri, new vscode.Position(edit.line, 0), `${edit.text}${document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'}`);
  else workspaceEdit.replace(document.uri, document.lineAt(edit.line).range, edit.text);
  return vscode.workspace.applyEdit(workspaceEdit);
}

export function registerMarkReviewed(): vscode.Disposable {
  // From the editor title menu the argument is the document's URI; from the palette there is none.
  return vscode.commands.registerCommand(Commands.markReviewed, (uri?: unknown) => markReviewed(uri instanceof vscode.Uri ? uri : undefined));
}
