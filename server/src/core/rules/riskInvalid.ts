import type { DocumentRule } from './rule';
import type { RiskFacts } from '../risks/riskFacts';

export const riskInvalid: DocumentRule = {
  kind: 'document',
  code: 'risk-invalid',
  defaultSeverity: 'error',
  documentKinds: ['risk'],
  summary: 'A risk lacks a required key (title, owner, likelihood, impact, treatment) or has a value out of range.',
  check(ctx) {
    const facts = ctx.documentKind.facts as RiskFacts;
    for (const problem of facts.problems) ctx.report({ span: problem.span, message: problem.message });
  },
};
