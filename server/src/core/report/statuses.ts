import type { CoverageStatus } from '../coverage/coverageModel';

/** How each coverage status is named and marked in reports. The mark keeps status readable without colour. */
export interface StatusStyle {
  status: CoverageStatus;
  label: string;
  mark: string;
}

export const STATUS_STYLES: readonly StatusStyle[] = [
  { status: 'covered', label: 'Covered', mark: '✓' },
  { status: 'carved-out', label: 'Carved out (vendor monitored)', mark: '☁' },
  { status: 'draft-only', label: 'Draft only', mark: '◐' },
  { status: 'uncovered', label: 'Uncovered', mark: '✗' },
  { status: 'excluded', label: 'Excluded', mark: '−' },
  { status: 'out-of-scope', label: 'Out of scope', mark: '·' },
];

export function statusStyle(status: CoverageStatus): StatusStyle {
  return STATUS_STYLES.find((s) => s.status === status) ?? STATUS_STYLES.find((s) => s.status === 'uncovered')!;
}

export function formatPercent(percent: number): string {
  return `${percent.toFixed(1)}%`;
}
