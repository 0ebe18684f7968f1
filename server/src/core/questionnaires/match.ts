import type { SuggestionIndex } from '../suggest/index';
import { DEFAULT_PARAMETERS, scoreSentence } from '../suggest/score';
import { stems } from '../suggest/tokenize';
import { expandAbbreviations } from '../suggest/abbreviations';
import type { CitableSection } from './sections';

/** Knobs of question matching, fixed on the tuning half of the development set (`npm run bench:questionnaire`). */
export interface MatchParameters {
  k1: number;
  b: number;
  /** How much a word of the section heading counts next to a word of its text. */
  headingWeight: number;
  /** How much the headings above and the document title count. */
  contextWeight: number;
  /** Weight of criteria agreement (question's criteria vs the section's) next to the word match. */
  criteriaWeight: number;
  /** Multiplier for frame sections (Purpose, Scope, Roles, Enforcement, ...): they restate, the body commits. */
  frameSectionFactor: number;
  /** Cite a second section when it scores at least this share of the best. */
  secondCitation: number;
  /** Calibration: confidence = 1 - exp(-score / scale). */
  scale: number;
  /** Below this confidence nothing is cited: the question is left for a person. */
  minimumConfidence: number;
  /** At or above this confidence the drafted value is `yes`, below it `partial`. */
  yesConfidence: number;
  /**
   * A question is answered as excluded or carved out only when its criterion scores at least this much (the catalog
   * match, not relative): "What is the weather like?" weakly resembles some criterion, and must not come back `n/a`.
   */
  scopeStrength: number;
}

export const DEFAULT_MATCH_PARAMETERS: MatchParameters = {
  k1: 1.2,
  b: 0.6,
  headingWeight: 2,
  contextWeight: 0.5,
  criteriaWeight: 6,
  frameSectionFactor: 0.6,
  secondCitation: 0.95,
  scale: 12,
  minimumConfidence: 0.45,
  yesConfidence: 0.7,
  scopeStrength: 8,
};

interface SectionProfile {
  section: CitableSection;
  frequency: Map<string, number>;
  length: number;
  /** Criterion -> 0..1: how strongly the section is about it (its tag, and what the engine reads in its sentences). */
  criteria: Map<string, number>;
}

/** The workspace's sections as a small BM25 index, built once per answer run. */
export interface SectionIndex {
  profiles: SectionProfile[];
  idf: Map<string, number>;
  averageLength: number;
  criteria: SuggestionIndex;
  params: MatchParameters;
}

export function buildSectionIndex(sections: readonly CitableSection[], criteria: SuggestionIndex, params = DEFAULT_MATCH_PARAMETERS): SectionIndex {
  // Only sections with prose of their own can be cited: a bare "## Policy" heading answers nothing.
  const profiles = sections.filter((s) => s.statements.length).map((section) => profile(section, criteria, params));
  const documentFrequency = new Map<string, number>();
  for (const p of profiles) for (const stem of p.frequency.keys()) documentFrequency.set(stem, (documentFrequency.get(stem) ?? 0) + 1);
  const n = profiles.length;
  const idf = new Map([...documentFrequency].map(([stem, df]) => [stem, Math.log(1 + (n - df + 0.5) / (df + 0.5))]));
  const averageLength = profiles.reduce((sum, p) => sum + p.length, 0) / Math.max(1, n);
  return { profiles, idf, averageLength, criteria, params };
}

function profile(section: CitableSection, criteria: SuggestionIndex, params: MatchParameters): SectionProfile {
  const frequency = new Map<string, number>();
  const add = (text: string, weight: number) => stems(text).forEach((s) => frequency.set(s, (frequency.get(s) ?? 0) + weight));
  // Policies abbreviate too ("RPO", "KMS"): both sides are read with the meanings, so either spelling meets the other.
  for (const statement of section.statements) add(expandAbbreviations(statement.text, criteria.abbreviations), 1);
  add(section.heading, params.headingWeight);
  add(section.context, params.contextWeight);
  const length = [...frequency.values()].reduce((a, b) => a + b, 0);
  const read = new Map<string, number>();
  for (const statement of section.statements) {
    const { scores } = scoreSentence(criteria, { text: statement.text, context: stems(section.context) }, DEFAULT_PARAMETERS);
    for (const [at, score] of scores) {
      const id = criteria.profiles[at].id;
      read.set(id, Math.max(read.get(id) ?? 0, score));
    }
  }
  return { section, frequency, length, criteria: mergeCriteria(normalise(read), section.mappedCriteria, section.tagged ? 1 : 0.5) };
}

/** The criteria a question concerns, 0..1 relative to the best, strongest first; `strength` is the best one's own score. */
export function questionCriteria(question: string, criteria: SuggestionIndex): { weights: Map<string, number>; strength: number } {
  const { scores } = scoreSentence(criteria, { text: question, context: [] }, DEFAULT_PARAMETERS);
  const byId = new Map([...scores].map(([at, score]) => [criteria.profiles[at].id, score]));
  const weights = new Map([...normalise(byId)].filter(([, w]) => w >= 0.35).sort((a, b) => b[1] - a[1]).slice(0, 4));
  return { weights, strength: Math.max(0, ...byId.values()) };
}

export interface SectionMatch {
  section: CitableSection;
  score: number;
}

/** Sections ranked for a question: BM25 over the section's words plus agreement between the criteria both are about. */
export function rankSections(index: SectionIndex, question: string, questionCriteriaWeights: ReadonlyMap<string, number>): SectionMatch[] {
  const { k1, b, criteriaWeight } = index.params;
  const questionStems = new Set(stems(question));
  const matches: SectionMatch[] = [];
  for (const p of index.profiles) {
    let words = 0;
    for (const stem of questionStems) {
      const frequency = p.frequency.get(stem);
      if (!frequency) continue;
      words += index.idf.get(stem)! * ((frequency * (k1 + 1)) / (frequency + k1 * (1 - b + (b * p.length) / index.averageLength)));
    }
    let agreement = 0;
    for (const [id, weight] of questionCriteriaWeights) agreement += weight * (p.criteria.get(id) ?? 0);
    const frame = FRAME_HEADING.test(p.section.heading) && !headingAsked(p.section.heading, questionStems) ? index.params.frameSectionFactor : 1;
    const score = frame * (words + criteriaWeight * agreement);
    if (score > 0) matches.push({ section: p.section, score });
  }
  return matches.sort((x, y) => y.score - x.score || x.section.document.localeCompare(y.section.document) || x.section.index - y.section.index);
}

const FRAME_HEADING = /^(\d+(\.\d+)*\.?\s+)?(purpose|scope|roles and responsibilities|definitions|enforcement|evidence|review|review and maintenance|exceptions|further reading)$/i;

/** The question names the frame section's subject ("Are policies reviewed...?" asks for Review). */
function headingAsked(heading: string, questionStems: ReadonlySet<string>): boolean {
  return stems(heading).some((s) => questionStems.has(s));
}

function normalise(scores: ReadonlyMap<string, number>): Map<string, number> {
  const best = Math.max(0, ...scores.values());
  return new Map(best > 0 ? [...scores].map(([id, s]) => [id, s / best]) : []);
}

// A section's own tag is a person's statement of what it covers; the document's list covers every section only loosely.
function mergeCriteria(read: Map<string, number>, mapped: readonly string[], mappedWeight: number): Map<string, number> {
  const merged = new Map([...read].map(([id, w]) => [id, 0.6 * w]));
  for (const id of mapped) merged.set(id, Math.max(merged.get(id) ?? 0, mappedWeight));
  return merged;
}
