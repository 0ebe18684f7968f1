import type { WorkspaceRule } from './rule';
import { criterionStatus } from '../coverage/coverageModel';

export const uncoveredCriterion: WorkspaceRule = {
  kind: 'workspace',
  code: 'uncovered-criterion',
  defaultSeverity: 'warning',
  summary: 'An in-scope criterion that is not excluded is mapped by no document. Reported on soc2-policy.yaml.',
  check(ctx) {
    // Without a config there is no declared scope to be uncovered against (see docs/configuration.md).
    const file = ctx.config.file;
    if (!file || !ctx.config.scope.declared) return;
    // All gaps point at the `scope` key: that is where the user decides what must be covered.
    const span = ctx.config.scope.keySpan ?? { start: 0, end: 0 };
    for (const control of ctx.catalogs.tsc.controls) {
      const status = criterionStatus(control.id, control.category ?? 'security', ctx.coverage, ctx);
      if (status.status !== 'uncovered') continue;
      if (status.carveOuts?.length) {
        // Carved out but not monitored: what is missing is our monitoring of the vendor, not a policy for the control.
        const names = status.carveOuts.map((c) => c.vendorName).join(', ');
        ctx.report(file, { span, subject: control.id, message: `${control.id} (${control.title}) is carved out to ${names}, but no approved document that maps ${ctx.config.vendors.monitoringCriteria.join(' or ')} names ${names}. Describe how you monitor the vendor (report review, bridge letters, exceptions) in the vendor policy.` });
        continue;
      }
      const suggestions = ctx.templates.suggestFor(control.id).slice(0, 2).map((t) => t.title);
      ctx.report(file, {
        span,
        subject: control.id,
        message: `${control.id} (${control.title}) is in scope but no document maps it.` + (suggestions.length ? ` Map it in a policy such as ${suggestions.join(' or ')}, or exclude it with a reason.` : ' Map it in a policy, or exclude it with a reason.'),
      });
    }
  },
};
