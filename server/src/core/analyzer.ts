import picomatch from 'picomatch';
import type { Finding, Severity } from './types';
import type { Workspace } from './workspace';
import { CatalogSet, type Catalog } from './catalog/catalog';
import type { TemplateSet } from './templates/templates';
import { CONFIG_FILE_NAME, defaultConfig, type PolicyConfig } from './config/config';
import { parsePolicyDocument, type PolicyDocument } from './parse/policyDocument';
import { reviveDocument, storeDocument, type StoredDocument } from './parse/storedDocument';
import type { CachedAnalysis, DocumentCache, PrefetchedRead } from './cache/documentCache';
import { FileSet } from './fileSet';
import { encodingFinding, loadWorkspaceConfiguration } from './config/workspaceConfiguration';
import { decodeUtf8, stripBom } from './text/decode';
import { LineIndex } from './text/lineIndex';
import { RULES, RULE_CODES, ALL_RULES } from './rules';
import type { Environment, Report, Rule } from './rules/rule';
import { CoverageIndex, contributionsOf } from './coverage/coverageIndex';
import { buildCoverageModel, type CoverageModel } from './coverage/coverageModel';
import { frameworkCoverage, type FrameworkCoverage } from './coverage/frameworkCoverage';
import { compareDates, type DateOnly } from './dates';
import { joinPath, relativePath, isInside } from './paths';
import { fixUntilStable } from './fixes/applyFixes';
import { linkTarget } from './rules/brokenLink';
import { checkIncomplete } from './rules/checkIncomplete';
import { DOCUMENT_KINDS, POLICY_KIND } from './kinds';
import { KindIndex } from './kinds/kindIndex';
import { AttachmentDigests } from './evidence/digests';
import { EVIDENCE_RECORD_KIND, type EvidenceRecordFacts } from './evidence/recordKind';
import { obligationIndex, obligationsOf, rememberObligations } from './evidence/obligations';
import type { EvidencePlan } from './evidence/plan';
import { workspacePlan } from './evidence/workspaceEvidence';
import { carveOutsOf, type CarveOut } from './vendors/carveOuts';
import { VENDOR_KIND } from './vendors/vendorKind';
import type { VendorFacts } from './vendors/vendorFacts';
import { buildSuggestionIndex, type SuggestionIndex } from './suggest/index';
import type { Vocabulary } from './suggest/vocabulary';
import type { Abbreviations } from './suggest/abbreviations';
import { editorSuggestions } from './suggest/documentSuggestions';
import { QuestionnaireSet } from './questionnaires/questionnaireSet';
import { workspaceSections } from './questionnaires/workspaceSections';
import type { CriterionSuggestion } from './suggest/suggest';

export interface BuiltinContent {
  catalogs: Catalog[];
  templates: TemplateSet;
  /** Phrases per TSC criterion for suggestions (controls-catalog/tsc/vocabulary.yaml). */
  vocabulary?: Vocabulary;
  /** Questionnaire abbreviations and their meanings (controls-catalog/tsc/abbreviations.yaml). */
  abbreviations?: Abbreviations;
}

export interface AnalyzerOptions {
  root: string;
  workspace: Workspace;
  builtins: BuiltinContent;
  /** "Today", injected so reviews are judged against a fixed date in tests. */
  today: () => DateOnly;
  /** Explicit config file; defaults to `<root>/soc2-policy.yaml`. */
  configFile?: string;
  /** Load the custom catalogs soc2-policy.yaml names (default true). False in an untrusted workspace. */
  customCatalogs?: boolean;
  /** Milliseconds of rule checks one document may use before the remaining checks are skipped (default 2,000). */
  documentBudgetMs?: number;
  /** Results of unchanged documents from an earlier run (the CLI's warm start), or from worker threads. */
  cache?: DocumentCache;
  /**
   * Called once with the candidate documents before they are read, so a caller can analyse them elsewhere (worker
   * threads) and hand the results back through `cache`. It may return where the scan gets a file's content instead of
   * reading it (the text the worker analysed); a read that gives undefined falls back to the workspace.
   */
  prefetch?: (candidates: readonly string[]) => PrefetchedRead | undefined;
}

/** What an update changed, so callers refresh only what they must. */
export interface UpdateResult {
  /** Files whose findings may have changed (the document itself, the config, documents sharing an id, ...). */
  affectedFiles: string[];
  /** Criteria whose coverage contributions changed. */
  coverageChanged: string[];
}

