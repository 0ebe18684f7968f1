import type { CatalogControl } from '../../core/catalog/catalog';
import { stems } from '../../core/suggest/tokenize';
import type { Prediction } from './metrics';

/**
 * The comparison point: plain TF-IDF cosine between the whole document and each criterion's catalog text
 * (title, description, points of focus). No vocabulary, no sentences, no binding wording.
 * Selects criteria scoring at least half the best one, at most three.
 */
export function tfidfBaseline(controls: readonly CatalogControl[]): (text: string) => Prediction {
  const criterionTerms = controls.map((c) => counts(stems([c.title, c.description, ...c.pointsOfFocus.map((p) => `${p.title} ${p.summary}`)].join(' '))));
  const documentFrequency = new Map<string, number>();
  for (const terms of criterionTerms) for (const term of terms.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const idf = (term: string) => Math.log((controls.length + 1) / ((documentFrequency.get(term) ?? 0) + 1)) + 1;
  const criterionVectors = criterionTerms.map((terms) => weigh(terms, idf));
  return (text) => {
    const vector = weigh(counts(stems(text)), idf);
    const ranked = criterionVectors.map((v, i) => ({ id: controls[i].id, score: cosine(vector, v) })).filter((r) => r.score > 0).sort((a, b) => b.score - a.score);
    const best = ranked[0]?.score ?? 0;
    return { selected: ranked.filter((r) => r.score >= best / 2).slice(0, 3).map((r) => r.id), ranking: ranked.map((r) => r.id) };
  };
}

function counts(terms: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const t of terms) map.set(t, (map.get(t) ?? 0) + 1);
  return map;
}

function weigh(terms: Map<string, number>, idf: (t: string) => number): Map<string, number> {
  return new Map([...terms].map(([t, n]) => [t, (1 + Math.log(n)) * idf(t)]));
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  for (const [t, w] of a) dot += w * (b.get(t) ?? 0);
  const norm = (m: Map<string, number>) => Math.sqrt([...m.values()].reduce((s, w) => s + w * w, 0));
  return dot / (norm(a) * norm(b) || 1);
}
