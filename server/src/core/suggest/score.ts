import type { SuggestionIndex, Phrase } from './index';
import { tokenize } from './tokenize';

/** Tunable knobs, fixed after tuning on the tuning half of the development set (see bench:suggest). */
export interface ScoringParameters {
  k1: number;
  b: number;
  /** Added per matched vocabulary phrase (times the phrase's weight). */
  phraseBonus: number;
  /** How much the section heading's words count next to the sentence's own. */
  headingWeight: number;
  /** Multiplier for sentences with binding wording (must, shall, at least quarterly). */
  bindingBoost: number;
  /** Weights of a criterion's best, second and third sentence in the document score. */
  rankWeights: readonly number[];
  /** Calibration: confidence = 1 - exp(-score / scale). */
  scale: number;
  /** Report a criterion only at or above this confidence... */
  threshold: number;
  /** ...and only when its score is at least this share of the document's best criterion. */
  relativeFloor: number;
}

export const DEFAULT_PARAMETERS: ScoringParameters = {
  k1: 1.2,
  b: 0.5,
  phraseBonus: 4,
  headingWeight: 0.6,
  bindingBoost: 1.3,
  rankWeights: [1, 0.5, 0.25],
  scale: 27,
  threshold: 0.7,
  relativeFloor: 0.5,
};

const BINDING = /\b(must|shall|is required|are required|will be|at least|within \d|no later than|annually|quarterly|monthly|weekly|daily|every \w+ (days|months|years))\b/i;

export interface SentenceInput {
  text: string;
  /** Stems of the enclosing headings (the document title included), which tell what the sentence is about. */
  context: readonly string[];
}

/** Per sentence: criterion index -> score. Only criteria that scored are present. */
export interface SentenceScores {
  scores: Map<number, number>;
  phrases: Phrase[];
}

export function scoreSentence(index: SuggestionIndex, sentence: SentenceInput, params: ScoringParameters): SentenceScores {
  const own = tokenize(sentence.text).map((t) => t.stem);
  const weights = new Map<string, number>();
  for (const stem of own) weights.set(stem, 1);
  for (const stem of sentence.context) if (!weights.has(stem)) weights.set(stem, params.headingWeight);
  const scores = new Map<number, number>();
  for (const [stem, weight] of weights) {
    const idf = index.idf.get(stem);
    if (idf === undefined) continue;
    for (const { profile, frequency } of index.postings.get(stem)!) {
      const length = index.profiles[profile].length;
      const tf = (frequency * (params.k1 + 1)) / (frequency + params.k1 * (1 - params.b + (params.b * length) / index.averageLength));
      scores.set(profile, (scores.get(profile) ?? 0) + weight * idf * tf);
    }
  }
  const present = new Set(own);
  const phrases = matchPhrases(index, present);
  for (const phrase of phrases) {
    const at = index.profileIndex.get(phrase.criterion)!;
    scores.set(at, (scores.get(at) ?? 0) + params.phraseBonus * phrase.weight);
  }
  if (BINDING.test(sentence.text)) for (const [at, s] of scores) scores.set(at, s * params.bindingBoost);
  return { scores, phrases };
}

/** Vocabulary phrases whose every stem occurs in the sentence (order-free: policies reword). */
function matchPhrases(index: SuggestionIndex, present: ReadonlySet<string>): Phrase[] {
  const matched: Phrase[] = [];
  for (const stem of present) for (const phrase of index.phrasesByStem.get(stem) ?? []) if (phrase.stems.every((s) => present.has(s))) matched.push(phrase);
  return matched;
}

/** A criterion's document score from its sentence scores: the best sentences count, with diminishing weight. */
export function documentScore(sentenceScores: readonly number[], params: ScoringParameters): number {
  const best = [...sentenceScores].sort((a, b) => b - a);
  return params.rankWeights.reduce((sum, weight, i) => sum + weight * (best[i] ?? 0), 0);
}

export function confidence(score: number, params: ScoringParameters): number {
  return 1 - Math.exp(-score / params.scale);
}
