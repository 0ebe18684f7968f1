import type { DocumentRule } from './rule';
import { addCycle, compareDates, formatDate, parseCycle, parseDate } from '../dates';

export const reviewOverdue: DocumentRule = {
  kind: 'document',
  code: 'review-overdue',
  defaultSeverity: 'warning',
  summary: 'The last review plus the review cycle is before today, or a review date or cycle is not valid.',
  check(ctx) {
    const { doc, today } = ctx;
    if (doc.status === 'draft' || doc.status === 'retired') return;
    const cycleText = doc.reviewCycle?.value ?? ctx.config.review.defaultCycle;
    const cycle = parseCycle(cycleText);
    if (doc.reviewCycle && !cycle) {
      ctx.report({ span: doc.reviewCycle.span, message: `review_cycle "${doc.reviewCycle.value}" is not a period. Write it like "12 months", "6 weeks" or "1 year".` });
      return;
    }
    let last = doc.lastRevision;
    if (doc.lastReviewed) {
      const date = parseDate(doc.lastReviewed.value);
      if (!date) {
        ctx.report({ span: doc.lastReviewed.span, message: `last_reviewed "${String(doc.lastReviewed.value)}" is not a date. Write it as YYYY-MM-DD, for example ${formatDate(today)}.` });
        return;
      }
      last = { date, span: doc.lastReviewed.span };
    }
    if (!last || !cycle) return;
    const due = addCycle(last.date, cycle);
    if (compareDates(due, today) < 0) {
      const edits = doc.lastReviewed ? [{ span: doc.lastReviewed.span, newText: formatDate(today) }] : undefined;
      ctx.report({
        span: last.span,
        message: `Review overdue: last reviewed ${formatDate(last.date)} on a ${cycleText} cycle, so it was due ${formatDate(due)}. Review the document and update last_reviewed.`,
        // Not preferred: recording a review is an attestation a person makes, not a mechanical fix.
        fixes: edits ? [{ title: `Mark as reviewed today (${formatDate(today)})`, edits }] : undefined,
      });
    }
  },
};
