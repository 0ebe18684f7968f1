import type { WorkspaceRule } from './rule';
import { formatDate } from '../dates';
import { daysBetween } from '../evidence/windows';
import { sharedPlan } from '../evidence/workspaceEvidence';

export const evidenceDue: WorkspaceRule = {
  kind: 'workspace',
  code: 'evidence-due',
  defaultSeverity: 'info',
  summary: 'The current window of an evidence obligation closes soon (audit `due_within_days`, default 14) and has no record yet.',
  check(ctx) {
    const within = ctx.config.audit?.dueWithinDays ?? 14;
    for (const { obligation, windows } of sharedPlan(ctx)?.obligations ?? []) {
      for (const window of windows.filter((w) => w.status === 'due')) {
        const left = daysBetween(ctx.today, window.dueBy);
        if (left > within) continue;
        ctx.report(obligation.document, {
          span: obligation.idSpan,
          subject: obligation.id,
          message: `Evidence for ${obligation.id} in ${window.label} is due by ${formatDate(window.dueBy)} (${left === 0 ? 'today' : left === 1 ? 'tomorrow' : `in ${left} days`}) and not recorded yet.`,
        });
      }
    }
  },
};
