import type { WorkspaceRule } from './rule';
import type { RiskFacts } from '../risks/riskFacts';
import { RISK_KIND } from '../risks/riskKind';
import { mitigationTarget, obligationIds, unresolvedReason } from '../risks/mitigations';

export const riskMitigationUnresolved: WorkspaceRule = {
  kind: 'workspace',
  code: 'risk-mitigation-unresolved',
  defaultSeverity: 'warning',
  summary: 'A mitigated risk links to no policy section or evidence obligation, or a link points to one that does not exist.',
  check(ctx) {
    const root = ctx.config.root;
    // Built on first use: most edits of a large workspace have no risk to check against them.
    let byFile: Map<string, (typeof ctx.documents)[number]> | undefined;
    let obligations: Set<string> | undefined;
    const env = {
      root,
      fileExists: ctx.fileExists,
      documentAt: (file: string) => (byFile ??= new Map(ctx.documents.map((d) => [d.file, d]))).get(file),
      obligations: () => (obligations ??= obligationIds(ctx.documents)),
    };
    for (const risk of ctx.facts<RiskFacts>(RISK_KIND).values()) {
      if (risk.treatment?.value === 'mitigate' && !risk.mitigations.length) {
        ctx.report(risk.file, {
          span: risk.mitigationsKeySpan ?? risk.treatment.span,
          subject: risk.id,
          message: `Risk ${risk.id} is mitigated but names no mitigation. List the policy sections (policies/x.md#section) or evidence obligations (obligation:<id>) that reduce it.`,
        });
      }
      for (const link of risk.mitigations) {
        const reason = unresolvedReason(mitigationTarget(link.value, risk.file, root), link.value, env);
        if (reason) ctx.report(risk.file, { span: link.span, subject: risk.id, message: `Mitigation "${link.value}" does not resolve: ${reason}.` });
      }
    }
  },
};
