import type { DocumentRule } from './rule';
import type { VendorFacts } from '../vendors/vendorFacts';
import { addCycle, compareDates, formatDate, parseCycle } from '../dates';

export const vendorReviewOverdue: DocumentRule = {
  kind: 'document',
  code: 'vendor-review-overdue',
  defaultSeverity: 'warning',
  documentKinds: ['vendor'],
  summary: 'A vendor was never reviewed, or its last review plus its review cycle is before today.',
  check(ctx) {
    const facts = ctx.documentKind.facts as VendorFacts;
    const cycleText = facts.reviewCycle?.value ?? ctx.config.vendors.reviewCycle;
    const cycle = parseCycle(cycleText);
    if (!cycle) {
      ctx.report({ span: facts.reviewCycle!.span, subject: facts.id, message: `review_cycle "${cycleText}" is not a period. Write it like "12 months".` });
      return;
    }
    if (!facts.lastReviewed) {
      ctx.report({ span: facts.headSpan, subject: facts.id, message: `${facts.name} has no last_reviewed date. Record when the vendor was last reviewed (YYYY-MM-DD).` });
      return;
    }
    const due = addCycle(facts.lastReviewed.value, cycle);
    if (compareDates(due, ctx.today) >= 0) return;
    ctx.report({ span: facts.lastReviewed.span, subject: facts.id, message: `Vendor review overdue: ${facts.name} was last reviewed ${formatDate(facts.lastReviewed.value)} on a ${cycleText} cycle, so it was due ${formatDate(due)}.` });
  },
};
