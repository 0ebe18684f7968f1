/**
 * What the editor's Questionnaires view and Review Answers panel show, and the edits behind their Accept and Reject
 * buttons: `soc2Policy/questionnaires` (progress per questionnaire, pushed again with `soc2Policy/questionnairesChanged`),
 * `soc2Policy/questionnaireReview` (answers beside the cited sections' text) and `soc2Policy/reviewAnswer` (text edits
 * the client applies, so the YAML keeps its comments and the change can be undone).
 */
import { ErrorCodes, ResponseError, type CancellationToken, type CodeAction, type Connection, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { PolicyAnalyzer } from '../core/analyzer';
import { joinPath } from '../core/paths';
import { parseQuestionnaireYaml, type ParsedQuestionnaire } from '../core/questionnaires/file';
import { isDrafted, type Citation } from '../core/questionnaires/model';
import { answerReviewEdits, questionIdAt, questionnaireProgress, questionSpan } from '../core/questionnaires/review';
import { citableSections, type CitableSection } from '../core/questionnaires/sections';
import { answerCitationBroken, answerStale } from '../core/rules/answerStale';
import type { LineIndex } from '../core/text/lineIndex';
import {
  ACCEPT_ANSWER_KIND, QuestionnaireReviewRequest, QuestionnairesChangedNotification, QuestionnairesRequest, ReviewAnswerRequest,
  type QuestionnaireInfo, type QuestionnaireReviewParams, type QuestionnaireReviewResult, type QuestionnairesResult, type ReviewAnswerParams,
  type ReviewAnswerResult, type ReviewCitationInfo, type ReviewQuestionInfo, type RootQuestionnaires, type ScopeParams,
} from '../protocol';
import type { PolicyRoot } from '../session/policyRoot';
import type { DocumentTarget, PolicySession } from '../session/session';
import { notifyWhenModelChanges } from './rootChangeNotifier';
import { offsetOf, throwIfCancelled, type FeatureContext } from './common';

/** Cited text beyond this is cut: the panel shows enough to judge the answer, the document has the rest. */
const CITED_TEXT_LIMIT = 2000;
const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function info(session: PolicySession, analyzer: PolicyAnalyzer, file: string, parsed: ParsedQuestionnaire, lines: LineIndex): QuestionnaireInfo {
  const { attention, ...counts } = questionnaireProgress(parsed, analyzer.findings(file));
  const rangeOf = (id: string) => {
    const span = questionSpan(parsed, id);
    return span ? lines.rangeOf(span) : ZERO;
  };
  return {
    uri: session.uris.uriOf(file),
    name: parsed.questionnaire.name,
    ...counts,
    attention: attention.map((a) => ({ id: a.id, question: a.question, reason: a.reason, range: rangeOf(a.id) })),
    ...(parsed.errors.length ? { problem: parsed.errors[0].message } : {}),
  };
}

function rootQuestionnaires(session: PolicySession, root: PolicyRoot, analyzer: PolicyAnalyzer): RootQuestionnaires {
  const set = analyzer.questionnaires;
  const questionnaires = set.files().flatMap((file) => {
    const parsed = set.parsed(file);
    const lines = set.lines(file);
    return parsed && lines ? [info(session, analyzer, file, parsed, lines)] : [];
  });
  return { rootUri: root.uri, name: root.name, questionnaires };
}

export async function questionnairesOfRoots(ctx: FeatureContext, params: ScopeParams | undefined, token?: CancellationToken): Promise<QuestionnairesResult> {
  const roots: RootQuestionnaires[] = [];
  for (const { root, analyzer } of await ctx.session.rootsFor(params?.uri)) {
    throwIfCancelled(token);
    roots.push(rootQuestionnaires(ctx.session, root, analyzer));
  }
  return { roots };
}

/** The questionnaire a request names, analysed up to its latest text; anything else is a clear parameter error. */
async function questionnaireTarget(ctx: FeatureContext, uri: unknown): Promise<DocumentTarget> {
  const target = typeof uri === 'string' ? await ctx.session.target(uri) : undefined;
  if (!target || !target.analyzer.questionnaires.owns(target.file)) throw new ResponseError(ErrorCodes.InvalidParams, `not a questionnaire (questionnaires/<name>.yaml) of a policy workspace: ${String(uri)}`);
  return target;
}

function parsedOf(target: DocumentTarget): { parsed: ParsedQuestionnaire; lines: LineIndex } {
  const set = target.analyzer.questionnaires;
  const parsed = set.parsed(target.file);
  const lines = set.lines(target.file);
  if (parsed && lines) return { parsed, lines };
  return { parsed: parseQuestionnaireYaml(target.text, target.file.replace(/^.*\//, '').replace(/\.ya?ml$/i, '')), lines: target.lines };
}

export async function questionnaireReview(ctx: FeatureContext, params: QuestionnaireReviewParams): Promise<QuestionnaireReviewResult> {
  const target = await questionnaireTarget(ctx, params?.uri);
  const { analyzer } = target;
  const { parsed, lines } = parsedOf(target);
  const findings = analyzer.findings(target.file);
  const flagged = (code: string) => new Set(findings.filter((f) => f.code === code).map((f) => f.subject));
  const stale = flagged(answerStale.code);
  const broken = flagged(answerCitationBroken.code);
  const cite = citedSections(ctx.session, analyzer);
  const questions = parsed.questionnaire.questions.map((entry): ReviewQuestionInfo => {
    const span = questionSpan(parsed, entry.id);
    const a = entry.answer;
    return {
      id: entry.id,
      question: entry.question,
      range: span ? lines.rangeOf(span) : ZERO,
      ...(isDrafted(a)
        ? { answer: { value: a.value, text: a.text, confidence: a.confidence, status: a.status, criteria: a.criteria, ...(a.reusedFrom ? { reusedFrom: a.reusedFrom } : {}) } }
        : a.trim() ? { typed: a } : {}),
      citations: isDrafted(a) ? a.citations.map(cite) : [],
      stale: stale.has(entry.id),
      broken: broken.has(entry.id),
    };
  });
  return { uri: target.uri, name: parsed.questionnaire.name, info: info(ctx.session, analyzer, target.file, parsed, lines), questions };
}

/** Looks citations up in the analysed documents, reading each cited document's sections once. */
function citedSections(session: PolicySession, analyzer: PolicyAnalyzer): (citation: Citation) => ReviewCitationInfo {
  const byDocument = new Map<string, CitableSection[]>();
  const sectionsOf = (document: string) => {
    let sections = byDocument.get(document);
    if (!sections) {
      const doc = analyzer.document(joinPath(analyzer.root, document));
      sections = doc ? citableSections(doc, document, (raw) => analyzer.catalogSet.criterionOf(raw)?.id) : [];
      byDocument.set(document, sections);
    }
    return sections;
  };
  return (citation) => {
    const file = joinPath(analyzer.root, citation.document);
    const doc = analyzer.document(file);
    const section = sectionsOf(citation.document).find((s) => s.slug === citation.section);
    const base = { document: citation.document, section: citation.section, ...(doc ? { uri: session.uris.uriOf(file) } : {}) };
    if (!doc || !section) return { ...base, state: 'missing' };
    const text = section.text.trim();
    return {
      ...base,
      state: section.hash === citation.hash ? 'current' : 'changed',
      heading: section.heading,
      range: doc.lines.rangeOf(doc.body.sections[section.index].headingSpan),
      text: text.length > CITED_TEXT_LIMIT ? `${text.slice(0, CITED_TEXT_LIMIT).trimEnd()} …` : text,
    };
  };
}

export async function reviewAnswer(ctx: FeatureContext, params: ReviewAnswerParams): Promise<ReviewAnswerResult> {
  const target = await questionnaireTarget(ctx, params?.uri);
  if (params.action !== 'accept' && params.action !== 'reject') throw new ResponseError(ErrorCodes.InvalidParams, `action must be "accept" or "reject" (got ${JSON.stringify(params.action)})`);
  if (typeof params.questionId !== 'string' || !params.questionId) throw new ResponseError(ErrorCodes.InvalidParams, 'questionId must name a question of the questionnaire');
  const result = answerReviewEdits(target.text, params.questionId, params.action);
  if ('error' in result) throw new ResponseError(ErrorCodes.InvalidParams, `cannot ${params.action} the answer: ${result.error}`);
  return { edits: result.edits.map((e) => ({ range: target.lines.rangeOf(e.span), newText: e.newText })), ...(target.version !== undefined ? { version: target.version } : {}) };
}

/** "Accept the answer to Q1" on a question with a drafted answer not yet accepted (the cursor anywhere in the question). */
export function acceptAnswerActions(target: DocumentTarget, range: Range, toWorkspaceEdit: (edits: TextEdit[]) => WorkspaceEdit): CodeAction[] {
  if (!target.analyzer.questionnaires.owns(target.file)) return [];
  const offset = offsetOf(target.lines, range.start);
  if (offset === undefined) return [];
  const parsed = parseQuestionnaireYaml(target.text, 'questionnaire');
  const id = questionIdAt(parsed, offset);
  const entry = id === undefined ? undefined : parsed.questionnaire.questions.find((q) => q.id === id);
  if (!entry || !isDrafted(entry.answer) || entry.answer.status === 'accepted') return [];
  const result = answerReviewEdits(target.text, entry.id, 'accept');
  if ('error' in result || !result.edits.length) return [];
  const edits = result.edits.map((e) => ({ range: target.lines.rangeOf(e.span), newText: e.newText }));
  return [{ title: `Accept the answer to ${entry.id}`, kind: ACCEPT_ANSWER_KIND, edit: toWorkspaceEdit(edits) }];
}

export function registerQuestionnaireReview(connection: Connection, ctx: FeatureContext): void {
  connection.onRequest(QuestionnairesRequest.type, (params, token) => questionnairesOfRoots(ctx, params, token));
  connection.onRequest(QuestionnaireReviewRequest.type, (params) => questionnaireReview(ctx, params));
  connection.onRequest(ReviewAnswerRequest.type, (params) => reviewAnswer(ctx, params));
  notifyWhenModelChanges(ctx, (root, analyzer) => rootQuestionnaires(ctx.session, root, analyzer), (rootUri) => connection.sendNotification(QuestionnairesChangedNotification.type, { rootUri }));
}
