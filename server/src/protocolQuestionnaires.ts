/**
 * The Questionnaires part of the custom protocol (see protocol.ts, which re-exports it): importing a customer's
 * questionnaire, progress per questionnaire for the Questionnaires view, and the Review Answers panel's data and
 * edits. Wire types only (URIs and LSP ranges), like the rest of the protocol.
 */
import { NotificationType, RequestType, type Range, type TextEdit } from 'vscode-languageserver-protocol';
import type { ScopeParams } from './protocol';
import type { AttentionReason, QuestionnaireProgress } from './core/questionnaires/review';

export interface ImportQuestionnaireParams {
  /** The customer's file (URI): .xlsx, .csv or VSAQ .json. */
  file: string;
  /** A folder or document of the policy root to import into. Omitted: the root holding `file`, else the first root. */
  rootUri?: string;
  /** The sheet to read. Omitted for a workbook with several sheets holding data: nothing is written, `sheets` lists them. */
  sheet?: string;
  /** Token for work-done progress. */
  workDoneToken?: string | number;
}

export interface ImportQuestionnaireResult {
  /** `questionnaires/<name>.yaml` (URI): written, or already there. */
  uri: string;
  /** False when a questionnaire of that name exists (it is left as it was) or a sheet must be chosen first. */
  written: boolean;
  questions: number;
  /** Sheets holding data, when the workbook has several and `sheet` was not given. */
  sheets?: string[];
}

/**
 * Reads a customer's questionnaire into `questionnaires/<name>.yaml` of a policy root (as `soc2-policy questionnaire
 * import` does), never replacing one that exists. Unusable files fail with the importer's one-line reason.
 */
export namespace ImportQuestionnaireRequest {
  export const method = 'soc2Policy/importQuestionnaire';
  export const type = new RequestType<ImportQuestionnaireParams, ImportQuestionnaireResult, void>(method);
}

export type QuestionAttentionReason = AttentionReason;

/** A questionnaire's progress (core/questionnaires/review.ts), where it is, and where each question needing a person is written. */
export interface QuestionnaireInfo extends Omit<QuestionnaireProgress, 'attention'> {
  uri: string;
  name: string;
  /** Questions needing a person, stale and broken first; `range` is where the question's id is written. */
  attention: (QuestionnaireProgress['attention'][number] & { range: Range })[];
  /** The file is not a readable questionnaire: its first problem. */
  problem?: string;
}

export interface RootQuestionnaires {
  rootUri: string;
  name: string;
  questionnaires: QuestionnaireInfo[];
}

export interface QuestionnairesResult {
  roots: RootQuestionnaires[];
}

/** Every questionnaire of every root (or of the root `uri` is in), with its progress. */
export namespace QuestionnairesRequest {
  export const method = 'soc2Policy/questionnaires';
  export const type = new RequestType<ScopeParams, QuestionnairesResult, void>(method);
}

export interface QuestionnairesChangedParams {
  rootUri: string;
}

/** Sent when a root's questionnaires or their progress changed (an answer, a cited section, a new file). */
export namespace QuestionnairesChangedNotification {
  export const method = 'soc2Policy/questionnairesChanged';
  export const type = new NotificationType<QuestionnairesChangedParams>(method);
}

export interface QuestionnaireReviewParams {
  /** The questionnaire (URI). */
  uri: string;
}

export interface ReviewCitationInfo {
  document: string;
  section: string;
  /** `current`: the section reads as when the answer cited it; `changed`: it was edited since; `missing`: it is gone. */
  state: 'current' | 'changed' | 'missing';
  /** The cited document (URI) and its heading's range, when they exist. */
  uri?: string;
  range?: Range;
  heading?: string;
  /** The section's current text as written (Markdown), shortened when long. */
  text?: string;
}

export interface ReviewQuestionInfo {
  id: string;
  question: string;
  /** Where the question's id is written in the questionnaire. */
  range: Range;
  /** The drafted (or accepted) answer. */
  answer?: { value: string; text: string; confidence: number; status: 'draft' | 'accepted'; criteria: string[]; reusedFrom?: string };
  /** An answer a person typed as plain text. */
  typed?: string;
  citations: ReviewCitationInfo[];
  stale: boolean;
  broken: boolean;
}

export interface QuestionnaireReviewResult {
  uri: string;
  name: string;
  info: QuestionnaireInfo;
  questions: ReviewQuestionInfo[];
}

/** A questionnaire's questions with their answers and the current text of every section they cite. */
export namespace QuestionnaireReviewRequest {
  export const method = 'soc2Policy/questionnaireReview';
  export const type = new RequestType<QuestionnaireReviewParams, QuestionnaireReviewResult, void>(method);
}

export interface ReviewAnswerParams {
  /** The questionnaire (URI). */
  uri: string;
  questionId: string;
  /** `accept`: `status: accepted`; `reject`: the drafted answer is cleared, the question is unanswered again. */
  action: 'accept' | 'reject';
}

export interface ReviewAnswerResult {
  /** Edits of the questionnaire's text (empty: nothing to change, e.g. accepted already). */
  edits: TextEdit[];
  /** The version of the open document the edits are for; absent when computed on the file on disk. */
  version?: number;
}

/**
 * The edits that accept or reject one drafted answer, computed on the questionnaire's current text so its comments
 * and layout stay; the client applies them as a workspace edit (undoable). The server writes nothing.
 */
export namespace ReviewAnswerRequest {
  export const method = 'soc2Policy/reviewAnswer';
  export const type = new RequestType<ReviewAnswerParams, ReviewAnswerResult, void>(method);
}

/** Code action kind of "Accept the answer to …" on a question of a questionnaire. */
export const ACCEPT_ANSWER_KIND = 'refactor.soc2Policy.acceptAnswer';
