import type { WorkspaceRule } from './rule';
import { addCycle, compareDates, formatDate } from '../dates';

export const auditBridgeLetterMissing: WorkspaceRule = {
  kind: 'workspace',
  code: 'audit-bridge-letter-missing',
  defaultSeverity: 'warning',
  summary: 'More than 3 months lie between the last report\'s period end and the new period\'s start, and no bridge letter document exists.',
  check(ctx) {
    const audit = ctx.config.audit;
    const last = audit?.lastReport;
    if (!audit || !last || !ctx.config.file) return;
    const covered = addCycle(last.periodEnd, { amount: 3, unit: 'months' });
    if (compareDates(audit.period.start, covered) <= 0) return;
    const letter = ctx.documents.some((doc) => /bridge[- ]letter/i.test(`${doc.id} ${doc.title?.value ?? ''}`)) || ctx.fileExists(`${ctx.config.root}/bridge-letter.md`);
    if (letter) return;
    ctx.report(ctx.config.file, {
      span: last.span,
      message: `The last report ended ${formatDate(last.periodEnd)} and this period starts ${formatDate(audit.period.start)}: customers will ask for a bridge letter covering the gap. Add one as bridge-letter.md (or any document titled "Bridge letter").`,
    });
  },
};
