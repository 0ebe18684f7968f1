import type { EvidencePlan } from '../evidence/plan';

/**
 * The operating side of coverage, for a Type II audit: did the controls mapped to a criterion leave evidence for
 * every window of the period that has closed so far? Designed coverage (a mapping by an approved policy) is the
 * criterion's `status`; this is read from the evidence calendar only.
 *
 * operating: some obligation names the criterion and no closed window of those obligations lacks a record.
 * operating-gaps: some obligation names it and at least one closed window (past its grace) has no record.
 * not-evidenced: no obligation of an approved document names it.
 */
export type OperatingStatus = 'operating' | 'operating-gaps' | 'not-evidenced';

export const OPERATING_STATUSES: readonly OperatingStatus[] = ['operating', 'operating-gaps', 'not-evidenced'];

export interface CriterionOperating {
  status: OperatingStatus;
  /** Ids of the obligations naming the criterion, sorted. */
  obligations: string[];
  /** Closed windows of those obligations with no record (a window naming two criteria counts for each). */
  missing: number;
}

export interface OperatingSummary {
  operating: number;
  operatingGaps: number;
  notEvidenced: number;
  /** Missing samples behind the gaps: each closed window without a record counted once, however many criteria it names. */
  missing: number;
}

/**
 * Operating facts by criterion id for the criteria in `applicable` (in scope and not excluded), or undefined
 * without a Type II calendar. `criterionOf` reads what an obligation's `criteria:` names (a criterion or one
 * of its points of focus) as a criterion id.
 */
export function operatingCoverage(
  plan: EvidencePlan | undefined,
  applicable: readonly string[],
  criterionOf: (written: string) => string | undefined,
): { byCriterion: Map<string, CriterionOperating>; summary: OperatingSummary } | undefined {
  if (!plan) return undefined;
  const wanted = new Set(applicable);
  const byCriterion = new Map<string, CriterionOperating>(applicable.map((id) => [id, { status: 'not-evidenced', obligations: [], missing: 0 }]));
  let missingSamples = 0;
  for (const { obligation, windows } of plan.obligations) {
    // Due and future windows are not gaps yet: only those whose grace has passed count.
    const missing = windows.filter((w) => w.status === 'missing').length;
    const named = new Set(obligation.criteria.map(criterionOf).filter((id): id is string => id !== undefined && wanted.has(id)));
    if (named.size) missingSamples += missing;
    for (const id of named) {
      const entry = byCriterion.get(id)!;
      entry.obligations.push(obligation.id);
      entry.missing += missing;
    }
  }
  const summary: OperatingSummary = { operating: 0, operatingGaps: 0, notEvidenced: 0, missing: missingSamples };
  for (const entry of byCriterion.values()) {
    entry.obligations.sort();
    entry.status = !entry.obligations.length ? 'not-evidenced' : entry.missing ? 'operating-gaps' : 'operating';
    if (entry.status === 'operating') summary.operating++;
    else if (entry.status === 'operating-gaps') summary.operatingGaps++;
    else summary.notEvidenced++;
  }
  return { byCriterion, summary };
}
