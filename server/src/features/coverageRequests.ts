import { ErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import type { PolicyAnalyzer } from '../core/analyzer';
import type { Contribution } from '../core/coverage/coverageIndex';
import { formatDate } from '../core/dates';
import { coverageReportOf, renderCoverageCsv, renderCoverageHtml, renderCoverageMarkdown, type CoverageReport } from '../core/report';
import { ALL_RULES, docsUrl } from '../core/rules';
import { loadRulesDocs } from '../node/rulesDocs';
import {
  CatalogRequest,
  CoverageChangedNotification,
  CoverageRequest,
  GapsRequest,
  ReportRequest,
  type CatalogParams,
  type CatalogResult,
  type CoverageResult,
  type CoverageStatus,
  type CoveringDocument,
  type FindingCounts,
  type GapsParams,
  type GapsResult,
  type ReportFormat,
  type ReportParams,
  type ReportResult,
  type RootCoverage,
  type ScopeParams,
} from '../protocol';
import type { PolicyRoot } from '../session/policyRoot';
import type { PolicySession, RootChange } from '../session/session';
import { throwIfCancelled, type FeatureContext } from './common';
import { CatalogLocations } from './definition';

const RENDERERS: Record<ReportFormat, { render: (report: CoverageReport) => string; mimeType: string }> = {
  markdown: { render: renderCoverageMarkdown, mimeType: 'text/markdown' },
  html: { render: renderCoverageHtml, mimeType: 'text/html' },
  csv: { render: renderCoverageCsv, mimeType: 'text/csv' },
};

/** The coverage model of each root, with documents as URIs and locations as ranges. */
export async function coverageOf(ctx: FeatureContext, params: ScopeParams | undefined, token?: CancellationToken): Promise<CoverageResult> {
  const roots: RootCoverage[] = [];
  for (const { root, analyzer } of await ctx.session.rootsFor(params?.uri)) {
    throwIfCancelled(token);
    const model = root.coverage() ?? analyzer.coverage();
    roots.push({
      rootUri: root.uri,
      name: root.name,
      configUri: analyzer.currentConfig.file ? ctx.session.uris.uriOf(analyzer.currentConfig.file) : undefined,
      scopeDeclared: analyzer.currentConfig.scope.declared,
      documentCount: analyzer.documents().length,
      findings: countFindings(analyzer),
      criteria: model.criteria.map((c) => ({ ...c, documents: c.documents.map((d) => coveringDocument(ctx.session, analyzer, d)) })),
      summary: model.summary,
    });
  }
  return { roots };
}

/** Criteria to act on: uncovered and draft-only by default, with templates that would cover them. */
export async function gapsOf(ctx: FeatureContext, params: GapsParams | undefined, token?: CancellationToken): Promise<GapsResult> {
  const statuses = new Set<CoverageStatus>(params?.statuses?.length ? params.statuses : ['uncovered', 'draft-only']);
  const gaps: GapsResult['gaps'] = [];
  for (const { root, analyzer } of await ctx.session.rootsFor(params?.uri)) {
    throwIfCancelled(token);
    const model = root.coverage() ?? analyzer.coverage();
    const reported = new Map(analyzer.findings(analyzer.configFile).filter((f) => f.code === 'uncovered-criterion' && f.subject).map((f) => [f.subject!, f]));
    for (const criterion of model.criteria) {
      if (!statuses.has(criterion.status)) continue;
      const finding = reported.get(criterion.id);
      gaps.push({
        rootUri: root.uri,
        id: criterion.id,
        title: criterion.title,
        category: criterion.category,
        series: criterion.series,
        status: criterion.status,
        documents: criterion.documents.map((d) => coveringDocument(ctx.session, analyzer, d)),
        suggestedTemplates: analyzer.templates.suggestFor(criterion.id).map((t) => ({ id: t.id, title: t.title })),
        finding: finding ? { uri: ctx.session.uris.uriOf(finding.file), range: finding.range } : undefined,
      });
    }
  }
  return { gaps };
}

/** Loaded catalogs (built-in and the root's custom ones), templates and rules. */
export async function catalogOf(ctx: FeatureContext, params: CatalogParams | undefined, token?: CancellationToken): Promise<CatalogResult> {
  const first = (await ctx.session.rootsFor(params?.uri))[0];
  throwIfCancelled(token);
  const catalogSet = first?.analyzer.catalogSet;
  const catalogs = (catalogSet?.catalogs ?? ctx.session.builtins.catalogs).filter((c) => !params?.catalogId || c.id === params.catalogId);
  const templates = first?.analyzer.templates ?? ctx.session.builtins.templates;
  const locations = new CatalogLocations(ctx.session);
  const definition = async (source: Parameters<CatalogLocations['locate']>[0] | undefined) => {
    const location = source && (await locations.locate(source));
    return location ? { uri: location.uri, range: location.selection } : undefined;
  };
  const result: CatalogResult = { rootUri: first?.root.uri, catalogs: [], templates: [], rules: [] };
  for (const catalog of catalogs) {
    const controls = [];
    for (const control of catalog.controls) {
      controls.push({
        id: control.id,
        title: control.title,
        description: control.description,
        category: control.category,
        series: control.series,
        coso: control.coso,
        pointsOfFocusCount: control.pointsOfFocusCount,
        pointsOfFocus: control.pointsOfFocus.map((p) => ({ id: p.id, title: p.title, summary: p.summary, appliesTo: p.appliesTo, roles: p.roles })),
        mappings: control.mappings,
        definition: await definition(control.source),
      });
    }
    result.catalogs.push({ id: catalog.id, title: catalog.title, edition: catalog.edition, indicative: catalog.indicative, categories: catalog.categories, series: catalog.series, controls });
  }
  result.templates = templates.templates.map((t) => ({ id: t.id, title: t.title, type: t.type, summary: t.summary, suggestedCriteria: t.suggestedCriteria }));
  const rulesDocs = loadRulesDocs();
  result.rules = ALL_RULES.map((r) => ({ code: r.code, defaultSeverity: r.defaultSeverity, summary: r.summary, docsUrl: rulesDocs.hrefOf(r.code) ?? docsUrl(r.code) }));
  return result;
}

/** The coverage report of one root, rendered by the core's report renderers (shared with the CLI). */
export async function reportOf(ctx: FeatureContext, params: ReportParams, token?: CancellationToken): Promise<ReportResult> {
  // Own keys only: a format such as "constructor" must not reach Object.prototype.
  const renderer = typeof params?.format === 'string' && Object.hasOwn(RENDERERS, params.format) ? RENDERERS[params.format] : undefined;
  if (!renderer) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown report format "${String(params?.format)}". Use markdown, html or csv.`);
  const first = (await ctx.session.rootsFor(params.uri))[0];
  throwIfCancelled(token);
  if (!first) throw new ResponseError(ErrorCodes.InvalidParams, 'No SOC 2 policy workspace is open.');
  const content = renderer.render(coverageReportOf(first.analyzer, formatDate(ctx.session.today())));
  return { rootUri: first.root.uri, format: params.format, mimeType: renderer.mimeType, content };
}

function coveringDocument(session: PolicySession, analyzer: PolicyAnalyzer, contribution: Contribution): CoveringDocument {
  const lines = analyzer.document(contribution.file)?.lines;
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return {
    uri: session.uris.uriOf(contribution.file),
    docId: contribution.docId,
    title: contribution.title,
    status: contribution.status,
    locations: contribution.locations.map((l) => ({ kind: l.kind, range: lines ? lines.rangeOf(l.span) : zero, section: l.section, mappedId: l.mappedId })),
  };
}

function countFindings(analyzer: PolicyAnalyzer): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const finding of analyzer.allFindings()) counts[finding.severity]++;
  return counts;
}

/** The custom requests, and `soc2Policy/coverageChanged` after every change that moves coverage. */
export class CoverageFeature {
  /** The operating facts last announced, per root and criterion (JSON), to tell when new evidence moved them. */
  private readonly operatingSent = new Map<string, Map<string, string>>();

  constructor(
    private readonly connection: Connection,
    private readonly ctx: FeatureContext,
  ) {}

  register(): void {
    const c = this.connection;
    c.onRequest(CoverageRequest.type, (params, token) => coverageOf(this.ctx, params, token));
    c.onRequest(GapsRequest.type, (params, token) => gapsOf(this.ctx, params, token));
    c.onRequest(CatalogRequest.type, (params, token) => catalogOf(this.ctx, params, token));
    c.onRequest(ReportRequest.type, (params, token) => reportOf(this.ctx, params, token));
    this.ctx.session.onDidChange((change) => void this.changed(change).catch(() => undefined));
  }

  private async changed(change: RootChange): Promise<void> {
    const root: PolicyRoot = change.root;
    if (change.kind === 'removed') {
      this.operatingSent.delete(root.uri);
      return;
    }
    // An evidence record moves no mapping but may move the operating side; only a Type II root can have one.
    const mappingsMoved = change.kind === 'reset' || change.coverageChanged.length > 0;
    if (!mappingsMoved && root.analyzer?.currentConfig.audit?.type !== 'II') return;
    await root.idle();
    const model = root.coverage();
    if (!model) return;
    const operatingMoved = this.operatingChanges(root.uri, model.criteria);
    if (!mappingsMoved && !operatingMoved.length) return;
    await this.connection.sendNotification(CoverageChangedNotification.type, {
      rootUri: root.uri,
      criteria: change.kind === 'reset' ? [] : [...new Set([...change.coverageChanged, ...operatingMoved])],
      overall: model.summary.overall,
    });
  }

  /** Criteria whose operating facts differ from those last announced for the root; remembers the new ones. */
  private operatingChanges(rootUri: string, criteria: readonly { id: string; operating?: unknown }[]): string[] {
    const before = this.operatingSent.get(rootUri) ?? new Map<string, string>();
    const now = new Map(criteria.map((c) => [c.id, JSON.stringify(c.operating ?? null)]));
    this.operatingSent.set(rootUri, now);
    return [...now].filter(([id, facts]) => (before.get(id) ?? 'null') !== facts).map(([id]) => id);
  }
}
