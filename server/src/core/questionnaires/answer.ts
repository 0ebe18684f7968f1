import { draftAnswer, type DraftOptions } from './draft';
import { findInLibrary, type LibraryEntry } from './library';
import type { SectionIndex } from './match';
import { isDrafted, isPersonAnswer, type Answer, type Questionnaire } from './model';
import type { SectionLookup } from './sections';

export interface AnswerRunOptions extends DraftOptions {
  /** Redraft every earlier draft (never accepted or typed answers); drafts whose cited sections changed are redrafted anyway. */
  redraft?: boolean;
  library?: readonly LibraryEntry[];
}

export interface AnswerRunSummary {
  drafted: number;
  reused: number;
  /** Answers left alone: a person's, or earlier drafts without `redraft`. */
  kept: number;
}

/** Fills every unanswered question; a person's answers (typed or accepted) are never touched. Returns a new questionnaire. */
export function answerQuestionnaire(q: Questionnaire, index: SectionIndex, lookup: SectionLookup, options: AnswerRunOptions = {}): { questionnaire: Questionnaire; summary: AnswerRunSummary } {
  const summary: AnswerRunSummary = { drafted: 0, reused: 0, kept: 0 };
  const questions = q.questions.map((entry) => {
    // A draft whose cited text changed since it was drafted (or that "re-check" turned back into a draft) is redrafted.
    const keep = isPersonAnswer(entry.answer) || (isDrafted(entry.answer) && !options.redraft && !outOfDate(entry.answer, lookup));
    if (keep) {
      summary.kept++;
      return entry;
    }
    const reused = reuse(options.library ?? [], entry.question, lookup);
    if (reused) summary.reused++;
    else summary.drafted++;
    return { ...entry, answer: reused ?? draftAnswer(entry.question, index, options) };
  });
  return { questionnaire: { ...q, questions }, summary };
}

/** An accepted answer to the same question, as a draft to confirm, if every section it cites still reads the same. */
function reuse(library: readonly LibraryEntry[], question: string, lookup: SectionLookup): Answer | undefined {
  const found = findInLibrary(library, question);
  if (!found) return undefined;
  const current = found.answer.citations.every((c) => lookup.find(c.document, c.section)?.hash === c.hash);
  return current ? { ...found.answer, status: 'draft', reusedFrom: found.from } : undefined;
}

/** A drafted answer citing a section that is gone or reads differently now. */
function outOfDate(answer: Answer, lookup: SectionLookup): boolean {
  return answer.citations.some((c) => lookup.find(c.document, c.section)?.hash !== c.hash);
}