/** One document's own analysis: no `doc` when it is not a document of ours (or could not be parsed: then a finding). */
interface Analysis {
  doc?: PolicyDocument;
  kind?: string;
  facts?: unknown;
  findings: Finding[];
}

interface FileState {
  doc?: PolicyDocument;
  findings: Finding[];
  /** Set for documents of a kind other than policy (core/kinds). */
  kind?: string;
}

const RECENT_SUGGESTIONS = 16;

const SEVERITY_BY_CODE = new Map<string, Severity | 'off'>(ALL_RULES.map((r) => [r.code, r.offByDefault ? 'off' : r.defaultSeverity]));

/**
 * The analysis service. Holds the parsed documents of one workspace root and answers findings and coverage.
 * Updating one document re-analyses that document only; workspace findings are derived on demand.
 */
export class PolicyAnalyzer {
  private config: PolicyConfig;
  private configText?: string;
  private configFindings: Finding[] = [];
  private catalogs: CatalogSet;
  private catalogFindings: Finding[] = [];
  private readonly files = new Map<string, FileState>();
  private readonly filesById = new Map<string, Set<string>>();
  /** Every file in the workspace (any extension), for link checks. */
  private readonly knownFiles = new FileSet();
  private readonly coverageIndex = new CoverageIndex();
  private readonly kindIndex = new KindIndex();
  /** questionnaires/*.yaml: YAML with findings of their own, like soc2-policy.yaml (answer-stale, answer-citation-broken). */
  readonly questionnaires: QuestionnaireSet;
  /** SHA-256 of files evidence records attach, by path (evidence-hash-mismatch). */
  private readonly attachmentDigests: AttachmentDigests;
  private workspaceFindingsCache?: Map<string, Finding[]>;
  private policyDocumentsCache?: { sorted: PolicyDocument[]; obligationDocuments: string[] };
  /** Files the configuration was read from, with content hashes: part of the warm cache's key. */
  private configInputs: string[] = [];
  /** The evidence calendar on a day, shared by the evidence rules and coverage; dropped when a document or the config changes. */
  private evidencePlanCache?: { day: DateOnly; plan: EvidencePlan | undefined };
  private exclusionReasons?: Map<string, string>;
  private includeMatcher: (path: string) => boolean = () => false;
  private excludeMatcher: (path: string) => boolean = () => false;
  private suggestionIndexCache?: SuggestionIndex;
  /** Editor suggestions of recently asked documents, by file: hovers and code actions ask on every cursor move. */
  private readonly recentSuggestions = new Map<string, { text: string; suggestions: CriterionSuggestion[] }>();

  private constructor(private readonly options: AnalyzerOptions) {
    this.config = defaultConfig(options.root);
    this.catalogs = new CatalogSet(options.builtins.catalogs);
    this.questionnaires = new QuestionnaireSet(options.root);
    this.attachmentDigests = new AttachmentDigests(options.root, (path) => options.workspace.readFile(path));
  }

  /** Loads the config and custom catalogs, then every policy document under the root. */
  /**
   * An analyzer with the configuration loaded and no documents: what a worker thread needs to analyse documents
   * one by one (`analyzeAlone`) for the main thread's analyzer.
   */
  static async configured(options: AnalyzerOptions): Promise<PolicyAnalyzer> {
    const analyzer = new PolicyAnalyzer(options);
    await analyzer.loadConfiguration();
    return analyzer;
  }

  /**
   * One document's own analysis (parse, facts, the rules that read nothing else), without adding it to this
   * analyzer: the entry a warm cache would hold, under the environment it was made in. Undefined for a file that is
   * not a candidate or not UTF-8 (the main thread reports those itself).
   */
  analyzeAlone(file: string, content: string | Uint8Array): { environment: string; analysis: CachedAnalysis } | undefined {
    const text = typeof content === 'string' ? content : decodeUtf8(content);
    if (text === undefined || !this.isCandidate(file)) return undefined;
    const { doc, kind, facts, findings } = this.parse(file, text);
    if (!doc) return { environment: this.cacheEnvironment(), analysis: { findings } };
    return { environment: this.cacheEnvironment(), analysis: this.ownAnalysis(doc, kind, facts) };
  }

  /**
   * What the warm cache and the worker threads keep of a document: its facts without trees, and the findings of
   * the rules that read nothing but the document (the others re-run wherever the workspace is known).
   */
  private ownAnalysis(doc: PolicyDocument, kind: string | undefined, facts: unknown): CachedAnalysis & { document: StoredDocument } {
    const findings = this.checkDocument(doc, { id: kind ?? POLICY_KIND, facts }, (rule) => rule.readsWorkspace !== true);
    return { document: storeDocument(doc), kind, facts, obligations: kind ? undefined : obligationsOf(doc), findings };
  }

