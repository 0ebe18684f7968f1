import { existsSync } from 'node:fs';
import { ErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import type { PolicyAnalyzer } from '../core/analyzer';
import { formatDate, parseDate } from '../core/dates';
import { describeSchedule } from '../core/evidence/obligations';
import type { EvidencePlan, PlannedWindow } from '../core/evidence/plan';
import { EVIDENCE_RECORD_KIND, RECORD_RESULTS, type EvidenceRecordFacts } from '../core/evidence/recordKind';
import { checklistFor, recordPath, renderRecord } from '../core/evidence/recordText';
import { obligationSummary } from '../core/evidence/report';
import { evidenceOf } from '../core/evidence/workspaceEvidence';
import { joinPath } from '../core/paths';
import {
  EvidenceChangedNotification,
  EvidenceRequest,
  NewEvidenceRecordRequest,
  type EvidenceObligationInfo,
  type EvidenceResult,
  type EvidenceWindowStatus,
  type NewEvidenceRecordParams,
  type NewEvidenceRecordResult,
  type RootEvidence,
  type ScopeParams,
} from '../protocol';
import type { PolicyRoot } from '../session/policyRoot';
import type { PolicySession } from '../session/session';
import { notifyWhenModelChanges } from './rootChangeNotifier';
import { throwIfCancelled, type FeatureContext } from './common';

const PLAN_KEY = 'evidence-plan';

/** The analyzer seen as a workspace context, for the core's evidence plan. */
function workspaceOf(analyzer: PolicyAnalyzer) {
  return { documents: analyzer.documents(), facts: <F>(kind: string) => analyzer.kindFacts<F>(kind), config: analyzer.currentConfig, today: analyzer.currentDay() };
}

/** The plan once per change: hover, lenses and this request all ask for it (the analyzer shares it with diagnostics and coverage). */
export function planOf(root: PolicyRoot, analyzer: PolicyAnalyzer): EvidencePlan | undefined {
  return root.memo(PLAN_KEY, () => analyzer.evidencePlan());
}

/** A recorded window whose every record failed (or was an exception) is shown apart from a clean sample. */
export function windowStatus(window: PlannedWindow, records: ReadonlyMap<string, EvidenceRecordFacts>): EvidenceWindowStatus {
  if (window.status !== 'recorded') return window.status;
  const allFailed = window.records.every((file) => {
    const result = records.get(file)?.result?.value;
    return result === 'fail' || result === 'exception';
  });
  return allFailed ? 'failed' : 'recorded';
}

function rootEvidence(session: PolicySession, root: PolicyRoot, analyzer: PolicyAnalyzer): RootEvidence {
  const plan = planOf(root, analyzer);
  if (!plan) return { rootUri: root.uri, name: root.name, obligations: [] };
  const records = analyzer.kindFacts<EvidenceRecordFacts>(EVIDENCE_RECORD_KIND);
  const uriOf = (file: string) => session.uris.uriOf(file);
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const obligations = plan.obligations.map((item): EvidenceObligationInfo => {
    const { obligation } = item;
    const lines = analyzer.document(obligation.document)?.lines;
    return {
      id: obligation.id,
      documentUri: uriOf(obligation.document),
      range: lines ? lines.rangeOf(obligation.idSpan) : zero,
      schedule: describeSchedule(obligation.schedule),
      kind: obligation.kind,
      owner: obligation.owner,
      criteria: obligation.criteria,
      summary: obligationSummary(item),
      windows: item.windows.map((w) => ({
        start: formatDate(w.start), end: formatDate(w.end), label: w.label, status: windowStatus(w, records), dueBy: formatDate(w.dueBy), records: w.records.map(uriOf),
      })),
      recordsInPeriod: item.recordsInPeriod.map(uriOf),
    };
  });
  return { rootUri: root.uri, name: root.name, period: { start: formatDate(plan.period.start), end: formatDate(plan.period.end) }, obligations };
}

/** The evidence calendar of each root, with files as URIs and obligation ids as ranges. */
export async function evidenceOfRoots(ctx: FeatureContext, params: ScopeParams | undefined, token?: CancellationToken): Promise<EvidenceResult> {
  const roots: RootEvidence[] = [];
  for (const { root, analyzer } of await ctx.session.rootsFor(params?.uri)) {
    throwIfCancelled(token);
    roots.push(rootEvidence(ctx.session, root, analyzer));
  }
  return { roots };
}

/** Where a new record goes and what it says; written by the client, so the server never touches the disk here. */
export async function newEvidenceRecord(ctx: FeatureContext, params: NewEvidenceRecordParams, token?: CancellationToken): Promise<NewEvidenceRecordResult> {
  const performed = parseDate(params?.performed);
  if (!performed) throw new ResponseError(ErrorCodes.InvalidParams, `"${String(params?.performed)}" is not a date (YYYY-MM-DD).`);
  if (params.result !== undefined && !RECORD_RESULTS.includes(params.result)) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown result "${String(params.result)}". Use pass, fail or exception.`);
  for (const { analyzer } of await ctx.session.rootsFor(params.uri)) {
    throwIfCancelled(token);
    const obligation = evidenceOf(workspaceOf(analyzer)).obligations.get(params.obligation);
    if (!obligation) continue;
    // Taken on disk, known to the analyzer or open unsaved in the editor: either way the name is not free.
    const taken = (relative: string) => {
      const file = joinPath(analyzer.root, relative);
      return existsSync(file) || !!analyzer.document(file) || !!ctx.session.openDocument(ctx.session.uris.uriOf(file));
    };
    const target = recordPath(params.obligation, performed, taken);
    const text = renderRecord({ obligation: params.obligation, performed, recorded: analyzer.currentDay(), by: params.by || undefined, result: params.result ?? 'pass', link: params.link || undefined, checklist: checklistFor(analyzer.templates, obligation.kind) });
    return { uri: ctx.session.uris.uriOf(joinPath(analyzer.root, target)), text };
  }
  throw new ResponseError(ErrorCodes.InvalidParams, `No policy or procedure declares the obligation "${String(params.obligation)}".`);
}

/** The evidence requests, and `soc2Policy/evidenceChanged` when a root's calendar changes. */
export class EvidenceFeature {
  constructor(
    private readonly connection: Connection,
    private readonly ctx: FeatureContext,
  ) {}

  register(): void {
    this.connection.onRequest(EvidenceRequest.type, (params, token) => evidenceOfRoots(this.ctx, params, token));
    this.connection.onRequest(NewEvidenceRecordRequest.type, (params, token) => newEvidenceRecord(this.ctx, params, token));
    notifyWhenModelChanges(this.ctx, (root, analyzer) => rootEvidence(this.ctx.session, root, analyzer), (rootUri) => this.connection.sendNotification(EvidenceChangedNotification.type, { rootUri }));
  }

}
