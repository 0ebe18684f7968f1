/**
 * `soc2Policy/importQuestionnaire`: the importer behind `soc2-policy questionnaire import`, run in the server (exceljs
 * on a large workbook takes a while) for the editor's "Import Questionnaire…" command. Writes
 * `questionnaires/<name>.yaml` of the policy root, never over an existing one.
 */
import { ErrorCodes, ResponseError, type Connection, type WorkDoneProgressReporter } from 'vscode-languageserver';
import { isInside, joinPath, relativePath } from '../core/paths';
import { ImportQuestionnaireRequest, type ImportQuestionnaireParams, type ImportQuestionnaireResult } from '../protocol';
import { QuestionnaireInputError } from '../questionnaires/inputError';
import { questionnaireName, readQuestionnaireFile } from '../questionnaires/read';
import { sheetsWithData } from '../questionnaires/sheets';
import { QUESTIONNAIRE_FOLDER, saveQuestionnaire } from '../questionnaires/store';
import type { FeatureContext } from './common';

export async function importQuestionnaireOf(ctx: FeatureContext, params: ImportQuestionnaireParams, progress: WorkDoneProgressReporter): Promise<ImportQuestionnaireResult> {
  const file = typeof params?.file === 'string' ? ctx.session.uris.pathOf(params.file) : undefined;
  if (!file) throw new ResponseError(ErrorCodes.InvalidParams, `not a file URI: ${String(params?.file)}`);
  const scope = typeof params.rootUri === 'string' ? params.rootUri : params.file;
  const [target] = [...(await ctx.session.rootsFor(scope)), ...(await ctx.session.rootsFor(undefined))];
  if (!target) throw new ResponseError(ErrorCodes.InvalidParams, 'no policy workspace is open to import the questionnaire into');
  const { analyzer } = target;
  const sheet = typeof params.sheet === 'string' && params.sheet ? params.sheet : undefined;
  progress.begin('Importing questionnaire', 0, undefined, false);
  try {
    if (!sheet) {
      const sheets = await sheetsWithData(file);
      if (sheets.length > 1) return { uri: ctx.session.uris.uriOf(questionnairePath(analyzer.root, questionnaireName(file))), written: false, questions: 0, sheets };
    }
    progress.report(20, 'Reading questions');
    const questionnaire = await readQuestionnaireFile(file, { sheet }).catch((error: unknown) => {
      // The importer's reasons are one line for the user (no question column, formulas, merged cells, ...).
      if (error instanceof QuestionnaireInputError) throw new ResponseError(ErrorCodes.InvalidParams, error.message);
      throw error;
    });
    const path = questionnairePath(analyzer.root, questionnaire.name);
    const uri = ctx.session.uris.uriOf(path);
    // A customer file kept in the repository is cited by its relative path, so the questionnaire works in any clone.
    const source = questionnaire.source && isInside(file, analyzer.root) ? { ...questionnaire.source, file: relativePath(analyzer.root, file) } : questionnaire.source;
    progress.report(80, `Writing ${questionnaire.questions.length} questions`);
    const written = (await saveQuestionnaire(path, { ...questionnaire, source }, false)) === 'written';
    // Not every client watches questionnaires: tell the session itself, so views and diagnostics follow at once.
    if (written) await ctx.session.didChangeWatchedFiles([{ uri, type: 1 }]);
    return { uri, written, questions: questionnaire.questions.length };
  } finally {
    progress.done();
  }
}

function questionnairePath(root: string, name: string): string {
  return joinPath(root, QUESTIONNAIRE_FOLDER, `${name}.yaml`);
}

export function registerQuestionnaireImport(connection: Connection, ctx: FeatureContext): void {
  connection.onRequest(ImportQuestionnaireRequest.type, (params) => importQuestionnaireOf(ctx, params, connection.window.attachWorkDoneProgress(params?.workDoneToken)));
}
