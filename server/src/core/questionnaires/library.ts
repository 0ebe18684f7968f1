import { stems } from '../suggest/tokenize';
import { isDrafted, type Answer, type Questionnaire } from './model';

/** An accepted answer from an earlier questionnaire, keyed by the question's words. */
export interface LibraryEntry {
  from: string;
  question: string;
  stems: ReadonlySet<string>;
  answer: Answer;
}

/** Questions this alike (Jaccard over stemmed content words) count as the same question asked again. */
export const NEAR_IDENTICAL = 0.8;

/** The accepted answers of other questionnaires: what a person already stood behind. */
export function buildAnswerLibrary(questionnaires: readonly Questionnaire[]): LibraryEntry[] {
  return questionnaires.flatMap((q) =>
    q.questions.flatMap((e) => (isDrafted(e.answer) && e.answer.status === 'accepted' ? [{ from: `${q.name}#${e.id}`, question: e.question, stems: new Set(stems(e.question)), answer: e.answer }] : [])),
  );
}

/** The library's closest accepted answer to `question`, if near-identical. */
export function findInLibrary(library: readonly LibraryEntry[], question: string): LibraryEntry | undefined {
  const wanted = new Set(stems(question));
  let best: { entry: LibraryEntry; similarity: number } | undefined;
  for (const entry of library) {
    const similarity = jaccard(wanted, entry.stems);
    if (similarity >= NEAR_IDENTICAL && (!best || similarity > best.similarity)) best = { entry, similarity };
  }
  return best?.entry;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size && !b.size) return 1;
  let shared = 0;
  for (const s of a) if (b.has(s)) shared++;
  return shared / (a.size + b.size - shared);
}
