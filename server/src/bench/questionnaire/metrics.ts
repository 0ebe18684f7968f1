import { isDrafted, type Questionnaire } from '../../core/questionnaires/model';

export interface Label {
  criteria: string[];
  sections: string[];
}

export interface QuestionOutcome {
  cited: string[];
  labelled: string[];
  confidence: number;
  criteria: string[];
  labelledCriteria: string[];
}

/** Pairs each drafted answer with its label. */
export function outcomes(q: Questionnaire, labels: Record<string, Label>): QuestionOutcome[] {
  return q.questions.flatMap((e) => {
    const label = labels[e.id];
    if (!label || !isDrafted(e.answer)) return [];
    return [{ cited: e.answer.citations.map((c) => `${c.document}#${c.section}`), labelled: label.sections, confidence: e.answer.confidence, criteria: e.answer.criteria, labelledCriteria: label.criteria }];
  });
}

export interface Scores {
  questions: number;
  /** Cited sections that a practitioner would cite, over all cited sections. */
  precision: number;
  /** Questions with a labelled section whose answer cites at least one of them. */
  coverage: number;
  /** Questions without any fitting section that were (rightly) left uncited. */
  abstention: number;
  criteriaPrecision: number;
  criteriaRecall: number;
  /** Mean squared gap between confidence and whether the first citation is right (answers with a citation). */
  brier: number;
  bins: { range: string; answers: number; meanConfidence: number; accuracy: number }[];
}

const BINS = [0, 0.6, 0.75, 0.9, 1.01];

export function score(results: readonly QuestionOutcome[]): Scores {
  const cited = results.flatMap((r) => r.cited.map((c) => r.labelled.includes(c)));
  const answerable = results.filter((r) => r.labelled.length);
  const unanswerable = results.filter((r) => !r.labelled.length);
  const predictedCriteria = results.flatMap((r) => r.criteria.map((c) => r.labelledCriteria.includes(c)));
  const labelledCriteria = results.flatMap((r) => r.labelledCriteria.map((c) => r.criteria.includes(c)));
  const withCitation = results.filter((r) => r.cited.length);
  const right = (r: QuestionOutcome) => (r.labelled.includes(r.cited[0]) ? 1 : 0);
  const bins = BINS.slice(0, -1).map((low, i) => {
    const inBin = withCitation.filter((r) => r.confidence >= low && r.confidence < BINS[i + 1]);
    return { range: `${low.toFixed(2)}-${Math.min(1, BINS[i + 1]).toFixed(2)}`, answers: inBin.length, meanConfidence: mean(inBin.map((r) => r.confidence)), accuracy: mean(inBin.map(right)) };
  });
  return {
    questions: results.length,
    precision: mean(cited.map(Number)),
    coverage: mean(answerable.map((r) => (r.cited.some((c) => r.labelled.includes(c)) ? 1 : 0))),
    abstention: mean(unanswerable.map((r) => (r.cited.length ? 0 : 1))),
    criteriaPrecision: mean(predictedCriteria.map(Number)),
    criteriaRecall: mean(labelledCriteria.map(Number)),
    brier: mean(withCitation.map((r) => (r.confidence - right(r)) ** 2)),
    bins,
  };
}

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

export function formatScores(title: string, s: Scores): string {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const lines = [
    `${title} (${s.questions} questions)`,
    `  citation precision ${pct(s.precision)}   coverage (answered with a right citation) ${pct(s.coverage)}   abstention on unanswerable ${pct(s.abstention)}`,
    `  criteria precision ${pct(s.criteriaPrecision)}   criteria recall ${pct(s.criteriaRecall)}   Brier score ${s.brier.toFixed(3)}`,
    '  calibration (confidence bin: answers, mean confidence -> share whose first citation is right)',
    ...s.bins.map((b) => `    ${b.range}: ${String(b.answers).padStart(3)}, ${b.meanConfidence.toFixed(2)} -> ${b.answers ? pct(b.accuracy) : '-'}`),
  ];
  return lines.join('\n');
}

/** One questionnaire's line under its half, so a new questionnaire's figures stay visible next to the older ones. */
export function formatFileLine(file: string, s: Scores): string {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  return `    ${file.padEnd(28)} ${String(s.questions).padStart(3)} questions: precision ${pct(s.precision)}, answered with a right citation ${pct(s.coverage)}`;
}
