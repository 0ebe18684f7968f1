import type { DocumentRule } from './rule';
import type { RiskFacts } from '../risks/riskFacts';

export const riskAcceptanceIncomplete: DocumentRule = {
  kind: 'document',
  code: 'risk-acceptance-incomplete',
  defaultSeverity: 'warning',
  documentKinds: ['risk'],
  summary: 'An accepted risk has no acceptance with an approver and an expiry date.',
  check(ctx) {
    const facts = ctx.documentKind.facts as RiskFacts;
    if (facts.treatment?.value !== 'accept') return;
    const acceptance = facts.acceptance;
    // An acceptance without an end is a risk nobody looks at again; without an approver nobody owns the decision.
    const missing = [!acceptance?.approver && 'approver', !acceptance?.expires && 'expires'].filter(Boolean);
    if (!missing.length) return;
    ctx.report({
      span: acceptance?.keySpan ?? facts.treatment.span,
      subject: facts.id,
      message: `Risk ${facts.id} is accepted but its acceptance has no ${missing.join(' and no ')}. Add acceptance: {approver, date, expires} so the decision has an owner and an end.`,
    });
  },
};
