import type { DocumentRule } from './rule';
import type { RiskFacts } from '../risks/riskFacts';

export const riskResidualAboveInherent: DocumentRule = {
  kind: 'document',
  code: 'risk-residual-above-inherent',
  defaultSeverity: 'warning',
  documentKinds: ['risk'],
  summary: 'A risk\'s residual likelihood or impact is higher than its inherent one.',
  check(ctx) {
    const { inherent, residual, residualSpan, id } = ctx.documentKind.facts as RiskFacts;
    if (!inherent || !residual) return;
    // Treatment can only lower a factor; a higher residual is usually the two ratings swapped.
    const higher = (['likelihood', 'impact'] as const).filter((f) => residual[f].value > inherent[f].value);
    for (const factor of higher) {
      ctx.report({
        span: residual[factor].span ?? residualSpan,
        subject: id,
        message: `Residual ${factor} ${residual[factor].value} is higher than the inherent ${factor} ${inherent[factor].value}. Treatment cannot raise a risk: check whether the two ratings are swapped.`,
      });
    }
  },
};
