import type { DateOnly } from '../dates';
import { addCycle, compareDates, formatDate } from '../dates';
import { rate, type RiskMatrix, type RiskRating } from './riskMatrix';
import type { RiskFacts, RiskFactors } from './riskFacts';

export interface RiskRatings {
  inherent?: RiskRating;
  /** The residual rating, or the inherent one when no residual is given (nothing reduces it yet). */
  current?: RiskRating;
  residual?: RiskRating;
}

const rated = (matrix: RiskMatrix, factors: RiskFactors | undefined) => (factors ? rate(matrix, factors.likelihood.value, factors.impact.value) : undefined);

export function ratingsOf(facts: RiskFacts, matrix: RiskMatrix): RiskRatings {
  const inherent = rated(matrix, facts.inherent);
  const residual = rated(matrix, facts.residual);
  return { inherent, residual, current: residual ?? inherent };
}

/** When the risk is next due for review: last review plus the review interval of its current level. */
export function nextReview(facts: RiskFacts, matrix: RiskMatrix): DateOnly | undefined {
  const current = ratingsOf(facts, matrix).current;
  return facts.lastReviewed && current ? addCycle(facts.lastReviewed.value, current.level.reviewCycle) : undefined;
}

/** One row of the register, as reports and the editor show it. */
export interface RegisterRow {
  id: string;
  file: string;
  title?: string;
  owner?: string;
  treatment?: string;
  inherent?: RiskRating;
  residual?: RiskRating;
  lastReviewed?: string;
  nextReview?: string;
  overdue: boolean;
}

export interface HeatMapCell {
  likelihood: number;
  impact: number;
  level: string;
  color: string;
  /** Risk ids rated in this cell. */
  risks: string[];
}

export interface RiskRegister {
  matrix: RiskMatrix;
  rows: RegisterRow[];
  /** Cells by likelihood (highest first, as heat maps are drawn) then impact (lowest first). */
  heatMap: { inherent: HeatMapCell[][]; residual: HeatMapCell[][] };
}

export function buildRiskRegister(risks: Iterable<RiskFacts>, matrix: RiskMatrix, today: DateOnly): RiskRegister {
  const rows = [...risks]
    .map((facts): RegisterRow => {
      const ratings = ratingsOf(facts, matrix);
      const due = nextReview(facts, matrix);
      return {
        id: facts.id,
        file: facts.file,
        title: facts.title,
        owner: facts.owner,
        treatment: facts.treatment?.value,
        inherent: ratings.inherent,
        residual: ratings.current,
        lastReviewed: facts.lastReviewed ? formatDate(facts.lastReviewed.value) : undefined,
        nextReview: due ? formatDate(due) : undefined,
        overdue: due ? compareDates(due, today) < 0 : false,
      };
    })
    // Highest current rating first: the register is read top-down.
    .sort((a, b) => (b.residual?.rank ?? -1) - (a.residual?.rank ?? -1) || (b.residual?.score ?? 0) - (a.residual?.score ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { matrix, rows, heatMap: { inherent: heatMap(matrix, rows, 'inherent'), residual: heatMap(matrix, rows, 'residual') } };
}

function heatMap(matrix: RiskMatrix, rows: RegisterRow[], side: 'inherent' | 'residual'): HeatMapCell[][] {
  return [...matrix.likelihood].reverse().map((l) =>
    matrix.impact.map((i) => {
      const level = rate(matrix, l.value, i.value)!.level;
      const risks = rows.filter((r) => r[side]?.likelihood === l.value && r[side]?.impact === i.value).map((r) => r.id);
      return { likelihood: l.value, impact: i.value, level: level.id, color: level.color, risks };
    }),
  );
}
