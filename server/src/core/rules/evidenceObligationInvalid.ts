import type { DocumentRule } from './rule';
import { obligationsOf } from '../evidence/obligations';

export const evidenceObligationInvalid: DocumentRule = {
  kind: 'document',
  code: 'evidence-obligation-invalid',
  defaultSeverity: 'error',
  summary: 'An evidence obligation (front matter `evidence:` or comply `cron:`) has no id, no valid schedule or a bad grace period.',
  check(ctx) {
    for (const problem of obligationsOf(ctx.doc).problems) ctx.report({ span: problem.span, message: problem.message, severity: problem.severity });
  },
};