  static async open(options: AnalyzerOptions, onProgress?: (done: number, total: number) => void): Promise<PolicyAnalyzer> {
    const analyzer = new PolicyAnalyzer(options);
    await analyzer.loadConfiguration();
    await analyzer.scan(onProgress);
    await analyzer.refreshEvidenceDigests();
    return analyzer;
  }

  get root(): string {
    return this.options.root;
  }

  get configFile(): string {
    return this.options.configFile ?? joinPath(this.options.root, CONFIG_FILE_NAME);
  }

  /** The day dates are judged against (injected: tests and the CLI's --today fix it). */
  currentDay(): DateOnly {
    return this.options.today();
  }

  get currentConfig(): PolicyConfig {
    return this.config;
  }

  get catalogSet(): CatalogSet {
    return this.catalogs;
  }

  get templates(): TemplateSet {
    return this.options.builtins.templates;
  }

  /** The suggestion engine's index over the TSC catalog, built on first use (most sessions never suggest). */
  suggestionIndex(): SuggestionIndex {
    // TSC is always the built-in catalog (custom catalogs may not reuse its id), so one index serves every config.
    return (this.suggestionIndexCache ??= buildSuggestionIndex(this.catalogs.tsc.controls, this.options.builtins.vocabulary ?? new Map(), this.options.builtins.abbreviations));
  }

  /** What the editor suggests for a document with no or few mappings (editorSuggestions), remembered while its text is unchanged. */
  editorSuggestions(doc: PolicyDocument): CriterionSuggestion[] {
    const recent = this.recentSuggestions.get(doc.file);
    if (recent?.text === doc.text) return recent.suggestions;
    const suggestions = editorSuggestions(doc, this.suggestionIndex(), this.catalogs);
    this.recentSuggestions.delete(doc.file);
    this.recentSuggestions.set(doc.file, { text: doc.text, suggestions });
    // A handful of documents are open at a time; keep the most recently asked.
    if (this.recentSuggestions.size > RECENT_SUGGESTIONS) this.recentSuggestions.delete(this.recentSuggestions.keys().next().value!);
    return suggestions;
  }

  /** Re-reads soc2-policy.yaml and custom catalogs, then re-checks every document (scope and rules may differ). */
  async reloadConfiguration(): Promise<void> {
    await this.loadConfiguration();
    for (const [file, state] of this.files) if (state.doc) this.analyze(file, state.doc.text);
    this.workspaceFindingsCache = undefined;
  }

  private async loadConfiguration(): Promise<void> {
    const loaded = await loadWorkspaceConfiguration({
      root: this.options.root, configFile: this.configFile, workspace: this.options.workspace, builtinCatalogs: this.options.builtins.catalogs,
      customCatalogs: this.options.customCatalogs !== false, ruleCodes: RULE_CODES,
    });
    this.config = loaded.config;
    this.configText = loaded.configText;
    this.configFindings = loaded.configFindings;
    this.catalogFindings = loaded.catalogFindings;
    this.catalogs = loaded.catalogs;
    this.configInputs = loaded.inputs;
    this.exclusionReasons = undefined;
    this.evidencePlanCache = undefined;
    this.includeMatcher = picomatch(this.config.include, { dot: false });
    this.excludeMatcher = picomatch(this.config.exclude, { dot: true });
  }

  private async scan(onProgress?: (done: number, total: number) => void): Promise<void> {
    const all = await this.options.workspace.listFiles(this.options.root);
    all.forEach((f) => this.knownFiles.add(f));
    // Each path is matched against the globs once: at 10,000 files that matching is a noticeable part of a warm start.
    const candidates: string[] = [];
    const documents: string[] = [];
    for (const file of all) {
      const document = this.isCandidate(file);
      if (document) documents.push(file);
      if (document || this.questionnaires.owns(file)) candidates.push(file);
    }
    const prefetched = this.options.prefetch?.(documents);
    // Reads run ahead of analysis (a window of them in flight), so the disk is never waited on one file at a time;
    // documents are still analysed in path order, so results do not depend on read timing.
    const READ_AHEAD = 32;
    const reads = new Map<number, Promise<string | Uint8Array | undefined>>();
    const readOne = async (file: string) => (await prefetched?.(file)) ?? this.options.workspace.readFile(file);
    const read = (i: number) => i < candidates.length && reads.set(i, readOne(candidates[i]));
    for (let i = 0; i < READ_AHEAD; i++) read(i);
    for (let i = 0; i < candidates.length; i++) {
      const content = await reads.get(i)!;
      reads.delete(i);
      read(i + READ_AHEAD);
      if (content !== undefined) this.updateDocument(candidates[i], content);
      onProgress?.(i + 1, candidates.length);
    }
  }

