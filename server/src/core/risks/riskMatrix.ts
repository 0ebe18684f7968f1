import { parseCycle, type Cycle } from '../dates';

/** One risk level of the matrix, lowest first. */
export interface RiskLevel {
  id: string;
  name: string;
  /** CSS colour for heat maps (a hex value). */
  color: string;
  /** How often a risk at this level is reviewed, e.g. "12 months". */
  review: string;
  reviewCycle: Cycle;
}

export interface ScaleStep {
  value: number;
  name: string;
}

/**
 * The risk matrix: names for the likelihood and impact steps, the levels, and a hand-set grid joining them
 * (a grid, not score thresholds, because likelihood × impact does not rank risks the way an appetite does).
 */
export interface RiskMatrix {
  likelihood: ScaleStep[];
  impact: ScaleStep[];
  levels: RiskLevel[];
  /** grid[likelihood - 1][impact - 1] = index into `levels`. */
  grid: number[][];
  /** Where the matrix came from: the built-in default or a file relative to the root. */
  source: string;
}

const level = (id: string, name: string, color: string, review: string): RiskLevel => ({ id, name, color, review, reviewCycle: parseCycle(review)! });

/** Our default 5×5: four levels; review gets more frequent as the level rises. */
export const DEFAULT_RISK_MATRIX: RiskMatrix = {
  source: 'built-in',
  likelihood: [
    { value: 1, name: 'Hardly ever' },
    { value: 2, name: 'Now and then' },
    { value: 3, name: 'Could well happen' },
    { value: 4, name: 'Expected this year' },
    { value: 5, name: 'Happening or imminent' },
  ],
  impact: [
    { value: 1, name: 'Barely noticed' },
    { value: 2, name: 'Contained' },
    { value: 3, name: 'Serious' },
    { value: 4, name: 'Damaging' },
    { value: 5, name: 'Existential' },
  ],
  levels: [
    level('low', 'Low', '#2e7d32', '12 months'),
    level('moderate', 'Moderate', '#f9a825', '6 months'),
    level('high', 'High', '#ef6c00', '3 months'),
    level('critical', 'Critical', '#c62828', '1 month'),
  ],
  // Rows: likelihood 1 (top) to 5; columns: impact 1 to 5. Impact weighs a little more than likelihood.
  grid: [
    [0, 0, 0, 1, 1],
    [0, 0, 1, 1, 2],
    [0, 1, 1, 2, 2],
    [1, 1, 2, 2, 3],
    [1, 2, 2, 3, 3],
  ],
};

/** A rating on the matrix: the two factors, their product and the level the grid gives. */
export interface RiskRating {
  likelihood: number;
  impact: number;
  score: number;
  level: RiskLevel;
  /** Index of `level` in the matrix's levels, to compare ratings. */
  rank: number;
}

export function rate(matrix: RiskMatrix, likelihood: number, impact: number): RiskRating | undefined {
  const rank = matrix.grid[likelihood - 1]?.[impact - 1];
  if (rank === undefined) return undefined;
  return { likelihood, impact, score: likelihood * impact, level: matrix.levels[rank], rank };
}

/** The rank of an appetite given as a level id, or the rank of the highest level a score up to `appetite` reaches. */
export function appetiteRank(matrix: RiskMatrix, appetite: string | number | undefined): number | undefined {
  if (appetite === undefined) return undefined;
  if (typeof appetite === 'string') {
    const index = matrix.levels.findIndex((l) => l.id === appetite.toLowerCase() || l.name.toLowerCase() === appetite.toLowerCase());
    return index < 0 ? undefined : index;
  }
  return undefined;
}

/** Whether a rating lies above the appetite: a level id compares by level, a number by score. */
export function aboveAppetite(matrix: RiskMatrix, rating: RiskRating, appetite: string | number | undefined): boolean {
  if (typeof appetite === 'number') return rating.score > appetite;
  const rank = appetiteRank(matrix, appetite);
  return rank !== undefined && rating.rank > rank;
}
