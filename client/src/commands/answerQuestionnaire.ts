import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AnswerQuestionnaireRequest, type AnswerQuestionnaireResult } from '../../../server/src/protocol';
import { Commands } from '../ids';
import { requestWithProgress } from '../requestWithProgress';
import { refusedInRestrictedMode } from '../trust';
import { questionnaireUriOf } from '../views/questionnaireTree';

export interface AnswerQuestionnaireArgs {
  /** The questionnaire (URI) to answer without the picker (tests, tasks). */
  uri?: string;
  /** Redraft earlier drafts too; a person's answers are never touched. */
  redraft?: boolean;
}

const QUESTIONNAIRES_GLOB = '**/questionnaires/*.{yaml,yml}';

/**
 * "SOC 2: Answer Questionnaire…": picks a questionnaires/*.yaml and has the language server draft answers from the
 * policies (it has them parsed already), then says how many were drafted, reused and left as they were.
 */
async function answerQuestionnaire(client: LanguageClient, args: AnswerQuestionnaireArgs): Promise<AnswerQuestionnaireResult | undefined> {
  if (refusedInRestrictedMode(vscode.l10n.t('Answer Questionnaire'))) return undefined;
  const uri = args.uri ? vscode.Uri.parse(args.uri) : await pickQuestionnaire();
  if (!uri) return undefined;
  if (!client.isRunning()) {
    void vscode.window.showWarningMessage(vscode.l10n.t('SOC 2: the language server is not running.'));
    return undefined;
  }
  let result: AnswerQuestionnaireResult;
  try {
    result = await requestWithProgress(client, AnswerQuestionnaireRequest.type, { uri: uri.toString(), redraft: args.redraft === true }, vscode.l10n.t('SOC 2: Answering questionnaire'));
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('SOC 2: could not answer {0}: {1}', vscode.workspace.asRelativePath(uri), error instanceof Error ? error.message : String(error)));
    return undefined;
  }
  const open = vscode.l10n.t('Open Questionnaire');
  // Not awaited: the message stays until dismissed, and callers (tests, tasks) get the result now.
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t('SOC 2: {0}: {1} drafted, {2} reused from accepted answers, {3} left as they were. Review each draft and set status: accepted.', vscode.workspace.asRelativePath(uri), result.drafted, result.reused, result.kept),
      open,
    )
    .then((choice) => (choice === open ? vscode.window.showTextDocument(uri) : undefined));
  return result;
}

async function pickQuestionnaire(): Promise<vscode.Uri | undefined> {
  const files = (await vscode.workspace.findFiles(QUESTIONNAIRES_GLOB, '**/node_modules/**')).sort((a, b) => a.path.localeCompare(b.path));
  if (!files.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('SOC 2: no questionnaire found (questionnaires/<name>.yaml). Import one first with "SOC 2: Import Questionnaire…".'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: vscode.l10n.t('Answer questionnaire'), placeHolder: vscode.l10n.t('Questionnaire to answer from the policies') },
  );
  return picked?.uri;
}

export function registerAnswerQuestionnaire(client: LanguageClient): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.answerQuestionnaire, (args?: AnswerQuestionnaireArgs) => {
    // From the Questionnaires view the argument is the tree node; from code and tests, {uri, redraft}.
    const uri = questionnaireUriOf(args);
    return answerQuestionnaire(client, { ...(uri ? { uri } : {}), redraft: args?.redraft === true });
  });
}
