/**
 * `soc2Policy/answerQuestionnaire`: the drafting behind `soc2-policy questionnaire answer`, run in the server where
 * the policies are already parsed. Writes the questionnaire back (an edit of the editor's text when it is open, so
 * nothing the user typed is lost; else the file) and answers what was drafted, reused and left alone.
 */
import { ErrorCodes, ResponseError, type Connection, type WorkDoneProgressReporter } from 'vscode-languageserver';
import { answerQuestionnaire } from '../core/questionnaires/answer';
import { parseQuestionnaireYaml, serializeQuestionnaire } from '../core/questionnaires/file';
import { buildAnswerLibrary } from '../core/questionnaires/library';
import { buildSectionIndex } from '../core/questionnaires/match';
import { isDrafted } from '../core/questionnaires/model';
import { answeringContext } from '../core/questionnaires/workspaceSections';
import { AnswerQuestionnaireRequest, type AnswerQuestionnaireParams, type AnswerQuestionnaireResult } from '../protocol';
import { otherQuestionnaires, saveQuestionnaire } from '../questionnaires/store';
import type { FeatureContext } from './common';
import { registerQuestionnaireImport } from './questionnaireImport';
import { registerQuestionnaireReview } from './questionnaireReview';

export async function answerQuestionnaireOf(connection: Connection, ctx: FeatureContext, params: AnswerQuestionnaireParams, progress: WorkDoneProgressReporter): Promise<AnswerQuestionnaireResult> {
  const uri = typeof params?.uri === 'string' ? params.uri : '';
  const target = uri ? await ctx.session.target(uri) : undefined;
  if (!target || !target.analyzer.questionnaires.owns(target.file)) throw new ResponseError(ErrorCodes.InvalidParams, `not a questionnaire (questionnaires/<name>.yaml) of a policy workspace: ${uri}`);
  const parsed = parseQuestionnaireYaml(target.text, target.file.replace(/^.*\//, '').replace(/\.ya?ml$/i, ''));
  if (parsed.errors.length) throw new ResponseError(ErrorCodes.InvalidParams, `${parsed.errors[0].message} (line ${target.lines.positionAt(parsed.errors[0].span.start).line + 1})`);
  progress.begin('Drafting answers from the policies', 0, undefined, false);
  try {
    const { analyzer } = target;
    const context = answeringContext(analyzer);
    const index = buildSectionIndex(context.lookup.sections, analyzer.suggestionIndex());
    progress.report(30, 'Reading accepted answers of other questionnaires');
    const library = buildAnswerLibrary(await otherQuestionnaires(analyzer.root, target.file));
    progress.report(60, `Drafting answers for ${parsed.questionnaire.questions.length} questions`);
    const { questionnaire, summary } = answerQuestionnaire(parsed.questionnaire, index, context.lookup, { exclusions: context.exclusions, carveOuts: context.carveOuts, library, redraft: params.redraft === true });
    const text = serializeQuestionnaire(questionnaire);
    if (target.version !== undefined) {
      const end = target.lines.positionAt(target.text.length);
      const applied = await connection.workspace.applyEdit({ label: 'Answer questionnaire', edit: { changes: { [target.uri]: [{ range: { start: { line: 0, character: 0 }, end }, newText: text }] } } });
      if (!applied.applied) throw new ResponseError(ErrorCodes.InternalError, `the editor refused the edit${applied.failureReason ? `: ${applied.failureReason}` : ''}`);
    } else {
      await saveQuestionnaire(target.file, questionnaire, true);
      // Not every client watches questionnaires: tell the session itself, so diagnostics follow at once.
      await ctx.session.didChangeWatchedFiles([{ uri: target.uri, type: 2 }]);
    }
    const answered = questionnaire.questions.filter((q, i) => q.answer !== parsed.questionnaire.questions[i].answer);
    return { ...summary, cited: answered.filter((q) => isDrafted(q.answer) && q.answer.citations.length > 0).length };
  } finally {
    progress.done();
  }
}

export function registerQuestionnaireRequests(connection: Connection, ctx: FeatureContext): void {
  connection.onRequest(AnswerQuestionnaireRequest.type, (params) => answerQuestionnaireOf(connection, ctx, params, connection.window.attachWorkDoneProgress(params?.workDoneToken)));
  registerQuestionnaireImport(connection, ctx);
  registerQuestionnaireReview(connection, ctx);
}