  /** Hashes every file evidence records attach, afresh. */
  async refreshEvidenceDigests(): Promise<void> {
    this.attachmentDigests.clear();
    await this.syncEvidenceDigests();
  }

  /**
   * After a record or any file changed (`changed`): hashes new attachments, and `changed` again if a record attaches
   * it. Returns the records whose evidence-hash-mismatch findings may have changed.
   */
  async syncEvidenceDigests(changed?: string): Promise<string[]> {
    const affected = await this.attachmentDigests.sync(this.kindIndex.facts<EvidenceRecordFacts>(EVIDENCE_RECORD_KIND).values(), changed);
    if (affected.length) this.workspaceFindingsCache = undefined;
    return affected;
  }

  /** A Markdown file under the root that the include and exclude globs let through. */
  isCandidate(file: string): boolean {
    if (!/\.(md|markdown)$/i.test(file) || !isInside(file, this.options.root)) return false;
    const relative = relativePath(this.options.root, file);
    return this.includeMatcher(relative) && !this.excludeMatcher(relative);
  }

  /** Whether the include globs name this file explicitly (it is then a policy document even without mappings). */
  private isIncludedExplicitly(file: string): boolean {
    return this.config.includeDeclared && this.isCandidate(file);
  }

  /** (Re)analyses one document from its current text or bytes. */
  updateDocument(file: string, content: string | Uint8Array): UpdateResult {
    if (!this.knownFiles.has(file)) {
      // A new file: links to it (or to a folder it fills) may be repaired.
      this.knownFiles.add(file);
      const result = this.updateDocument(file, content);
      return { ...result, affectedFiles: unique([...result.affectedFiles, ...this.recheckLinksTo(file)]) };
    }
    const text = typeof content === 'string' ? content : decodeUtf8(content);
    if (this.questionnaires.owns(file)) {
      this.questionnaires.update(file, text === undefined ? undefined : stripBom(text));
      this.workspaceFindingsCache = undefined;
      return { affectedFiles: [file], coverageChanged: [] };
    }
    if (!this.isCandidate(file)) return this.forget(file);
    if (text === undefined) {
      const before = this.forget(file);
      this.setFile(file, { findings: [encodingFinding(file)] });
      return { ...before, affectedFiles: unique([...before.affectedFiles, file]) };
    }
    return this.analyze(file, stripBom(text));
  }

  /**
   * A file or a folder was deleted (editors send one event for a folder): forgets every known file at or under
   * `path`, except those `keep` names (documents open in the editor keep their text), and re-checks links to them.
   */
  removeFile(path: string, keep: (file: string) => boolean = () => false): UpdateResult {
    const gone = unique([...this.knownFiles, ...this.files.keys()]).filter((file) => atOrUnder(file, path) && !keep(file));
    const affected: string[] = [];
    const coverageChanged: string[] = [];
    for (const file of gone) {
      this.knownFiles.delete(file);
      const result = this.forget(file);
      affected.push(...result.affectedFiles);
      coverageChanged.push(...result.coverageChanged);
    }
    if (gone.length) affected.push(...this.recheckLinksTo(path));
    return { affectedFiles: unique(affected), coverageChanged: unique(coverageChanged) };
  }

  /** A non-Markdown file appeared (it may repair a broken link). */
  addFile(file: string): UpdateResult {
    if (this.knownFiles.has(file)) return { affectedFiles: [], coverageChanged: [] };
    this.knownFiles.add(file);
    return { affectedFiles: this.recheckLinksTo(file), coverageChanged: [] };
  }

  /**
   * A folder appeared (created, restored or moved in; editors send one event for it): reads the files under it
   * as the first scan does. Undefined when there is no file under `path` (it is a file, or an empty folder).
   */
  async addFolder(folder: string): Promise<UpdateResult | undefined> {
    const files = await this.options.workspace.listFiles(folder);
    if (!files.length) return undefined;
    files.forEach((file) => this.knownFiles.add(file));
    const affected: string[] = [];
    const coverageChanged: string[] = [];
    for (const file of files.filter((f) => this.isCandidate(f))) {
      const bytes = await this.options.workspace.readFile(file);
      const result = bytes ? this.updateDocument(file, bytes) : this.removeFile(file);
      affected.push(...result.affectedFiles);
      coverageChanged.push(...result.coverageChanged);
    }
    affected.push(...this.recheckLinksTo(folder));
    return { affectedFiles: unique(affected), coverageChanged: unique(coverageChanged) };
  }

