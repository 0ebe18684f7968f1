import type { Span } from '../types';
import { parseCycle } from '../dates';
import { DEFAULT_RISK_MATRIX, type RiskMatrix } from '../risks/riskMatrix';

/** soc2-policy.yaml `risks:` after defaults. The matrix itself is loaded by the analyzer from `matrixFile`. */
export interface RiskSettings {
  /** Highest acceptable residual rating: a level id of the matrix (`moderate`) or a score (1–25). */
  appetite?: string | number;
  appetiteSpan?: Span;
  /** The matrix file, relative to the root. */
  matrixFile: string;
  /** The matrix in force: the file's when it loads, else the built-in default. */
  matrix: RiskMatrix;
  /** How recent the newest risk review must be for the annual assessment (default 12 months). */
  assessmentCycle: string;
  /** True when soc2-policy.yaml has a `risks:` section (the workspace keeps a register). */
  declared: boolean;
}

/** soc2-policy.yaml `vendors:` after defaults. */
export interface VendorSettings {
  /** Review cycle of vendors without review_cycle. */
  reviewCycle: string;
  /** Criteria whose mapping counts as our monitoring of a carved-out vendor. */
  monitoringCriteria: string[];
  /** Documents (globs relative to the root) that must name every subservice organization; empty: any mapping a monitoring criterion. */
  describedIn: string[];
}

export interface RawRisks {
  appetite?: string | number;
  matrix?: string;
  assessmentCycle?: string;
}

export interface RawVendors {
  reviewCycle?: string;
  monitoringCriteria?: string[];
  describedIn?: string[];
}

export const defaultRiskSettings = (): RiskSettings => ({ matrixFile: 'risk-matrix.yaml', matrix: DEFAULT_RISK_MATRIX, assessmentCycle: '12 months', declared: false });
export const defaultVendorSettings = (): VendorSettings => ({ reviewCycle: '12 months', monitoringCriteria: ['CC9.2', 'CC4.1'], describedIn: [] });

type Report = (path: (string | number)[], message: string) => void;

export function readRiskSettings(raw: RawRisks, spanOf: (path: (string | number)[]) => Span, report: Report): RiskSettings {
  const settings = { ...defaultRiskSettings(), declared: true };
  if (raw.matrix) settings.matrixFile = raw.matrix;
  if (raw.appetite !== undefined) {
    settings.appetite = raw.appetite;
    settings.appetiteSpan = spanOf(['risks', 'appetite']);
  }
  if (raw.assessmentCycle) {
    if (parseCycle(raw.assessmentCycle)) settings.assessmentCycle = raw.assessmentCycle;
    else report(['risks', 'assessmentCycle'], `"${raw.assessmentCycle}" is not a period. Write it like "12 months".`);
  }
  return settings;
}

export function readVendorSettings(raw: RawVendors, report: Report): VendorSettings {
  const settings = defaultVendorSettings();
  if (raw.reviewCycle) {
    if (parseCycle(raw.reviewCycle)) settings.reviewCycle = raw.reviewCycle;
    else report(['vendors', 'reviewCycle'], `"${raw.reviewCycle}" is not a period. Write it like "12 months".`);
  }
  if (raw.monitoringCriteria?.length) settings.monitoringCriteria = raw.monitoringCriteria;
  if (raw.describedIn) settings.describedIn = raw.describedIn;
  return settings;
}
