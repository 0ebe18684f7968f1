import type { CatalogControl } from '../catalog/catalog';
import { NO_ABBREVIATIONS, type Abbreviations } from './abbreviations';
import { stems } from './tokenize';
import type { Vocabulary } from './vocabulary';

/** A vocabulary phrase as stems, with how specific it is (shared by fewer criteria weighs more). */
export interface Phrase {
  criterion: string;
  text: string;
  stems: readonly string[];
  weight: number;
}

export interface PointProfile {
  id: string;
  stems: ReadonlySet<string>;
}

export interface CriterionProfile {
  id: string;
  title: string;
  termFrequency: ReadonlyMap<string, number>;
  length: number;
  points: readonly PointProfile[];
}

/**
 * The catalog as a small BM25 index: each criterion is one "document" made of its title, description, points of
 * focus and vocabulary. Our own BM25 (a few lines) rather than a search library: we score every sentence against
 * every criterion with field weights, which search libraries built for top-k retrieval do not expose.
 */
export interface SuggestionIndex {
  profiles: readonly CriterionProfile[];
  /** stem -> criteria whose profile holds it, with the term frequency there. */
  postings: ReadonlyMap<string, readonly { profile: number; frequency: number }[]>;
  idf: ReadonlyMap<string, number>;
  averageLength: number;
  /** First stem of a phrase -> phrases starting the lookup there. */
  phrasesByStem: ReadonlyMap<string, readonly Phrase[]>;
  /** Criterion id -> position in `profiles`. */
  profileIndex: ReadonlyMap<string, number>;
  /** Questionnaire abbreviations and their meanings (controls-catalog/tsc/abbreviations.yaml), added to questions before matching. */
  abbreviations: Abbreviations;
}

// Field weights: vocabulary and titles say what a criterion is about; long descriptions dilute.
const FIELD_WEIGHTS = { title: 3, description: 1, pointTitle: 2, pointSummary: 1, vocabulary: 3 };

export function buildSuggestionIndex(controls: readonly CatalogControl[], vocabulary: Vocabulary, abbreviations: Abbreviations = NO_ABBREVIATIONS): SuggestionIndex {
  const profiles: CriterionProfile[] = controls.map((control) => {
    const frequency = new Map<string, number>();
    const add = (text: string, weight: number) => stems(text).forEach((s) => frequency.set(s, (frequency.get(s) ?? 0) + weight));
    add(control.title, FIELD_WEIGHTS.title);
    add(control.description, FIELD_WEIGHTS.description);
    for (const point of control.pointsOfFocus) {
      add(point.title, FIELD_WEIGHTS.pointTitle);
      add(point.summary, FIELD_WEIGHTS.pointSummary);
    }
    for (const phrase of vocabulary.get(control.id) ?? []) add(phrase, FIELD_WEIGHTS.vocabulary);
    const length = [...frequency.values()].reduce((a, b) => a + b, 0);
    const points = control.pointsOfFocus.map((p) => ({ id: p.id, stems: new Set(stems(`${p.title} ${p.summary}`)) }));
    return { id: control.id, title: control.title, termFrequency: frequency, length, points };
  });
  const postings = new Map<string, { profile: number; frequency: number }[]>();
  profiles.forEach((profile, index) => {
    for (const [stem, frequency] of profile.termFrequency) (postings.get(stem) ?? postings.set(stem, []).get(stem)!).push({ profile: index, frequency });
  });
  const count = profiles.length;
  const idf = new Map([...postings].map(([stem, list]) => [stem, Math.log(1 + (count - list.length + 0.5) / (list.length + 0.5))]));
  const averageLength = profiles.reduce((a, p) => a + p.length, 0) / Math.max(1, count);
  return { profiles, postings, idf, averageLength, phrasesByStem: phraseLookup(controls, vocabulary), profileIndex: new Map(profiles.map((p, i) => [p.id, i])), abbreviations };
}

function phraseLookup(controls: readonly CatalogControl[], vocabulary: Vocabulary): Map<string, Phrase[]> {
  const known = new Set(controls.map((c) => c.id));
  const all: Omit<Phrase, 'weight'>[] = [];
  for (const [criterion, phrases] of vocabulary) {
    if (!known.has(criterion)) continue;
    for (const text of phrases) {
      const phraseStems = [...new Set(stems(text))];
      if (phraseStems.length) all.push({ criterion, text, stems: phraseStems });
    }
  }
  // A phrase listed under several criteria points at none of them strongly.
  const sharing = new Map<string, Set<string>>();
  for (const p of all) {
    const key = p.stems.join(' ');
    (sharing.get(key) ?? sharing.set(key, new Set()).get(key)!).add(p.criterion);
  }
  const lookup = new Map<string, Phrase[]>();
  for (const p of all) {
    const weight = (1 + 0.5 * (p.stems.length - 1)) / sharing.get(p.stems.join(' '))!.size;
    (lookup.get(p.stems[0]) ?? lookup.set(p.stems[0], []).get(p.stems[0])!).push({ ...p, weight });
  }
  return lookup;
}
