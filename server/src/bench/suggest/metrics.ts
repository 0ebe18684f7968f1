/** What a suggester returned for one document: the criteria it stands behind, and its full ranking. */
export interface Prediction {
  selected: readonly string[];
  ranking: readonly string[];
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  /** Mean reciprocal rank of the first right criterion in the ranking (0 when none is ranked). */
  mrr: number;
  documents: number;
}

/** Micro-averaged precision, recall and F1 over all (document, criterion) pairs, plus MRR. */
export function evaluate(cases: readonly { truth: ReadonlySet<string>; prediction: Prediction }[]): Scores {
  let truePositives = 0;
  let predicted = 0;
  let relevant = 0;
  let reciprocalRanks = 0;
  for (const { truth, prediction } of cases) {
    predicted += prediction.selected.length;
    relevant += truth.size;
    truePositives += prediction.selected.filter((id) => truth.has(id)).length;
    const firstRight = prediction.ranking.findIndex((id) => truth.has(id));
    reciprocalRanks += firstRight >= 0 ? 1 / (firstRight + 1) : 0;
  }
  const precision = predicted ? truePositives / predicted : 0;
  const recall = relevant ? truePositives / relevant : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, mrr: cases.length ? reciprocalRanks / cases.length : 0, documents: cases.length };
}

export function formatScores(label: string, s: Scores): string {
  const f = (n: number) => n.toFixed(2);
  return `${label.padEnd(28)} P ${f(s.precision)}  R ${f(s.recall)}  F1 ${f(s.f1)}  MRR ${f(s.mrr)}  (${s.documents} documents)`;
}
