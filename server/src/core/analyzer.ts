import picomatch from 'picomatch';
import type { Finding, Severity } from './types';
import type { Workspace } from './workspace';
import { CatalogSet, type Catalog } from './catalog/catalog';
import { loadCatalog } from './catalog/loadCatalog';
import type { TemplateSet } from './templates/templates';
import { CONFIG_FILE_NAME, defaultConfig, type CatalogReference, type PolicyConfig } from './config/config';
import { loadOscalCatalog } from './catalog/loadOscalCatalog';
import { parseYaml, spanForPath } from './yaml/yamlSource';
import { loadConfig } from './config/loadConfig';
import { parsePolicyDocument, type PolicyDocument } from './parse/policyDocument';
import { decodeUtf8, stripBom } from './text/decode';
import { LineIndex } from './text/lineIndex';
import { RULES, RULE_CODES, ALL_RULES } from './rules';
import type { Environment, Report, Rule } from './rules/rule';
import { CoverageIndex, contributionsOf } from './coverage/coverageIndex';
import { buildCoverageModel, type CoverageModel } from './coverage/coverageModel';
import { frameworkCoverage, type FrameworkCoverage } from './coverage/frameworkCoverage';
import type { DateOnly } from './dates';
import { basename, joinPath, relativePath, isInside } from './paths';
import { fixUntilStable } from './fixes/applyFixes';
import { linkTarget } from './rules/brokenLink';

export interface BuiltinContent {
  catalogs: Catalog[];
  templates: TemplateSet;
}

export interface AnalyzerOptions {
  root: string;
  workspace: Workspace;
  builtins: BuiltinContent;
  /** "Today", injected so reviews are judged against a fixed date in tests. */
  today: () => DateOnly;
  /** Explicit config file; defaults to `<root>/soc2-policy.yaml`. */
  configFile?: string;
}

/** What an update changed, so callers refresh only what they must. */
export interface UpdateResult {
  /** Files whose findings may have changed (the document itself, the config, documents sharing an id, ...). */
  affectedFiles: string[];
  /** Criteria whose coverage contributions changed. */
  coverageChanged: string[];
}

interface FileState {
  doc?: PolicyDocument;
  findings: Finding[];
}

