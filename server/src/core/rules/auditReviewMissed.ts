import type { DocumentRule } from './rule';
import { addCycle, compareDates, formatDate, parseCycle, parseDate } from '../dates';

export const auditReviewMissed: DocumentRule = {
  kind: 'document',
  code: 'audit-review-missed',
  defaultSeverity: 'warning',
  summary: 'With a Type II period configured: an approved document was not reviewed within a closed period, or its next review falls due before the period ends.',
  check(ctx) {
    const { doc, today } = ctx;
    const audit = ctx.config.audit;
    if (!audit || audit.type !== 'II' || doc.status !== 'approved') return;
    const cycle = parseCycle(doc.reviewCycle?.value ?? ctx.config.review.defaultCycle);
    const reviewed = doc.lastReviewed ? parseDate(doc.lastReviewed.value) : doc.lastRevision?.date;
    const span = doc.lastReviewed?.span ?? doc.lastRevision?.span;
    if (!reviewed || !span || !cycle) return;
    const { start, end } = audit.period;
    const periodClosed = compareDates(end, today) < 0;
    if (periodClosed && compareDates(reviewed, start) < 0) {
      ctx.report({ span, message: `Last reviewed ${formatDate(reviewed)}, before the audit period (${formatDate(start)} to ${formatDate(end)}): the auditor will find no review inside the period.` });
      return;
    }
    const due = addCycle(reviewed, cycle);
    // Overdue today is review-overdue's finding; this one looks ahead to the period end.
    if (compareDates(due, today) >= 0 && compareDates(due, end) < 0) {
      ctx.report({ span, message: `The next review is due ${formatDate(due)}, before the audit period ends ${formatDate(end)}. Review it by then, or the auditor will find it overdue at the period end.` });
    }
  },
};
