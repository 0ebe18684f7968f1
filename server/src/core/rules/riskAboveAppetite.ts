import type { DocumentRule } from './rule';
import type { RiskFacts } from '../risks/riskFacts';
import { aboveAppetite } from '../risks/riskMatrix';
import { ratingsOf } from '../risks/riskRegister';

export const riskAboveAppetite: DocumentRule = {
  kind: 'document',
  code: 'risk-above-appetite',
  defaultSeverity: 'warning',
  documentKinds: ['risk'],
  summary: 'A risk rated above the appetite in soc2-policy.yaml is accepted or has no treatment.',
  check(ctx) {
    const facts = ctx.documentKind.facts as RiskFacts;
    const { matrix, appetite } = ctx.config.risks;
    const current = ratingsOf(facts, matrix).current;
    if (appetite === undefined || !current || !aboveAppetite(matrix, current, appetite)) return;
    const treatment = facts.treatment?.value;
    if (treatment && treatment !== 'accept') return;
    ctx.report({
      span: facts.treatment?.span ?? facts.headSpan,
      subject: facts.id,
      message: `Risk ${facts.id} is rated ${current.level.name} (score ${current.score}), above the appetite (${appetite}), and is ${treatment === 'accept' ? 'accepted' : 'not treated'}. Mitigate, transfer or avoid it, or have the appetite changed by its owner.`,
    });
  },
};
