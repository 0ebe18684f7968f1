import type { DocumentRule } from './rule';
import { compareDates, formatDate } from '../dates';
import { EVIDENCE_RECORD_KIND, type EvidenceRecordFacts } from '../evidence/recordKind';

export const evidenceOutsidePeriod: DocumentRule = {
  kind: 'document',
  code: 'evidence-outside-period',
  defaultSeverity: 'warning',
  summary: 'An evidence record was performed outside the audit period (or in the future), so it supports no sample of this audit.',
  documentKinds: [EVIDENCE_RECORD_KIND],
  check(ctx) {
    const performed = (ctx.documentKind.facts as EvidenceRecordFacts).performed;
    const audit = ctx.config.audit;
    if (!performed) return;
    if (compareDates(performed.value, ctx.today) > 0) {
      ctx.report({ span: performed.span, message: `performed ${formatDate(performed.value)} is in the future. Record evidence once the control has run.` });
      return;
    }
    if (!audit || audit.type !== 'II') return;
    const { start, end } = audit.period;
    if (compareDates(performed.value, start) < 0 || compareDates(performed.value, end) > 0) {
      ctx.report({ span: performed.span, message: `performed ${formatDate(performed.value)} is outside the audit period (${formatDate(start)} to ${formatDate(end)}), so an auditor will not sample it for this report.` });
    }
  },
};
