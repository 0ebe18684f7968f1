import type { WorkspaceRule } from './rule';
import type { RiskFacts } from '../risks/riskFacts';
import { RISK_KIND } from '../risks/riskKind';
import { addCycle, compareDates, formatDate, parseCycle } from '../dates';

const CC3 = ['CC3.1', 'CC3.2', 'CC3.3', 'CC3.4'];

export const riskAssessmentMissing: WorkspaceRule = {
  kind: 'workspace',
  code: 'risk-assessment-missing',
  defaultSeverity: 'warning',
  summary: 'CC3 is in scope and the workspace keeps a risk register, but no risk was reviewed within the assessment cycle (12 months). Reported on soc2-policy.yaml.',
  check(ctx) {
    const file = ctx.config.file;
    const risks = [...ctx.facts<RiskFacts>(RISK_KIND).values()];
    // Only workspaces that keep a register here (risk files or a `risks:` setting): older workspaces keep it elsewhere.
    if (!file || (!risks.length && !ctx.config.risks.declared)) return;
    if (CC3.every((id) => ctx.exclusions.has(id))) return;
    const cycleText = ctx.config.risks.assessmentCycle;
    const cycle = parseCycle(cycleText)!;
    const newest = risks.flatMap((r) => (r.lastReviewed ? [r.lastReviewed.value] : [])).sort(compareDates).pop();
    if (newest && compareDates(addCycle(newest, cycle), ctx.today) >= 0) return;
    const span = ctx.config.risks.appetiteSpan ?? ctx.config.scope.keySpan ?? { start: 0, end: 0 };
    ctx.report(file, {
      span,
      subject: 'CC3.1',
      message: newest
        ? `No risk was reviewed in the last ${cycleText} (newest review ${formatDate(newest)}). CC3 asks for a risk assessment at least yearly: review the register and update last_reviewed.`
        : `CC3 is in scope but the risk register has no reviewed risk. Add risks/<id>.md files with last_reviewed dates (see docs/risks-and-vendors.md).`,
    });
  },
};