  /** Re-checks the documents whose links' existence depends on `path` (a file or folder that appeared or went away). */
  private recheckLinksTo(path: string): string[] {
    const affected = this.documentsLinkingTo(path);
    for (const file of affected) {
      const doc = this.files.get(file)?.doc;
      if (doc) this.analyze(file, doc.text);
    }
    return affected;
  }

  /** Documents linking to `path`, to a file under it (a folder), or to a folder holding it (a folder exists while it holds a file). */
  private documentsLinkingTo(path: string): string[] {
    return this.documents()
      .filter(
        (doc) =>
          doc.file !== path &&
          doc.body.links.some((link) => {
            const target = linkTarget(doc.file, link.url);
            return target !== undefined && (atOrUnder(target, path) || atOrUnder(path, target));
          }),
      )
      .map((doc) => doc.file);
  }

  private forget(file: string): UpdateResult {
    if (this.questionnaires.remove(file)) {
      this.workspaceFindingsCache = undefined;
      return { affectedFiles: [file], coverageChanged: [] };
    }
    const previous = this.files.get(file);
    this.setFile(file, undefined);
    this.kindIndex.remove(file);
    const coverageChanged = previous?.doc ? this.coverageIndex.remove(file) : [];
    this.workspaceFindingsCache = undefined;
    const affected = previous ? [file, ...this.sameId(previous.doc?.id), ...(coverageChanged.length ? [this.configFile] : []), ...this.questionnaires.citing(file), ...this.recordDependents(previous.kind)] : [];
    return { affectedFiles: unique(affected), coverageChanged };
  }

  private analyze(file: string, text: string): UpdateResult {
    const previousId = this.files.get(file)?.doc?.id;
    const previousKind = this.files.get(file)?.kind;
    const environment = this.options.cache ? this.cacheEnvironment() : '';
    const cached = this.options.cache?.lookup(environment, file, text);
    const parsed = cached ? this.revive(file, text, cached) : this.parse(file, text);
    const { doc, kind, facts } = parsed;
    if (!doc) {
      if (!cached) this.options.cache?.store(environment, file, text, { findings: parsed.findings });
      const before = this.forget(file);
      if (!parsed.findings.length) return before;
      // One unparsable document is one finding on it; the rest of the workspace is still checked.
      this.setFile(file, { findings: parsed.findings });
      return { ...before, affectedFiles: unique([...before.affectedFiles, file]) };
    }
    this.kindIndex.update(file, kind, facts);
    // Documents of other kinds (risks, vendors, evidence) cover criteria through their own facts, not as policies.
    const coverageChanged = this.coverageIndex.update(file, kind ? new Map() : contributionsOf(doc, this.catalogs));
    // Checked after the indexes are updated: with no declared scope, a document's own mappings put it in scope.
    const documentKind = { id: kind ?? POLICY_KIND, facts };
    // Findings that depend on other files (which exist, what they map) are never taken from the cache.
    const own = cached ?? this.ownAnalysis(doc, kind, facts);
    const findings = sortFindings([...own.findings, ...this.checkDocument(doc, documentKind, (rule) => rule.readsWorkspace === true)]);
    let kept = doc;
    if (!cached) {
      this.options.cache?.store(environment, file, text, own);
      // Keep facts, not trees: the YAML tree and line index are rebuilt on demand (fixes, editor features).
      kept = reviveDocument(file, text, own.document!);
      if (own.obligations) rememberObligations(kept, own.obligations);
    }
    this.setFile(file, { doc: kept, findings, kind });
    this.workspaceFindingsCache = undefined;
    const affected = [
      file, ...this.sameId(previousId), ...this.sameId(doc.id), ...(coverageChanged.length ? [this.configFile] : []), ...this.questionnaires.citing(file),
      ...this.recordDependents(previousKind), ...this.recordDependents(kind),
    ];
    return { affectedFiles: unique(affected), coverageChanged };
  }

  private revive(file: string, text: string, cached: CachedAnalysis): Analysis {
    const doc = cached.document && reviveDocument(file, text, cached.document);
    if (doc && cached.obligations) rememberObligations(doc, cached.obligations);
    return { doc, kind: cached.kind, facts: cached.facts, findings: cached.findings };
  }

