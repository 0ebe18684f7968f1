import type { CoverageStatus } from '../coverage/coverageModel';
import type { CriterionOperating, OperatingStatus } from '../coverage/operating';

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

/** How each operating status is named and marked (Type II reports show it beside the designed status). */
export const OPERATING_STYLES: Readonly<Record<OperatingStatus, { label: string; mark: string }>> = {
  operating: { label: 'Operating', mark: '●' },
  'operating-gaps': { label: 'Operating gaps', mark: '!' },
  'not-evidenced': { label: 'Not evidenced', mark: '○' },
};

/** "Operating", "Operating gaps (3 missing)" or "Not evidenced". */
export function operatingText(operating: CriterionOperating): string {
  const { label } = OPERATING_STYLES[operating.status];
  return operating.status === 'operating-gaps' ? `${label} (${operating.missing} missing)` : label;
}

export function formatPercent(percent: number): string {
  return `${percent.toFixed(1)}%`;
}
