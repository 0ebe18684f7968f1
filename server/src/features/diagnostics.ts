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
import { loadRulesDocs } from '../node/rulesDocs';
import type { LineIndex } from '../core/text/lineIndex';
import type { Finding, Severity } from '../core/types';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../protocol';
import type { PolicyRoot } from '../session/policyRoot';
import type { RootChange } from '../session/session';
import { canonicalUri, pathToUri } from '../session/uris';
import { cancelled, checkpoint, throwIfCancelled, type FeatureContext } from './common';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Rule links open the rules reference shipped with the extension: the published URL may not exist. */
const RULES_DOCS = loadRulesDocs();

function codeDescriptionOf(code: string): Pick<Diagnostic, 'codeDescription'> {
  const href = RULES_DOCS.hrefOf(code);
  return href ? { codeDescription: { href } } : {};
}

/** A core finding as an LSP diagnostic. `lines` is the finding's document, needed to turn fix spans into ranges. */
export function toDiagnostic(finding: Finding, lines: LineIndex | undefined, version?: number): Diagnostic {
  const data: DiagnosticData = {
    version,
    subject: finding.subject,
    // Fixes that edit other files are computed fresh by code actions (they need those files' positions).
    fixes: lines ? (finding.fixes ?? []).filter((fix) => fix.edits.every((e) => e.file === undefined)).map((fix) => ({ title: fix.title, preferred: !!fix.preferred, edits: fix.edits.map((e) => ({ range: lines.rangeOf(e.span), newText: e.newText })) })) : [],
  };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    ...codeDescriptionOf(finding.code),
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
}

/** A file's findings as diagnostics, with the line index its fixes need. */
function fileDiagnostics(analyzer: PolicyAnalyzer, file: string, findings: Finding[], version?: number): Diagnostic[] {
  const withFixes = findings.some((f) => f.fixes?.length);
  const lines = withFixes ? (analyzer.document(file)?.lines ?? analyzer.questionnaires.lines(file)) : undefined;
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
  const open = ctx.session.openDocument(uri);
  if (open && result.version !== undefined && open.version !== result.version) {
    throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; diagnostics are being recomputed.', { retriggerRequest: true });
  }
  const resultId = resultIdOf(result.diagnostics);
  return params.previousResultId === resultId ? { kind: 'unchanged', resultId } : { kind: 'full', resultId, items: result.diagnostics };
}

/** Pull model: `workspace/diagnostic`, for files that are not open (soc2-policy.yaml's uncovered criteria, closed policies). */
export async function pullWorkspaceDiagnostics(ctx: FeatureContext, params: WorkspaceDiagnosticParams, token?: CancellationToken): Promise<WorkspaceDiagnosticReport> {
  const previous = new PreviousResults(params.previousResultIds);
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  for (const { root } of await ctx.session.rootsFor(undefined)) {
    await checkpoint(token);
    if (!(await ctx.session.settings.get(root.folderUri)).enable) continue;
    const reports = rootReports(root);
    for (const file of reports?.files() ?? []) {
      const uri = ctx.session.uris.uriOf(file);
      const version = ctx.session.documents.get(uri)?.version ?? null;
      const report = reports!.of(file, version ?? undefined);
      const { resultId } = report;
      items.push(previous.take(uri, report.canonicalUri) === resultId ? { kind: 'unchanged', uri, version, resultId } : { kind: 'full', uri, version, resultId, items: report.diagnostics });
    }
  }
  // Files the client still shows problems for but that have none now.
  const none = resultIdOf([]);
  for (const { uri, value } of previous.untaken()) {
    if (value !== none) items.push({ kind: 'full', uri, version: ctx.session.openDocument(uri)?.version ?? null, resultId: none, items: [] });
  }
  return { items };
}

type PreviousResultId = WorkspaceDiagnosticParams['previousResultIds'][number];

/**
 * The client's previous result ids. A file is looked up in the client's spelling first, and by canonical URI only
 * when that misses (the client may spell files differently: percent-encoding, drive letters), so an idle poll
 * from a client that spells as we do canonicalises nothing.
 */
class PreviousResults {
  private readonly byUri: Map<string, PreviousResultId>;
  private byCanonical?: Map<string, PreviousResultId>;
  private readonly taken = new Set<string>();

