import type { DocumentRule } from './rule';
import type { RiskFacts } from '../risks/riskFacts';
import { compareDates, formatDate } from '../dates';

export const riskAcceptanceExpired: DocumentRule = {
  kind: 'document',
  code: 'risk-acceptance-expired',
  defaultSeverity: 'warning',
  documentKinds: ['risk'],
  summary: 'The acceptance of an accepted risk expired before today.',
  check(ctx) {
    const facts = ctx.documentKind.facts as RiskFacts;
    const expires = facts.acceptance?.expires;
    if (facts.treatment?.value !== 'accept' || !expires || compareDates(expires.value, ctx.today) >= 0) return;
    ctx.report({
      span: expires.span,
      subject: facts.id,
      message: `The acceptance of risk ${facts.id} expired on ${formatDate(expires.value)}. Re-assess the risk: renew the acceptance with its approver, or choose another treatment.`,
    });
  },
};
