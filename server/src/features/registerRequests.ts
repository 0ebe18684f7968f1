import type { CancellationToken, Connection } from 'vscode-languageserver';
import type { PolicyAnalyzer } from '../core/analyzer';
import { formatDate } from '../core/dates';
import { relativePath } from '../core/paths';
import { riskJson } from '../core/report/riskReport';
import type { RiskFacts } from '../core/risks/riskFacts';
import { RISK_KIND } from '../core/risks/riskKind';
import { buildRiskRegister } from '../core/risks/riskRegister';
import { RisksChangedNotification, RisksRequest, VendorsChangedNotification, VendorsRequest, type RisksResult, type RootRisks, type ScopeParams } from '../protocol';
import type { PolicyRoot } from '../session/policyRoot';
import type { PolicySession } from '../session/session';
import { notifyWhenModelChanges } from './rootChangeNotifier';
import { throwIfCancelled, type FeatureContext } from './common';
import { rootVendors, vendorsOfRoots } from './vendorRequests';

/** The register as `risks --format json` gives it, with URIs and id ranges for the editor. */
function rootRisks(session: PolicySession, root: PolicyRoot, analyzer: PolicyAnalyzer): RootRisks {
  const facts = analyzer.kindFacts<RiskFacts>(RISK_KIND);
  const register = buildRiskRegister(facts.values(), analyzer.currentConfig.risks.matrix, analyzer.currentDay());
  const json = riskJson({ register, relative: (file) => relativePath(analyzer.root, file), generated: formatDate(analyzer.currentDay()) });
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const risks = json.risks.map(({ file: _relative, ...risk }, index) => {
    const file = register.rows[index].file;
    const lines = analyzer.document(file)?.lines;
    const idSpan = facts.get(file)?.idSpan;
    return { ...risk, uri: session.uris.uriOf(file), range: lines && idSpan ? lines.rangeOf(idSpan) : zero };
  });
  return { rootUri: root.uri, name: root.name, levels: json.matrix.levels, risks, heatMap: json.heatMap };
}

export async function risksOfRoots(ctx: FeatureContext, params: ScopeParams | undefined, token?: CancellationToken): Promise<RisksResult> {
  const roots: RootRisks[] = [];
  for (const { root, analyzer } of await ctx.session.rootsFor(params?.uri)) {
    throwIfCancelled(token);
    roots.push(rootRisks(ctx.session, root, analyzer));
  }
  return { roots };
}

/** `soc2Policy/risks` and `soc2Policy/vendors`, and their `...Changed` notifications when a root's register or inventory changes. */
export class RegisterFeature {
  constructor(
    private readonly connection: Connection,
    private readonly ctx: FeatureContext,
  ) {}

  register(): void {
    this.connection.onRequest(RisksRequest.type, (params, token) => risksOfRoots(this.ctx, params, token));
    notifyWhenModelChanges(this.ctx, (root, analyzer) => rootRisks(this.ctx.session, root, analyzer), (rootUri) => this.connection.sendNotification(RisksChangedNotification.type, { rootUri }));
    this.connection.onRequest(VendorsRequest.type, (params, token) => vendorsOfRoots(this.ctx, params, token));
    notifyWhenModelChanges(this.ctx, (root, analyzer) => rootVendors(this.ctx.session, root, analyzer), (rootUri) => this.connection.sendNotification(VendorsChangedNotification.type, { rootUri }));
  }

}
