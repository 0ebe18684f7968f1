import type { DocumentRule } from './rule';
import type { VendorFacts } from '../vendors/vendorFacts';
import { addCycle, compareDates, formatDate } from '../dates';

const REPORT_VALIDITY = { amount: 12, unit: 'months' } as const;

export const vendorReportStale: DocumentRule = {
  kind: 'document',
  code: 'vendor-report-stale',
  defaultSeverity: 'warning',
  documentKinds: ['vendor'],
  summary: 'A vendor\'s SOC 2 report period ended more than 12 months ago and no bridge letter covers today.',
  check(ctx) {
    const facts = ctx.documentKind.facts as VendorFacts;
    const periodEnd = facts.soc2?.periodEnd;
    if (!periodEnd) return;
    const staleFrom = addCycle(periodEnd.value, REPORT_VALIDITY);
    if (compareDates(staleFrom, ctx.today) >= 0) return;
    const bridge = facts.soc2?.bridgeLetterUntil;
    if (bridge && compareDates(bridge.value, ctx.today) >= 0) return;
    ctx.report({
      span: periodEnd.span,
      subject: facts.id,
      message:
        `${facts.name}'s SOC 2 report period ended ${formatDate(periodEnd.value)}, more than 12 months ago` +
        (bridge ? `, and its bridge letter ran out on ${formatDate(bridge.value)}` : ', and no bridge letter covers the gap') +
        '. Obtain the new report (or a bridge letter) and review it.',
    });
  },
};
