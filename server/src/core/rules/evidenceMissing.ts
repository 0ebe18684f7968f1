import type { WorkspaceRule } from './rule';
import { formatDate } from '../dates';
import { sharedPlan } from '../evidence/workspaceEvidence';

export const evidenceMissing: WorkspaceRule = {
  kind: 'workspace',
  code: 'evidence-missing',
  defaultSeverity: 'warning',
  summary: 'A window of an evidence obligation inside the audit period has closed (plus grace) with no record.',
  check(ctx) {
    for (const { obligation, windows } of sharedPlan(ctx)?.obligations ?? []) {
      for (const window of windows.filter((w) => w.status === 'missing')) {
        ctx.report(obligation.document, {
          span: obligation.idSpan,
          subject: obligation.id,
          message: `No evidence for ${obligation.id} in ${window.label} (${formatDate(window.start)} to ${formatDate(window.end)}, due by ${formatDate(window.dueBy)}). Add a record under evidence/${obligation.id}/ with the date the control ran, or explain the gap to the auditor.`,
        });
      }
    }
  },
};
