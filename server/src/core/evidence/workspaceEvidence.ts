import type { Environment, WorkspaceContext } from '../rules/rule';
import { obligationIndex, type Obligation } from './obligations';
import { evidencePlan, type EvidencePlan } from './plan';
import { EVIDENCE_RECORD_KIND, type EvidenceRecordFacts } from './recordKind';

/** The workspace's obligations (approved documents only: a draft's obligations are not yet controls) and records. */
export function evidenceOf(ctx: Pick<WorkspaceContext, 'documents' | 'facts'>): { obligations: ReadonlyMap<string, Obligation>; records: ReadonlyMap<string, EvidenceRecordFacts> } {
  return { obligations: obligationIndex(ctx.documents), records: ctx.facts<EvidenceRecordFacts>(EVIDENCE_RECORD_KIND) };
}

/** The evidence calendar of a workspace with a Type II audit configured; undefined without one. */
export function workspacePlan(ctx: Pick<WorkspaceContext, 'documents' | 'facts' | 'config' | 'today'>): EvidencePlan | undefined {
  const audit = ctx.config.audit;
  if (!audit || audit.type !== 'II') return undefined;
  const { obligations, records } = evidenceOf(ctx);
  return evidencePlan([...obligations.values()].filter((o) => !o.inactive), records.values(), audit, ctx.today);
}

/** The calendar the host shares for this check (the analyzer computes it once for every rule and coverage), else built here. */
export function sharedPlan(ctx: Pick<WorkspaceContext, 'documents' | 'facts' | 'config' | 'today'> & Pick<Environment, 'evidencePlan'>): EvidencePlan | undefined {
  return ctx.evidencePlan ? ctx.evidencePlan() : workspacePlan(ctx);
}
