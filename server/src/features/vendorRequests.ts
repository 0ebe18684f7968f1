import type { CancellationToken } from 'vscode-languageserver';
import type { PolicyAnalyzer } from '../core/analyzer';
import { vendorRows } from '../core/report/vendorReport';
import { carveOutsOf } from '../core/vendors/carveOuts';
import type { VendorFacts } from '../core/vendors/vendorFacts';
import { VENDOR_KIND } from '../core/vendors/vendorKind';
import { VENDOR_CRITICALITIES } from '../core/vendors/vendorFacts';
import { VENDOR_ATTENTION, type CarvedOutCriterionInfo, type RootVendors, type ScopeParams, type VendorAttention, type VendorInfo, type VendorsResult } from '../protocol';
import type { PolicyRoot } from '../session/policyRoot';
import type { PolicySession } from '../session/session';
import { throwIfCancelled, type FeatureContext } from './common';

/** The vendor rules whose findings name a group of the Vendors view; any other error or warning is `other-finding`. */
const ATTENTION_OF_CODE: ReadonlyMap<string, VendorAttention> = new Map([
  ['vendor-report-stale', 'report-stale'],
  ['vendor-review-overdue', 'review-overdue'],
  ['vendor-report-missing', 'report-missing'],
]);

const rank = (attention: VendorAttention) => VENDOR_ATTENTION.indexOf(attention);
const attentionOf = (code: string): VendorAttention => ATTENTION_OF_CODE.get(code) ?? 'other-finding';

/**
 * The inventory as `vendors --format json` gives it, with URIs, id ranges, each vendor's open findings (so the view
 * groups vendors exactly as the Problems panel and `check` report them) and, for carve-outs, the criteria carried.
 */
export function rootVendors(session: PolicySession, root: PolicyRoot, analyzer: PolicyAnalyzer): RootVendors {
  const facts = analyzer.kindFacts<VendorFacts>(VENDOR_KIND);
  const catalogs = analyzer.catalogSet;
  const carveOuts = carveOutsOf(facts.values(), analyzer.documents(), analyzer.currentConfig.vendors.monitoringCriteria, catalogs);
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const vendors = vendorRows(facts.values(), analyzer.currentDay()).map((row): VendorInfo => {
    const vendor = facts.get(row.file)!;
    const lines = analyzer.document(row.file)?.lines;
    const findings = analyzer
      .findings(row.file)
      .filter((f) => f.severity === 'error' || f.severity === 'warning')
      .sort((a, b) => rank(attentionOf(a.code)) - rank(attentionOf(b.code)));
    const carvedOut: CarvedOutCriterionInfo[] = [];
    if (row.method === 'carve-out') {
      for (const criterion of new Set(row.csocs.flatMap((c) => c.criteria))) {
        const carveOut = carveOuts.get(criterion)?.find((c) => c.file === row.file);
        const controls = row.csocs.filter((c) => c.criteria.includes(criterion)).map((c) => c.control);
        carvedOut.push({ criterion, title: catalogs.control(criterion)?.title ?? null, controls, monitoredBy: carveOut?.monitoredBy ?? [] });
      }
    }
    return {
      id: row.id,
      name: row.name,
      uri: session.uris.uriOf(row.file),
      range: lines ? lines.rangeOf(vendor.idSpan) : zero,
      criticality: row.criticality ?? null,
      method: row.method ?? null,
      reportPeriodEnd: row.reportPeriodEnd ?? null,
      status: row.status,
      attention: findings.length ? attentionOf(findings[0].code) : 'ok',
      findings: findings.map((f) => ({ code: f.code, message: f.message, range: f.range })),
      carvedOut,
    };
  });
  const criticality = (v: VendorInfo) => -VENDOR_CRITICALITIES.indexOf((v.criticality ?? '') as (typeof VENDOR_CRITICALITIES)[number]);
  vendors.sort((a, b) => rank(a.attention) - rank(b.attention) || criticality(a) - criticality(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { rootUri: root.uri, name: root.name, vendors };
}

export async function vendorsOfRoots(ctx: FeatureContext, params: ScopeParams | undefined, token?: CancellationToken): Promise<VendorsResult> {
  const roots: RootVendors[] = [];
  for (const { root, analyzer } of await ctx.session.rootsFor(params?.uri)) {
    throwIfCancelled(token);
    roots.push(rootVendors(ctx.session, root, analyzer));
  }
  return { roots };
}