  /** Parses a document and reads its kind's facts; no `doc` when it is not a document of ours (or did not parse: a finding). */
  private parse(file: string, text: string): Analysis {
    let doc: PolicyDocument;
    try {
      doc = parsePolicyDocument(file, text);
    } catch (error) {
      return { findings: [parseFailedFinding(file, text, error)] };
    }
    const relative = relativePath(this.options.root, file);
    const kind = DOCUMENT_KINDS.find((k) => k.matches(relative, doc));
    // comply documents (YAML keys before the first `---`) are policy documents even when they map nothing, like its procedures.
    const isPolicy = doc.hasMappingKey || doc.frontMatter?.format === 'comply' || this.isIncludedExplicitly(file);
    if (!kind && !isPolicy) return { findings: [] };
    return { doc, kind: kind?.id, facts: kind?.facts(doc), findings: [] };
  }

  /**
   * Everything besides a document's text that its analysis depends on. The config and custom catalogs are named by
   * their text; built-in content by the product version, which the cache store adds.
   */
  private cacheEnvironment(): string {
    const day = this.options.today();
    return JSON.stringify({ root: this.options.root, day, config: this.configInputs, trustedCatalogs: this.options.customCatalogs !== false });
  }

  /**
   * An evidence record moves findings reported on the documents declaring obligations (evidence-missing, -due):
   * editors must re-check those too, not only the record.
   */
  private recordDependents(kind: string | undefined): string[] {
    if (kind !== EVIDENCE_RECORD_KIND) return [];
    return this.policyDocuments().obligationDocuments;
  }

  /** The policy documents in path order and those declaring obligations, kept until a policy document changes. */
  private policyDocuments(): { sorted: PolicyDocument[]; obligationDocuments: string[] } {
    if (!this.policyDocumentsCache) {
      // Plain code-unit order: localeCompare is slow on every keystroke of a 1,000-document workspace.
      const sorted = [...this.files.values()].flatMap((s) => (s.doc && !s.kind ? [s.doc] : [])).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      this.policyDocumentsCache = { sorted, obligationDocuments: [] };
      this.policyDocumentsCache.obligationDocuments = unique([...obligationIndex(sorted).values()].map((o) => o.document));
    }
    return this.policyDocumentsCache;
  }

  /**
   * An edited policy document takes its old place in the path-ordered list (a new list: indexes keyed by the old
   * one must not see it change), so an edit does not sort the workspace again; anything else rebuilds the list.
   */
  private replacePolicyDocument(previous: FileState | undefined, state: FileState | undefined): void {
    const cached = this.policyDocumentsCache;
    this.policyDocumentsCache = undefined;
    if (!cached || !previous?.doc || previous.kind || !state?.doc || state.kind) return;
    const at = cached.sorted.indexOf(previous.doc);
    if (at < 0) return;
    const sorted = [...cached.sorted];
    sorted[at] = state.doc;
    this.policyDocumentsCache = { sorted, obligationDocuments: unique([...obligationIndex(sorted).values()].map((o) => o.document)) };
  }

  /** Runs the document rules. A rule that throws or runs past the budget costs its own findings, never the check. */
  private checkDocument(doc: PolicyDocument, documentKind: { id: string; facts?: unknown }, only: (rule: Rule) => boolean = () => true): Finding[] {
    const env = this.environment();
    const findings: Finding[] = [];
    const budget = this.options.documentBudgetMs ?? 2000;
    const started = performance.now();
    const skipped: string[] = [];
    // One context for every rule (built per rule, it was a tenth of a document's checking time).
    let current: Rule = checkIncomplete;
    const ctx = { ...env, doc, documentKind, report: (r: Report) => findings.push(this.toFinding(current, doc.file, doc.lines, r)) };
    for (const rule of RULES) {
      if (rule.kind !== 'document' || !only(rule) || this.severityOf(rule) === 'off' || !(rule.documentKinds ?? [POLICY_KIND]).includes(documentKind.id)) continue;
      if (performance.now() - started > budget) {
        skipped.push(rule.code);
        continue;
      }
      current = rule;
      try {
        rule.check(ctx);
      } catch (error) {
        findings.push(this.incomplete(doc, `The ${rule.code} check failed on this document (${errorText(error)}); the other checks ran.`));
      }
    }
    if (skipped.length) {
      findings.push(this.incomplete(doc, `Checking this document took more than ${budget} ms, so these checks were skipped: ${skipped.join(', ')}.`));
    }
    return findings;
  }

  private incomplete(doc: PolicyDocument, message: string): Finding {
    return this.toFinding(checkIncomplete, doc.file, doc.lines, { span: { start: 0, end: 0 }, message });
  }

