/** What a questionnaire file (questionnaires/<name>.yaml) holds. Plain data: readers, the CLI and the server share it. */
export const ANSWER_VALUES = ['yes', 'partial', 'no', 'n/a'] as const;
export type AnswerValue = (typeof ANSWER_VALUES)[number];
export type AnswerStatus = 'draft' | 'accepted';

/** A policy section an answer relies on, with the hash of its text when the answer was drafted or accepted. */
export interface Citation {
  /** Relative to the workspace root, forward slashes. */
  document: string;
  /** Heading slug (`account-provisioning`). */
  section: string;
  hash: string;
}

export interface Answer {
  value: AnswerValue;
  text: string;
  criteria: string[];
  citations: Citation[];
  /** 0..1, two decimals. */
  confidence: number;
  /** `accepted`: a person stands behind it; the tool never overwrites it. */
  status: AnswerStatus;
  /** Where a reused answer came from (`<questionnaire>#<id>`). */
  reusedFrom?: string;
}

export interface QuestionEntry {
  id: string;
  question: string;
  /** Empty until drafted; a plain string is an answer a person typed, never overwritten. */
  answer: Answer | string;
  /** Row in the customer's sheet (1-based) or index in a VSAQ file, so export writes back to the same place. */
  row?: number;
}

/** Where the questions came from, so export can fill a copy of the same file. */
export interface QuestionnaireSource {
  file: string;
  format: 'xlsx' | 'csv' | 'vsaq';
  sheet?: string;
  /** 1-based column numbers in the sheet (xlsx, csv). */
  columns?: { id?: number; question: number; answer?: number; comment?: number };
  headerRow?: number;
}

export interface Questionnaire {
  name: string;
  source?: QuestionnaireSource;
  questions: QuestionEntry[];
}

export function isDrafted(answer: QuestionEntry['answer']): answer is Answer {
  return typeof answer === 'object' && answer !== null;
}

/** A person's answer: typed as text, or a drafted answer someone accepted. */
export function isPersonAnswer(answer: QuestionEntry['answer']): boolean {
  return typeof answer === 'string' ? answer.trim() !== '' : answer.status === 'accepted';
}
