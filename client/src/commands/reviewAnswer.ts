import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReviewAnswerRequest, type ReviewAnswerParams, type ReviewAnswerResult } from '../../../server/src/protocol';
import { Commands } from '../ids';
import { refusedInRestrictedMode } from '../trust';

export interface ReviewAnswerArgs {
  /** The questionnaire (URI). */
  uri: string;
  questionId: string;
}

/** The server computes on the editor's text; if the user types in between, ask again rather than apply stale edits. */
const ATTEMPTS = 3;

/**
 * Accepts or rejects one drafted answer: the server returns text edits of the questionnaire's YAML (comments and
 * layout kept) and they are applied as a workspace edit, so Undo takes the decision back. A questionnaire that was
 * saved is saved again: the review panel works like a form, and the CLI and exports read the file.
 */
export async function reviewAnswer(client: LanguageClient, action: ReviewAnswerParams['action'], args: ReviewAnswerArgs): Promise<boolean> {
  const label = action === 'accept' ? vscode.l10n.t('Accept Answer') : vscode.l10n.t('Reject Answer');
  if (refusedInRestrictedMode(label)) return false;
  if (!client.isRunning()) {
    void vscode.window.showWarningMessage(vscode.l10n.t('SOC 2: the language server is not running.'));
    return false;
  }
  const uri = vscode.Uri.parse(args.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const wasSaved = !document.isDirty;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let result: ReviewAnswerResult;
    try {
      result = await client.sendRequest(ReviewAnswerRequest.type, { uri: uri.toString(), questionId: args.questionId, action });
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('SOC 2: {0} {1}: {2}', label, args.questionId, error instanceof Error ? error.message : String(error)));
      return false;
    }
    if (result.version !== undefined && result.version !== document.version) continue;
    if (!result.edits.length) return true;
    const edit = new vscode.WorkspaceEdit();
    for (const e of result.edits) edit.replace(uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('SOC 2: {0} {1}: the editor did not apply the change.', label, args.questionId));
      return false;
    }
    if (wasSaved) await document.save();
    return true;
  }
  void vscode.window.showErrorMessage(vscode.l10n.t('SOC 2: {0} {1}: the questionnaire kept changing; try again.', label, args.questionId));
  return false;
}

function validArgs(args: unknown): ReviewAnswerArgs | undefined {
  const a = args as Partial<ReviewAnswerArgs> | undefined;
  return a && typeof a.uri === 'string' && typeof a.questionId === 'string' ? { uri: a.uri, questionId: a.questionId } : undefined;
}

export function registerReviewAnswer(client: LanguageClient): vscode.Disposable {
  const register = (command: string, action: ReviewAnswerParams['action']) => vscode.commands.registerCommand(command, (args?: unknown) => {
    const valid = validArgs(args);
    return valid ? reviewAnswer(client, action, valid) : false;
  });
  return vscode.Disposable.from(register(Commands.acceptAnswer, 'accept'), register(Commands.rejectAnswer, 'reject'));
}
