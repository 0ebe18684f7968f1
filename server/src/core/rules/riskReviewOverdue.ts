import type { DocumentRule } from './rule';
import type { RiskFacts } from '../risks/riskFacts';
import { compareDates, formatDate } from '../dates';
import { nextReview, ratingsOf } from '../risks/riskRegister';

export const riskReviewOverdue: DocumentRule = {
  kind: 'document',
  code: 'risk-review-overdue',
  defaultSeverity: 'warning',
  documentKinds: ['risk'],
  summary: 'A risk was never reviewed, or its last review plus the review interval of its level is before today.',
  check(ctx) {
    const facts = ctx.documentKind.facts as RiskFacts;
    const { matrix } = ctx.config.risks;
    const current = ratingsOf(facts, matrix).current;
    if (!current) return;
    if (!facts.lastReviewed) {
      ctx.report({ span: facts.headSpan, subject: facts.id, message: `Risk ${facts.id} has no last_reviewed date. Record when it was last reviewed (YYYY-MM-DD).` });
      return;
    }
    const due = nextReview(facts, matrix)!;
    if (compareDates(due, ctx.today) >= 0) return;
    ctx.report({
      span: facts.lastReviewed.span,
      subject: facts.id,
      message: `Review overdue: risk ${facts.id} is ${current.level.name}, reviewed every ${current.level.review}; last reviewed ${formatDate(facts.lastReviewed.value)}, so due ${formatDate(due)}.`,
    });
  },
};