  /** Files whose document has this id, from an index: a scan of every file per analysis was quadratic at scale. */
  private sameId(id: string | undefined): string[] {
    return id ? [...(this.filesById.get(id) ?? [])] : [];
  }

  /** The only writer of `files`, so the id index (and the evidence calendar cached from the files) stays in step with it. */
  private setFile(file: string, state: FileState | undefined): void {
    const previous = this.files.get(file);
    const before = previous?.doc?.id;
    this.evidencePlanCache = undefined;
    // Records and other kinds change neither the list of policy documents nor their obligations.
    if ((previous?.doc && !previous.kind) || (state?.doc && !state.kind)) this.replacePolicyDocument(previous, state);
    if (state) this.files.set(file, state);
    else this.files.delete(file);
    const after = state?.doc?.id;
    if (before === after) return;
    if (before !== undefined) {
      const files = this.filesById.get(before);
      files?.delete(file);
      if (files && !files.size) this.filesById.delete(before);
    }
    if (after !== undefined) (this.filesById.get(after) ?? this.filesById.set(after, new Set()).get(after)!).add(file);
  }

  private environment(): Environment {
    const declared = this.config.scope.declared;
    const scopeCategories = new Set(this.config.scope.categories);
    if (!declared) {
      // No declared scope: every category some document maps is in scope, so nothing is "out of scope" by accident.
      for (const id of this.coverageIndex.mappedCriteria()) {
        const category = this.catalogs.control(id)?.category;
        if (category) scopeCategories.add(category);
      }
    }
    // Built once per config load: environment() runs for every document analysed.
    let carveOuts: Map<string, CarveOut[]> | undefined;
    const exclusions = (this.exclusionReasons ??= new Map(this.config.scope.exclusions.flatMap((e) => e.criteria.map((id) => [id, e.reason] as [string, string]))));
    return {
      catalogs: this.catalogs,
      templates: this.options.builtins.templates,
      config: this.config,
      today: this.options.today(),
      scopeCategories,
      exclusions,
      suggestionIndex: () => this.suggestionIndex(),
      // Lazy: only coverage and workspace rules ask, and it reads every document's text.
      evidencePlan: () => this.evidencePlan(),
      carveOuts: () => (carveOuts ??= carveOutsOf(this.kindIndex.facts<VendorFacts>(VENDOR_KIND).values(), this.documents(), this.config.vendors.monitoringCriteria, this.catalogs)),
      fileExists: (path) => this.knownFiles.has(path),
      fileDigest: (path) => this.attachmentDigests.get(path),
      folderExists: (path) => this.knownFiles.hasFolder(path),
    };
  }

  private severityOf(rule: { code: string }): Severity | 'off' {
    return this.config.rules.get(rule.code) ?? SEVERITY_BY_CODE.get(rule.code) ?? 'warning';
  }

  private toFinding(rule: Rule, file: string, lines: LineIndex, report: Report): Finding {
    // A rule bug must cost one finding's position, never the whole check.
    report = report.span ? report : { ...report, span: { start: 0, end: 0 } };
    // A severity set in soc2-policy.yaml wins over one a rule raises for a particular finding.
    const severity = this.config.rules.get(rule.code) ?? report.severity ?? this.severityOf(rule);
    return { file, code: rule.code, severity: severity as Severity, message: report.message, span: report.span, range: lines.rangeOf(report.span), fixes: report.fixes, subject: report.subject };
  }

  /** Findings that depend on several documents (duplicate ids, uncovered criteria), by file. */
  private workspaceFindings(): Map<string, Finding[]> {
    if (this.workspaceFindingsCache) return this.workspaceFindingsCache;
    const byFile = new Map<string, Finding[]>();
    const env = this.environment();
    // The cached list itself (rules only read it): indexes keyed by it, such as the obligations, last until it changes.
    const documents = this.policyDocuments().sorted;
    const configLines = new LineIndex(this.configText ?? '');
    for (const rule of RULES) {
      if (rule.kind !== 'workspace' || this.severityOf(rule) === 'off') continue;
      const add = (finding: Finding) => (byFile.get(finding.file) ?? byFile.set(finding.file, []).get(finding.file)!).push(finding);
      try {
        rule.check({
          ...env,
          documents,
          coverage: this.coverageIndex,
          facts: (kind) => this.kindIndex.facts(kind),
          report: (file, r) => add(this.toFinding(rule, file, file === this.configFile ? configLines : (this.files.get(file)?.doc?.lines ?? configLines), r)),
        });
      } catch (error) {
        add(this.toFinding(checkIncomplete, this.configFile, configLines, { span: { start: 0, end: 0 }, message: `The ${rule.code} check failed (${errorText(error)}); the other checks ran.` }));
      }
    }
    const questionnaireFindings = this.questionnaires.findings(() => workspaceSections(documents, this.options.root, this.catalogs, this.vendorDocuments()));
    const loadFindings = [...this.configFindings, ...this.catalogFindings, ...questionnaireFindings];
    for (const finding of loadFindings) {
      const severity = this.severityOf(finding);
      if (severity === 'off') continue;
      (byFile.get(finding.file) ?? byFile.set(finding.file, []).get(finding.file)!).push({ ...finding, severity });
    }
    this.workspaceFindingsCache = byFile;
    return byFile;
  }