  constructor(ids: PreviousResultId[]) {
    this.byUri = new Map(ids.map((p) => [p.uri, p]));
  }

  /** The previous result id of a file, marking it as reported. */
  take(uri: string, canonical: string): string | undefined {
    const previous = this.byUri.get(uri) ?? (this.byCanonical ??= new Map([...this.byUri.values()].map((p) => [canonicalUri(p.uri), p]))).get(canonical);
    if (previous) this.taken.add(previous.uri);
    return previous?.value;
  }

  /** Files the client has results for that were not reported now. */
  untaken(): PreviousResultId[] {
    return [...this.byUri.values()].filter((p) => !this.taken.has(p.uri));
  }
}

interface FileReport {
  canonicalUri: string;
  version?: number;
  diagnostics: Diagnostic[];
  resultId: string;
}

/**
 * The diagnostics of every file with findings in a root, built once per change of the root and per document
 * version: the client polls workspace diagnostics every few seconds, and an idle poll must not rebuild them.
 */
class RootReports {
  private readonly reports = new Map<string, FileReport>();
  private readonly findings: Map<string, Finding[]>;

  constructor(private readonly analyzer: PolicyAnalyzer) {
    this.findings = byFile(analyzer);
  }

  files(): string[] {
    return [...this.findings.keys()];
  }

  of(file: string, version: number | undefined): FileReport {
    const cached = this.reports.get(file);
    if (cached && cached.version === version) return cached;
    const diagnostics = fileDiagnostics(this.analyzer, file, this.findings.get(file) ?? [], version);
    const report = { canonicalUri: cached?.canonicalUri ?? pathToUri(file), version, diagnostics, resultId: resultIdOf(diagnostics) };
    this.reports.set(file, report);
    return report;
  }
}

function rootReports(root: PolicyRoot): RootReports | undefined {
  return root.memo('diagnostics', (analyzer) => new RootReports(analyzer));
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
  /** Push model: files (by path) we published problems for, with the URI they went to, so they can be cleared. */
  private readonly published = new Map<string, { root: PolicyRoot; uri: string }>();
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
      // The client pulls the edited document itself; others need a refresh, open ones too (a new evidence record
      // moves evidence-missing on the open policy declaring its obligation).
      const beyond = change.kind !== 'update' || change.files.length > 1 || change.files.some((f) => !open.has(this.ctx.session.uris.uriOf(f)));
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
      for (const [file, sent] of this.published) if (sent.root === root) this.send(file, sent.uri, [], undefined);
      return;
    }
    await root.idle();
    const settings = await this.ctx.session.settings.get(root.folderUri);
    const reports = settings.enable ? rootReports(root) : undefined;
    const files = change.kind === 'reset' ? new Set([...(reports?.files() ?? []), ...[...this.published].filter(([, sent]) => sent.root === root).map(([file]) => file)]) : new Set(change.files);
    for (const file of files) {
      const uri = this.ctx.session.uris.uriOf(file);
      const open = this.ctx.session.documents.get(uri);
      // Drop stale results: a newer edit is pending and will publish its own.
      if (open && this.ctx.session.analyzedVersion(uri) !== open.version) continue;
      const diagnostics = reports?.of(file, open?.version).diagnostics ?? [];
      // Published under another spelling (the client opened or closed the file since): clear that one first.
      const before = this.published.get(file);
      if (before && before.uri !== uri) this.send(file, before.uri, [], undefined);
      if (!diagnostics.length && !this.published.has(file)) continue;
      this.send(file, uri, diagnostics, open?.version);
      if (diagnostics.length) this.published.set(file, { root, uri });
    }
  }

  private send(file: string, uri: string, diagnostics: Diagnostic[], version: number | undefined): void {
    if (!diagnostics.length) this.published.delete(file);
    this.connection.sendDiagnostics({ uri, version: this.ctx.client.publishVersion ? version : undefined, diagnostics }).catch(() => undefined);
  }
}

/** Errors become LSP errors; anything unexpected is reported, not thrown into the connection. */
function asResponse(error: unknown): never {
  if (error instanceof ResponseError) throw error;
  if ((error as { code?: number })?.code === LSPErrorCodes.RequestCancelled) throw cancelled();
  throw new ResponseError(LSPErrorCodes.RequestFailed, `soc2-policy: ${error instanceof Error ? error.message : String(error)}`);
}
