import type { DocumentRule } from './rule';
import type { VendorFacts } from '../vendors/vendorFacts';

export const vendorReportMissing: DocumentRule = {
  kind: 'document',
  code: 'vendor-report-missing',
  defaultSeverity: 'warning',
  documentKinds: ['vendor'],
  summary: 'A high or critical vendor, or a subservice organization, has no SOC 2 report recorded as reviewed.',
  check(ctx) {
    const facts = ctx.documentKind.facts as VendorFacts;
    const critical = facts.criticality?.value === 'high' || facts.criticality?.value === 'critical';
    if ((!critical && !facts.method) || facts.soc2?.reviewed) return;
    const why = critical ? `is ${facts.criticality!.value}` : `is a subservice organization`;
    ctx.report({
      // On what makes the report required: the criticality, or the subservice method.
      span: facts.soc2?.keySpan ?? (critical ? facts.criticality?.span : facts.method?.span) ?? facts.headSpan,
      subject: facts.id,
      message: facts.soc2
        ? `${facts.name} ${why} but its SOC 2 report is not recorded as reviewed. Review it (opinion, exceptions, CUECs) and set soc2.reviewed.`
        : `${facts.name} ${why} but no SOC 2 report is recorded. Obtain and review it, and record it under soc2: (report_type, period_end, opinion, reviewed).`,
    });
  },
};
