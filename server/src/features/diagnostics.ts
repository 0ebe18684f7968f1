import {
  DiagnosticSeverity,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { PolicyAnalyzer } from '../core/analyzer';
import { docsUrl } from '../core/rules';
import type { LineIndex } from '../core/text/lineIndex';
import type { Finding, Severity } from '../core/types';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../protocol';
import type { PolicyRoot } from '../session/policyRoot';
import type { RootChange } from '../session/session';
import { cancelled, checkpoint, throwIfCancelled, type FeatureContext } from './common';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A core finding as an LSP diagnostic. `lines` is the finding's document, needed to turn fix spans into ranges. */
export function toDiagnostic(finding: Finding, lines: LineIndex | undefined, version?: number): Diagnostic {
  const data: DiagnosticData = {
    version,
    subject: finding.subject,
    fixes: lines ? (finding.fixes ?? []).map((fix) => ({ title: fix.title, preferred: !!fix.preferred, edits: fix.edits.map((e) => ({ range: lines.rangeOf(e.span), newText: e.newText })) })) : [],
  };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: docsUrl(finding.code) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
}

/** A file's findings as diagnostics, with the line index its fixes need. */
function fileDiagnostics(analyzer: PolicyAnalyzer, file: string, findings: Finding[], version?: number): Diagnostic[] {
  const withFixes = findings.some((f) => f.fixes?.length);
  const lines = withFixes ? (analyzer.document(file)?.lines ?? undefined) : undefined;
  return findings.map((f) => toDiagnostic(f, lines, version));
}

/**
 * Fresh diagnostics of one document, computed on its latest text (pending edits are applied first).
 * Undefined when the document is outside every root. The benchmark times this.
 */
export async function documentDiagnostics(ctx: FeatureContext, uri: string): Promise<{ diagnostics: Diagnostic[]; version?: number } | undefined> {
  const target = await ctx.session.target(uri);
  if (!target) return undefined;
  const settings = await ctx.session.settings.get(target.root.folderUri);
  if (!settings.enable) return { diagnostics: [], version: target.version };
  const findings = target.analyzer.findings(target.file);
  return { diagnostics: findings.map((f) => toDiagnostic(f, target.lines, target.version)), version: target.version };
}

/** A stable id for a diagnostics list, so unchanged results can be answered with `unchanged`. */
export function resultIdOf(diagnostics: Diagnostic[]): string {
  const text = JSON.stringify(diagnostics);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${(hash >>> 0).toString(36)}-${text.length.toString(36)}`;
}

/** Pull model: `textDocument/diagnostic`. Stale answers (the document changed meanwhile) ask the client to retry. */
export async function pullDocumentDiagnostics(ctx: FeatureContext, params: DocumentDiagnosticParams, token?: CancellationToken): Promise<DocumentDiagnosticReport> {
  const uri = params.textDocument.uri;
  const result = await documentDiagnostics(ctx, uri);
  throwIfCancelled(token);
  if (!result) return { kind: 'full', items: [] };
  const open = ctx.session.documents.get(uri);
  if (open && result.version !== undefined && open.version !== result.version) {
    throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; diagnostics are being recomputed.', { retriggerRequest: true });
  }
  const resultId = resultIdOf(result.diagnostics);
  return params.previousResultId === resultId ? { kind: 'unchanged', resultId } : { kind: 'full', resultId, items: result.diagnostics };
}

/** Pull model: `workspace/diagnostic`, for files that are not open (soc2-policy.yaml's uncovered criteria, closed policies). */
export async function pullWorkspaceDiagnostics(ctx: FeatureContext, params: WorkspaceDiagnosticParams, token?: CancellationToken): Promise<WorkspaceDiagnosticReport> {
  const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  const reported = new Set<string>();
  for (const { root, analyzer } of await ctx.session.rootsFor(undefined)) {
    await checkpoint(token);
    if (!(await ctx.session.settings.get(root.folderUri)).enable) continue;
    for (const [file, findings] of byFile(analyzer)) {
      const uri = ctx.session.uris.uriOf(file);
      const version = ctx.session.documents.get(uri)?.version ?? null;
      const diagnostics = fileDiagnostics(analyzer, file, findings, version ?? undefined);
      const resultId = resultIdOf(diagnostics);
      reported.add(uri);
      items.push(previous.get(uri) === resultId ? { kind: 'unchanged', uri, version, resultId } : { kind: 'full', uri, version, resultId, items: diagnostics });
    }
  }
  // Files the client still shows problems for but that have none now.
  const none = resultIdOf([]);
  for (const [uri, value] of previous) {
    if (!reported.has(uri) && value !== none) items.push({ kind: 'full', uri, version: ctx.session.documents.get(uri)?.version ?? null, resultId: none, items: [] });
  }
  return { items };
}

function byFile(analyzer: PolicyAnalyzer): Map<string, Finding[]> {
  const result = new Map<string, Finding[]>();
  for (const finding of analyzer.allFindings()) result.set(finding.file, [...(result.get(finding.file) ?? []), finding]);
  return result;
}

/**
 * Keeps the client's diagnostics current after changes. Pull clients are asked to refresh when a change reaches
 * beyond the edited document (coverage, ids, links); push clients get the affected files re-published.
 */
export class DiagnosticsFeature {
  /** Push model: files we published problems for, so they can be cleared. */
  private readonly published = new Map<string, PolicyRoot>();
  private refreshQueued = false;

  constructor(
    private readonly connection: Connection,
    private readonly ctx: FeatureContext,
  ) {}

  register(): void {
    if (this.ctx.client.pullDiagnostics) {
      this.connection.languages.diagnostics.on((params, token) => pullDocumentDiagnostics(this.ctx, params, token).catch(asResponse));
      this.connection.languages.diagnostics.onWorkspace((params, token) => pullWorkspaceDiagnostics(this.ctx, params, token).catch(asResponse));
    }
    this.ctx.session.onDidChange((change) => this.changed(change));
  }

  private changed(change: RootChange): void {
    if (this.ctx.client.pullDiagnostics) {
      const open = new Set(this.ctx.session.documents.all().map((d) => d.uri));
      // The client pulls the edited document itself; others need a refresh.
      const beyond = change.kind !== 'update' || change.files.some((f) => !open.has(this.ctx.session.uris.uriOf(f)));
      if (beyond || change.coverageChanged.length) this.refresh();
      return;
    }
    void this.publish(change).catch((error) => this.connection.console.error(`publishing diagnostics failed: ${String(error)}`));
  }

  /** Coalesces refreshes: one per burst of changes is enough. */
  private refresh(): void {
    if (!this.ctx.client.diagnosticRefresh || this.refreshQueued) return;
    this.refreshQueued = true;
    setImmediate(() => {
      this.refreshQueued = false;
      this.connection.languages.diagnostics.refresh().catch(() => undefined);
    });
  }

  private async publish(change: RootChange): Promise<void> {
    const { root } = change;
    if (change.kind === 'removed') {
      for (const [uri, owner] of this.published) if (owner === root) this.send(uri, [], undefined);
      return;
    }
    const analyzer = await root.idle();
    const settings = await this.ctx.session.settings.get(root.folderUri);
    const groups = settings.enable ? byFile(analyzer) : new Map<string, Finding[]>();
    const files = change.kind === 'reset' ? new Set([...groups.keys(), ...[...this.published].filter(([, r]) => r === root).map(([uri]) => this.ctx.session.uris.remember(uri) ?? uri)]) : new Set(change.files);
    for (const file of files) {
      const uri = this.ctx.session.uris.uriOf(file);
      const open = this.ctx.session.documents.get(uri);
      // Drop stale results: a newer edit is pending and will publish its own.
      if (open && this.ctx.session.analyzedVersion(uri) !== open.version) continue;
      const diagnostics = fileDiagnostics(analyzer, file, groups.get(file) ?? [], open?.version);
      if (!diagnostics.length && !this.published.has(uri)) continue;
      this.send(uri, diagnostics, open?.version);
      if (diagnostics.length) this.published.set(uri, root);
    }
  }

  private send(uri: string, diagnostics: Diagnostic[], version: number | undefined): void {
    if (!diagnostics.length) this.published.delete(uri);
    this.connection.sendDiagnostics({ uri, version: this.ctx.client.publishVersion ? version : undefined, diagnostics }).catch(() => undefined);
  }
}

/** Errors become LSP errors; anything unexpected is reported, not thrown into the connection. */
function asResponse(error: unknown): never {
  if (error instanceof ResponseError) throw error;
  if ((error as { code?: number })?.code === LSPErrorCodes.RequestCancelled) throw cancelled();
  throw new ResponseError(LSPErrorCodes.RequestFailed, `soc2-policy: ${error instanceof Error ? error.message : String(error)}`);
}