  /** Findings of one file: its own and the workspace findings reported on it. */
  findings(file: string): Finding[] {
    const own = (this.files.get(file)?.findings ?? []).filter((f) => this.severityOf(f) !== 'off').map((f) => ({ ...f, severity: (this.config.rules.get(f.code) ?? f.severity) as Severity }));
    return sortFindings([...own, ...(this.workspaceFindings().get(file) ?? [])]);
  }

  /** Every finding in the workspace, sorted by file and position. */
  allFindings(): Finding[] {
    const files = new Set([...this.files.keys(), ...this.workspaceFindings().keys()]);
    return [...files].sort().flatMap((f) => this.findings(f));
  }

  documents(): PolicyDocument[] {
    return [...this.policyDocuments().sorted];
  }

  /** The facts of every document of a kind (core/kinds), by file. */
  kindFacts<F>(kind: string): ReadonlyMap<string, F> {
    return this.kindIndex.facts<F>(kind);
  }

  /** Vendor files (vendors/<id>.md) as parsed documents: questionnaire answers about carved-out criteria cite them. */
  vendorDocuments(): PolicyDocument[] {
    return [...this.kindIndex.facts(VENDOR_KIND).keys()].sort().flatMap((file) => this.files.get(file)?.doc ?? []);
  }

  document(file: string): PolicyDocument | undefined {
    return this.files.get(file)?.doc;
  }

  /** The Type II evidence calendar today (undefined without a Type II audit), computed once per change. */
  evidencePlan(): EvidencePlan | undefined {
    const day = this.options.today();
    if (this.evidencePlanCache && compareDates(this.evidencePlanCache.day, day) === 0) return this.evidencePlanCache.plan;
    const plan = workspacePlan({ documents: this.policyDocuments().sorted, facts: (kind) => this.kindIndex.facts(kind), config: this.config, today: day });
    this.evidencePlanCache = { day, plan };
    return plan;
  }

  coverage(): CoverageModel {
    return buildCoverageModel(this.catalogs, this.coverageIndex, this.environment());
  }

  /** Documents (not retired) whose front matter maps a control of any catalog, or one of its points of focus. */
  documentsMapping(id: string, catalogId: string): PolicyDocument[] {
    return this.documents().filter(
      (doc) => doc.status !== 'retired' && doc.mappings.some((list) => list.catalogId === catalogId && list.items.some((item) => this.catalogs.criterionOf(item.raw, catalogId)?.id === id)),
    );
  }

  /** The lens over another catalog (e.g. `iso27001`): direct mappings and what TSC coverage implies. */
  frameworkCoverage(catalogId: string): FrameworkCoverage | undefined {
    return frameworkCoverage(catalogId, this.catalogs, this.documents(), this.coverage());
  }

  /** Applies every preferred fix to a document's text, re-checking after each pass. Does not change the analyzer's state. */
  fixText(file: string, text: string): { text: string; passes: number } {
    const original = this.files.get(file)?.doc?.text;
    const result = fixUntilStable(text, (current) => {
      this.analyze(file, current);
      return this.findings(file);
    });
    if (original !== undefined) this.analyze(file, original);
    else this.forget(file);
    return result;
  }
}

/** `isInside` for paths already normalised (the analyzer's are): cheap enough to run over every file and link. */
function atOrUnder(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith('/') ? folder : folder + '/');
}

function parseFailedFinding(file: string, text: string, error: unknown): Finding {
  return {
    file,
    code: 'parse-failed',
    severity: 'error',
    message: `This document could not be parsed (${errorText(error)}), so it was not checked. The rest of the workspace was.`,
    span: { start: 0, end: 0 },
    range: new LineIndex(text).rangeOf({ start: 0, end: 0 }),
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
}
