import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, type EvidenceResult, type ReportFormat, type RisksResult } from '../../../server/src/protocol';
import type { CoverageSnapshot, CoverageStore } from '../coverageStore';
import { Commands, GAP_PANEL_VIEW_TYPE } from '../ids';
import type { EvidenceTree } from './evidenceTree';
import type { RiskTree } from './riskTree';
import { renderGapBody, renderGapPage, type DocumentIssue, type GapRoot, type GapViewModel, type HeatSeries } from './gapPanelHtml';
import { operatingGapsOf } from './operatingGapsHtml';
import { WebviewPanelHost } from './webviewPanel';

const FORMATS: readonly ReportFormat[] = ['markdown', 'html', 'csv'];

function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

/** Findings of one rule across the workspace, from the diagnostics the server already published. */
function issues(code: string): DocumentIssue[] {
  const found: DocumentIssue[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE || diagnosticCode(d) !== code) continue;
      found.push({ uri: uri.toString(), label: vscode.workspace.asRelativePath(uri), line: d.range.start.line, message: d.message });
    }
  }
  return found.sort((a, b) => a.label.localeCompare(b.label) || a.line - b.line);
}

export function gapViewModel(snapshot: CoverageSnapshot | undefined, risks?: RisksResult, evidence?: EvidenceResult): GapViewModel {
  if (!snapshot) return { roots: [], missingSections: [], overdueReviews: [], loading: true };
  const catalog = snapshot.catalog?.catalogs.find((c) => c.id === 'tsc') ?? snapshot.catalog?.catalogs[0];
  const seriesTitle = new Map(catalog?.series.map((s) => [s.id, s.title]));
  const roots: GapRoot[] = snapshot.coverage.roots.map((root) => {
    const series = new Map<string, HeatSeries>();
    for (const c of root.criteria) {
      let s = series.get(c.series);
      if (!s) series.set(c.series, s = { id: c.series, title: seriesTitle.get(c.series) ?? c.series, category: c.category, cells: [] });
      s.cells.push({ id: c.id, title: c.title, status: c.status });
    }
    return {
      rootUri: root.rootUri, name: root.name, scopeDeclared: root.scopeDeclared,
      categories: root.summary.categories, overall: root.summary.overall,
      series: [...series.values()], gaps: snapshot.gaps.filter((g) => g.rootUri === root.rootUri),
      risks: risks?.roots.find((r) => r.rootUri === root.rootUri),
      operating: operatingGapsOf(root),
      evidence: evidence?.roots.find((r) => r.rootUri === root.rootUri),
    };
  });
  return { roots, missingSections: issues('missing-section'), overdueReviews: issues('review-overdue') };
}

/** Everything the page may send; anything else is ignored (the page shows workspace text, so trust nothing). */
type PageMessage =
  | { type: 'ready' }
  | { type: 'reveal'; id: string }
  | { type: 'create'; id: string; template?: string }
  | { type: 'export'; format: ReportFormat }
  | { type: 'open'; uri: string; line: number };

function parseMessage(raw: unknown): PageMessage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const m = raw as Record<string, unknown>;
  const id = typeof m.id === 'string' && /^[A-Za-z0-9.]{1,20}$/.test(m.id) ? m.id : undefined;
  switch (m.type) {
    case 'ready': return { type: 'ready' };
    case 'reveal': return id ? { type: 'reveal', id } : undefined;
    case 'create': return id ? { type: 'create', id, template: typeof m.template === 'string' && /^[a-z0-9-]{1,64}$/.test(m.template) ? m.template : undefined } : undefined;
    case 'export': return FORMATS.includes(m.format as ReportFormat) ? { type: 'export', format: m.format as ReportFormat } : undefined;
    case 'open': return typeof m.uri === 'string' ? { type: 'open', uri: m.uri, line: Number.isInteger(m.line) ? Number(m.line) : 0 } : undefined;
    default: return undefined;
  }
}

/** The gap analysis webview: one panel, re-rendered on coverage and diagnostics changes. */
export class GapPanel implements vscode.Disposable {
  private host: WebviewPanelHost | undefined;
  /** Documents the current page may ask to open. */
  private openable = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly extensionUri: vscode.Uri, private readonly store: CoverageStore, private readonly risks?: RiskTree, private readonly evidence?: EvidenceTree) {
    this.disposables = [
      store.onDidChange(() => this.scheduleUpdate()),
      ...(risks ? [risks.onDidChangeTreeData(() => this.scheduleUpdate())] : []),
      ...(evidence ? [evidence.onDidChangeTreeData(() => this.scheduleUpdate())] : []),
      vscode.languages.onDidChangeDiagnostics(() => this.scheduleUpdate()),
    ];
  }

  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.host?.panel;
  }

  show(): vscode.WebviewPanel {
    if (this.host) {
      this.host.panel.reveal();
      return this.host.panel;
    }
    const host = new WebviewPanelHost(this.extensionUri, GAP_PANEL_VIEW_TYPE, vscode.l10n.t('SOC 2 Gap Analysis'), {
      script: 'gapPanel.js',
      page: ({ mediaUri, ...resources }) => renderGapPage({ ...resources, styleUri: mediaUri('gapPanel.css') }, this.body(), vscode.l10n.t),
      body: () => this.body(),
      onMessage: (raw) => this.onMessage(raw),
      onDisposed: () => (this.host = undefined),
    });
    this.host = host;
    host.showPage();
    return host.panel;
  }

  private body(): string {
    const model = gapViewModel(this.store.current, this.risks?.current, this.evidence?.current);
    this.openable = new Set([
      ...model.missingSections.map((i) => i.uri), ...model.overdueReviews.map((i) => i.uri),
      ...model.roots.flatMap((r) => r.gaps.flatMap((g) => g.documents.map((d) => d.uri))),
      ...model.roots.flatMap((r) => r.risks?.risks.map((risk) => risk.uri) ?? []),
      ...model.roots.flatMap((r) => r.evidence?.obligations.flatMap((o) => [o.documentUri, ...o.windows.flatMap((w) => w.records)]) ?? []),
    ]);
    return renderGapBody(model, vscode.l10n.t);
  }

  private scheduleUpdate(): void {
    if (!this.host) return;
    if (this.timer) clearTimeout(this.timer);
    // Diagnostics arrive file by file: render once they settle.
    this.timer = setTimeout(() => { this.timer = undefined; this.host?.render(); }, 150);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseMessage(raw);
    switch (message?.type) {
      case 'ready': return this.host?.render();
      case 'reveal':
        await vscode.commands.executeCommand(Commands.revealCriterion, message.id);
        return;
      case 'create':
        await vscode.commands.executeCommand(Commands.newPolicy, { criterion: message.id, templateId: message.template });
        return;
      case 'export':
        await vscode.commands.executeCommand(Commands.exportReport, { format: message.format });
        return;
      case 'open': {
        if (!this.openable.has(message.uri)) return;
        const position = new vscode.Position(Math.max(0, message.line), 0);
        await vscode.window.showTextDocument(vscode.Uri.parse(message.uri), { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
        return;
      }
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.host?.panel.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