const SEVERITY_BY_CODE = new Map(ALL_RULES.map((r) => [r.code, r.defaultSeverity]));

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
  /** Every file in the workspace (any extension), for link checks. */
  private readonly knownFiles = new Set<string>();
  private readonly coverageIndex = new CoverageIndex();
  private workspaceFindingsCache?: Map<string, Finding[]>;
  private includeMatcher: (path: string) => boolean = () => false;
  private excludeMatcher: (path: string) => boolean = () => false;

  private constructor(private readonly options: AnalyzerOptions) {
    this.config = defaultConfig(options.root);
    this.catalogs = new CatalogSet(options.builtins.catalogs);
  }

  /** Loads the config and custom catalogs, then every policy document under the root. */
  static async open(options: AnalyzerOptions, onProgress?: (done: number, total: number) => void): Promise<PolicyAnalyzer> {
    const analyzer = new PolicyAnalyzer(options);
    await analyzer.loadConfiguration();
    await analyzer.scan(onProgress);
    return analyzer;
  }

  get root(): string {
    return this.options.root;
  }

  get configFile(): string {
    return this.options.configFile ?? joinPath(this.options.root, CONFIG_FILE_NAME);
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

  /** Re-reads soc2-policy.yaml and custom catalogs, then re-checks every document (scope and rules may differ). */
  async reloadConfiguration(): Promise<void> {
    await this.loadConfiguration();
    for (const [file, state] of this.files) if (state.doc) this.analyze(file, state.doc.text);
    this.workspaceFindingsCache = undefined;
  }

  private async loadConfiguration(): Promise<void> {
    const { workspace, root } = this.options;
    const file = this.configFile;
    const bytes = await workspace.readFile(file);
    this.configFindings = [];
    this.configText = undefined;
    if (bytes) {
      const text = decodeUtf8(bytes);
      if (text === undefined) {
        this.config = { ...defaultConfig(root), file };
        this.configFindings.push(encodingFinding(file));
      } else {
        this.configText = stripBom(text);
        const loaded = loadConfig(this.configText, file, root, RULE_CODES);
        this.config = loaded.config;
        this.configFindings.push(...loaded.findings);
      }
    } else {
      this.config = defaultConfig(root);
    }
    // Custom catalogs must live inside the workspace.
    const custom: Catalog[] = [];
    this.catalogFindings = [];
    for (const [index, reference] of this.config.catalogs.entries()) {
      const loaded = await this.loadCustomCatalog(reference, index);
      this.catalogFindings.push(...loaded.findings);
      if (loaded.catalog) custom.push(loaded.catalog);
    }
    this.catalogs = new CatalogSet([...this.options.builtins.catalogs, ...custom]);
    this.configFindings.push(...this.checkExclusions());
    this.includeMatcher = picomatch(this.config.include, { dot: false });
    this.excludeMatcher = picomatch(this.config.exclude, { dot: true });
  }

  /** Exclusions name whole TSC criteria; a typo would silently exclude nothing. */
  private checkExclusions(): Finding[] {
    const lines = new LineIndex(this.configText ?? '');
    return this.config.scope.exclusions.flatMap((exclusion) =>
      exclusion.criteria.flatMap((id, i) => {
        if (this.catalogs.control(id)) return [];
        const point = this.catalogs.pointOfFocus(id);
        const suggestions = this.catalogs.suggestions(id).filter((s) => this.catalogs.control(s));
        const message = point
          ? `${id} is a point of focus; exclusions name whole criteria. Exclude ${point.parent}, or map the point of focus instead.`
          : `Exclusion "${id}" is not a TSC criterion${suggestions.length ? `. Did you mean ${suggestions.join(' or ')}?` : '.'}`;
        const span = exclusion.spans[i];
        return [{ file: this.configFile, code: 'config-invalid', severity: 'error' as const, message, span, range: lines.rangeOf(span), subject: id }];
      }),
    );
  }

  private async loadCustomCatalog(reference: CatalogReference, index: number): Promise<{ catalog?: Catalog; findings: Finding[] }> {
    const { workspace, root } = this.options;
    const path = joinPath(root, reference.path);
    const refuse = (message: string) => ({ findings: [this.configFinding(['catalogs', index], message)] });
    if (!isInside(path, root)) return refuse(`Catalog "${reference.path}" is outside the workspace and was not loaded.`);
    const builtinIds = new Set(this.options.builtins.catalogs.map((c) => c.id));
    let loaded: { catalog?: Catalog; findings: Finding[] };
    if (/\.json$/i.test(path)) {
      const bytes = await workspace.readFile(path);
      const text = bytes ? decodeUtf8(bytes) : undefined;
      if (text === undefined) return refuse(bytes ? `Catalog "${reference.path}" is not UTF-8 text.` : `Catalog "${reference.path}" was not found.`);
      const id = reference.id ?? basename(path).replace(/\.json$/i, '').toLowerCase().replace(/[^a-z0-9-]/g, '-');
      loaded = loadOscalCatalog(stripBom(text), path, id);
    } else {
      loaded = await loadCatalog(path, (p) => workspace.readFile(p), root);
      if (loaded.catalog && reference.id) loaded.catalog = { ...loaded.catalog, id: reference.id, controls: loaded.catalog.controls.map((c) => ({ ...c, catalogId: reference.id! })) };
    }
    if (loaded.catalog && builtinIds.has(loaded.catalog.id)) {
      return refuse(`Catalog id "${loaded.catalog.id}" is already used by a built-in catalog. Give it another id.`);
    }
    return loaded;
  }

  private configFinding(path: (string | number)[], message: string): Finding {
    const text = this.configText ?? '';
    const lines = new LineIndex(text);
    const span = spanForPath(parseYaml(text), path);
    return { file: this.configFile, code: 'config-invalid', severity: 'error', message, span, range: lines.rangeOf(span), subject: path.join('.') };
  }

  private async scan(onProgress?: (done: number, total: number) => void): Promise<void> {
    const all = await this.options.workspace.listFiles(this.options.root);
    all.forEach((f) => this.knownFiles.add(f));
    const candidates = all.filter((f) => this.isCandidate(f));
    let done = 0;
    for (const file of candidates) {
      const bytes = await this.options.workspace.readFile(file);
      if (bytes) this.updateDocument(file, bytes);
      onProgress?.(++done, candidates.length);
    }
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
    this.knownFiles.add(file);
    if (!this.isCandidate(file)) return this.forget(file);
    const text = typeof content === 'string' ? content : decodeUtf8(content);
    if (text === undefined) {
      const before = this.forget(file);
      this.files.set(file, { findings: [encodingFinding(file)] });
      return { ...before, affectedFiles: unique([...before.affectedFiles, file]) };
    }
    return this.analyze(file, stripBom(text));
  }

  /** A file was deleted. */
  removeFile(file: string): UpdateResult {
    this.knownFiles.delete(file);
    const result = this.forget(file);
    return { ...result, affectedFiles: unique([...result.affectedFiles, ...this.documentsLinkingTo(file)]) };
  }

  /** A non-Markdown file appeared (it may repair a broken link). */
  addFile(file: string): UpdateResult {
    if (this.knownFiles.has(file)) return { affectedFiles: [], coverageChanged: [] };
    this.knownFiles.add(file);
    const affected = this.documentsLinkingTo(file);
    for (const path of affected) {
      const doc = this.files.get(path)?.doc;
      if (doc) this.analyze(path, doc.text);
    }
    return { affectedFiles: affected, coverageChanged: [] };
  }

  private documentsLinkingTo(file: string): string[] {
    return this.documents()
      .filter((doc) => doc.file !== file && doc.body.links.some((link) => linkTarget(doc.file, link.url) === file))
      .map((doc) => doc.file);
  }

  private forget(file: string): UpdateResult {
    const previous = this.files.get(file);
    this.files.delete(file);
    const coverageChanged = previous?.doc ? this.coverageIndex.remove(file) : [];
    this.workspaceFindingsCache = undefined;
    const affected = previous ? [file, ...this.sameId(previous.doc?.id), ...(coverageChanged.length ? [this.configFile] : [])] : [];
    return { affectedFiles: unique(affected), coverageChanged };
  }

  private analyze(file: string, text: string): UpdateResult {
    const previousId = this.files.get(file)?.doc?.id;
    const doc = parsePolicyDocument(file, text);
    // comply documents (YAML keys before the first `---`) are policy documents even when they map nothing, like its procedures.
    const isPolicy = doc.hasMappingKey || doc.frontMatter?.format === 'comply' || this.isIncludedExplicitly(file);
    if (!isPolicy) return this.forget(file);
    const coverageChanged = this.coverageIndex.update(file, contributionsOf(doc, this.catalogs));
    const env = this.environment();
    const findings: Finding[] = [];
    for (const rule of RULES) {
      if (rule.kind !== 'document' || this.severityOf(rule) === 'off') continue;
      rule.check({ ...env, doc, report: (r) => findings.push(this.toFinding(rule, file, doc.lines, r)) });
    }
    this.files.set(file, { doc, findings: sortFindings(findings) });
    this.workspaceFindingsCache = undefined;
    const affected = [file, ...this.sameId(previousId), ...this.sameId(doc.id), ...(coverageChanged.length ? [this.configFile] : [])];
    return { affectedFiles: unique(affected), coverageChanged };
  }

  private sameId(id: string | undefined): string[] {
    if (!id) return [];
    return [...this.files.values()].filter((s) => s.doc?.id === id).map((s) => s.doc!.file);
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
    const exclusions = new Map<string, string>();
    for (const exclusion of this.config.scope.exclusions) for (const id of exclusion.criteria) exclusions.set(id, exclusion.reason);
    return {
      catalogs: this.catalogs,
      templates: this.options.builtins.templates,
      config: this.config,
      today: this.options.today(),
      scopeCategories,
      exclusions,
      fileExists: (path) => this.knownFiles.has(path),
      folderExists: (path) => {
        const prefix = path.endsWith('/') ? path : path + '/';
        for (const file of this.knownFiles) if (file.startsWith(prefix)) return true;
        return false;
      },
    };
  }

  private severityOf(rule: { code: string }): Severity | 'off' {
    return this.config.rules[rule.code] ?? SEVERITY_BY_CODE.get(rule.code) ?? 'warning';
  }

  private toFinding(rule: Rule, file: string, lines: LineIndex, report: Report): Finding {
    // A rule bug must cost one finding's position, never the whole check.
    report = report.span ? report : { ...report, span: { start: 0, end: 0 } };
    return { file, code: rule.code, severity: this.severityOf(rule) as Severity, message: report.message, span: report.span, range: lines.rangeOf(report.span), fixes: report.fixes, subject: report.subject };
  }

  /** Findings that depend on several documents (duplicate ids, uncovered criteria), by file. */
  private workspaceFindings(): Map<string, Finding[]> {
    if (this.workspaceFindingsCache) return this.workspaceFindingsCache;
    const byFile = new Map<string, Finding[]>();
    const env = this.environment();
    const documents = this.documents();
    const configLines = new LineIndex(this.configText ?? '');
    for (const rule of RULES) {
      if (rule.kind !== 'workspace' || this.severityOf(rule) === 'off') continue;
      rule.check({
        ...env,
        documents,
        coverage: this.coverageIndex,
        report: (file, r) => {
          const lines = file === this.configFile ? configLines : (this.files.get(file)?.doc?.lines ?? configLines);
          byFile.set(file, [...(byFile.get(file) ?? []), this.toFinding(rule, file, lines, r)]);
        },
      });
    }
    const loadFindings = [...this.configFindings, ...this.catalogFindings];
    for (const finding of loadFindings) {
      const severity = this.severityOf(finding);
      if (severity === 'off') continue;
      byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), { ...finding, severity }]);
    }
    this.workspaceFindingsCache = byFile;
    return byFile;
  }

  /** Findings of one file: its own and the workspace findings reported on it. */
  findings(file: string): Finding[] {
    const own = (this.files.get(file)?.findings ?? []).filter((f) => this.severityOf(f) !== 'off').map((f) => ({ ...f, severity: this.severityOf(f) as Severity }));
    return sortFindings([...own, ...(this.workspaceFindings().get(file) ?? [])]);
  }

  /** Every finding in the workspace, sorted by file and position. */
  allFindings(): Finding[] {
    const files = new Set([...this.files.keys(), ...this.workspaceFindings().keys()]);
    return [...files].sort().flatMap((f) => this.findings(f));
  }

  documents(): PolicyDocument[] {
    // Plain code-unit order: localeCompare is slow on every keystroke of a 1,000-document workspace.
    return [...this.files.values()].flatMap((s) => (s.doc ? [s.doc] : [])).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  document(file: string): PolicyDocument | undefined {
    return this.files.get(file)?.doc;
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

function encodingFinding(file: string): Finding {
  return {
    file,
    code: 'invalid-encoding',
    severity: 'error',
    message: 'This file is not UTF-8 text, so it cannot be checked. Re-save it as UTF-8 (with or without BOM).',
    span: { start: 0, end: 0 },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
}
