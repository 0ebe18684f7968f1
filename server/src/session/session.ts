import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PolicyAnalyzer, type BuiltinContent, type UpdateResult } from '../core/analyzer';
import { CONFIG_FILE_NAME } from '../core/config/config';
import type { DateOnly } from '../core/dates';
import type { PolicyDocument } from '../core/parse/policyDocument';
import { basename, dirname, isAbsolutePath, isInside, joinPath, normalizePath } from '../core/paths';
import { decodeUtf8, stripBom } from '../core/text/decode';
import { LineIndex } from '../core/text/lineIndex';
import type { Workspace } from '../core/workspace';
import { NodeWorkspace } from '../node/nodeWorkspace';
import { cacheFolderFor, FactsCache, productFingerprint } from '../node/factsCache';
import { ParallelAnalysis } from '../node/analysisPool';
import { VERSION } from '../cli/version';
import { Debouncer } from './debouncer';
import { OverlayWorkspace } from './overlayWorkspace';
import { PolicyRoot } from './policyRoot';
import { SettingsCache } from './settings';
import { canonicalUri, UriMap, uriToPath } from './uris';

/** The editor's open documents (TextDocuments in the server, a plain map in benchmarks). */
export interface DocumentStore {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}

export interface SessionOptions {
  documents: DocumentStore;
  builtins: BuiltinContent;
  today: () => DateOnly;
  /** Load custom catalogs named in soc2-policy.yaml (default true; false in an untrusted workspace). */
  customCatalogs?: boolean;
  /** The file system; the real one by default. */
  disk?: Workspace;
  settings?: SettingsCache;
  log?: (message: string) => void;
  /** Where per-document results are kept between runs (one file per root); no warm start without it. */
  cacheFolder?: string;
}

export interface WorkspaceFolderRef {
  uri: string;
  name: string;
}

/** What changed in a root, for the features that push or refresh. */
export interface RootChange {
  root: PolicyRoot;
  /** `update`: `files` may have new findings. `reset`: anything may have changed (indexing, config reload). `removed`: the root is gone. */
  kind: 'update' | 'reset' | 'removed';
  files: string[];
  coverageChanged: string[];
}

/** A document resolved for a request, analysed up to its latest text. */
export interface DocumentTarget {
  uri: string;
  file: string;
  root: PolicyRoot;
  analyzer: PolicyAnalyzer;
  /** The text positions refer to (the analysed text for policy documents). */
  text: string;
  lines: LineIndex;
  /** Set when the file is a policy document. */
  doc?: PolicyDocument;
  /** Set when the document is open in the editor. */
  version?: number;
  isConfig: boolean;
}

export type IndexingProgress = (root: PolicyRoot, done: number, total: number) => void;

type Pending = 'change' | 'close';
type FileEvent = { uri: string; type: 1 | 2 | 3 };
const FILE_CREATED = 1;
const FILE_DELETED = 3;

/**
 * The server's state: one PolicyAnalyzer per workspace folder, and the open documents layered over the disk.
 * Edits are applied after a quiet period (debounce); every read first applies what is pending, so answers are
 * always computed on the latest text. Knows nothing about LSP messages: the features translate.
 */
export class PolicySession {
  readonly uris = new UriMap();
  readonly settings: SettingsCache;
  /** By canonical folder URI. */
  private readonly roots = new Map<string, PolicyRoot>();
  private readonly pending = new Map<string, Pending>();
  private readonly analyzedVersions = new Map<string, number>();
  private readonly debouncer = new Debouncer();
  private readonly listeners = new Set<(change: RootChange) => void>();
  private readonly disk: Workspace;
  private readonly overlay: OverlayWorkspace;
  private markStarted!: () => void;
  private readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));
  private singleFileMode = false;
  private discovery: Promise<void> = Promise.resolve();

  constructor(private readonly options: SessionOptions) {
    this.disk = options.disk ?? new NodeWorkspace();
    this.settings = options.settings ?? new SettingsCache();
    this.overlay = new OverlayWorkspace(this.disk, (path) => this.options.documents.get(this.uris.uriOf(path))?.getText());
  }

  get documents(): DocumentStore {
    return this.options.documents;
  }

  get builtins(): BuiltinContent {
    return this.options.builtins;
  }

  /** "Today" as the analyzers see it (pinned in tests). */
  today(): DateOnly {
    return this.options.today();
  }

  onDidChange(listener: (change: RootChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Opens the workspace folders. Requests wait until the roots exist (not until they are indexed), so a request
   * sent right after `initialized` gets a complete answer rather than an empty one. Without folders, a document's
   * root is the nearest folder above it holding soc2-policy.yaml.
   */
  async start(folders: WorkspaceFolderRef[], progress?: IndexingProgress): Promise<void> {
    this.singleFileMode = folders.length === 0;
    if (this.singleFileMode) {
      // Documents opened before start found no root: find theirs now.
      for (const doc of this.documents.all()) {
        const path = this.uris.pathOf(doc.uri);
        if (path) this.discover(path);
      }
    }
    const roots = await Promise.all(folders.map((folder) => this.createRoot(folder, progress)));
    this.markStarted();
    await Promise.all(roots.map((root) => this.indexed(root)));
  }

  async addFolder(folder: WorkspaceFolderRef, progress?: IndexingProgress): Promise<PolicyRoot> {
    const root = await this.createRoot(folder, progress);
    await this.indexed(root);
    return root;
  }

  /** Client settings changed: every root's answers may differ (enable, debounce, lenses). */
  settingsChanged(pushed?: unknown): void {
    this.settings.invalidate(pushed);
    for (const root of this.roots.values()) if (root.analyzer) this.emit({ root, kind: 'reset', files: [], coverageChanged: [] });
  }

  removeFolder(folderUri: string): void {
    const root = this.roots.get(canonicalUri(folderUri));
    if (!root) return;
    this.roots.delete(canonicalUri(folderUri));
    this.debouncer.cancel(root.path);
    this.emit({ root, kind: 'removed', files: [], coverageChanged: [] });
  }

  /** Roots in a stable order. */
  allRoots(): PolicyRoot[] {
    return [...this.roots.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  /** The innermost root containing a path. */
  rootFor(path: string): PolicyRoot | undefined {
    let best: PolicyRoot | undefined;
    for (const root of this.roots.values()) {
      if (isInside(path, root.path) && (!best || root.path.length > best.path.length)) best = root;
    }
    return best;
  }

  /** Roots a request is about: the one containing `uri` (a folder, root or document), else all. */
  async rootsFor(uri: string | undefined): Promise<{ root: PolicyRoot; analyzer: PolicyAnalyzer }[]> {
    await this.started;
    await this.discovery;
    const path = uri ? this.uris.pathOf(uri) : undefined;
    const byFolder = uri ? this.roots.get(canonicalUri(uri)) : undefined;
    const roots = uri ? [byFolder ?? (path ? this.rootFor(path) : undefined) ?? this.allRoots().find((r) => path && isInside(r.path, path))].filter((r): r is PolicyRoot => !!r) : this.allRoots();
    const result: { root: PolicyRoot; analyzer: PolicyAnalyzer }[] = [];
    for (const root of roots) {
      try {
        await this.flush(root);
        result.push({ root, analyzer: await root.idle() });
      } catch (error) {
        this.log(`root ${root.path} is not available: ${String(error)}`);
      }
    }
    return result;
  }

  didOpen(uri: string): void {
    this.uris.opened(uri);
    this.track(uri, 'change', 0);
  }

  didChange(uri: string): void {
    this.track(uri, 'change');
  }

  didClose(uri: string): void {
    this.uris.closed(uri);
    this.analyzedVersions.delete(uri);
    this.track(uri, 'close', 0);
  }

  /** The open document a URI names, in whichever spelling the URI comes. */
  openDocument(uri: string): TextDocument | undefined {
    const path = this.uris.pathOf(uri);
    return this.documents.get(uri) ?? (path === undefined ? undefined : this.documents.get(this.uris.uriOf(path)));
  }

  /** The version of an open document the analyzer last saw. */
  analyzedVersion(uri: string): number | undefined {
    return this.analyzedVersions.get(uri);
  }

  /** Resolves a document for a request, analysing pending edits first. Undefined when it is outside every root. */
  async target(uri: string): Promise<DocumentTarget | undefined> {
    await this.started;
    await this.discovery;
    const file = this.uris.pathOf(uri);
    const root = file ? this.rootFor(file) : undefined;
    if (!file || !root) return undefined;
    let analyzer: PolicyAnalyzer;
    try {
      // An edit can arrive while we wait; loop (a few times) until the analysed version is the open one.
      for (let attempt = 0; ; attempt++) {
        await this.flush(root);
        analyzer = await root.idle();
        const open = this.openDocument(uri);
        if (!open || !this.pending.has(open.uri) || attempt >= 3) break;
      }
    } catch (error) {
      this.log(`root ${root.path} is not available: ${String(error)}`);
      return undefined;
    }
    const open = this.openDocument(uri);
    const doc = analyzer.document(file);
    // A file that is not UTF-8 still has findings (invalid-encoding): read it lossily for positions.
    const text = doc?.text ?? (open ? stripBom(open.getText()) : ((await this.readText(file)) ?? (await this.readLossy(file))));
    if (text === undefined) return undefined;
    return { uri, file, root, analyzer, text, lines: doc?.lines ?? new LineIndex(text), doc, version: open?.version, isConfig: file === analyzer.configFile };
  }

  private async readLossy(path: string): Promise<string | undefined> {
    const bytes = await this.overlay.readFile(path);
    return bytes ? stripBom(new TextDecoder('utf-8').decode(bytes)) : undefined;
  }

  /** A file's text: the editor's if open, else the disk's. */
  async readText(path: string): Promise<string | undefined> {
    const bytes = await this.overlay.readFile(path);
    const text = bytes ? decodeUtf8(bytes) : undefined;
    return text === undefined ? undefined : stripBom(text);
  }

  /** Files changed outside the editor. Open documents keep their editor text. */
  async didChangeWatchedFiles(changes: FileEvent[]): Promise<void> {
    await this.started;
    const byRoot = new Map<PolicyRoot, { path: string; type: number }[]>();
    const reroot = new Set<PolicyRoot>();
    for (const change of changes) {
      const path = this.uris.pathOf(change.uri);
      if (!path) continue;
      const root = this.rootFor(path);
      // A config created or deleted elsewhere in a folder may move the folder's root.
      if (basename(path) === CONFIG_FILE_NAME && change.type !== 2) {
        for (const candidate of this.roots.values()) {
          const folder = uriToPath(candidate.folderUri);
          if (folder && isInside(path, folder) && joinPath(candidate.path, CONFIG_FILE_NAME) !== path) reroot.add(candidate);
        }
      }
      if (!root || this.documents.get(this.uris.uriOf(path))) continue;
      byRoot.set(root, [...(byRoot.get(root) ?? []), { path, type: change.type }]);
    }
    for (const [root, events] of byRoot) {
      const change = await root.run(async (analyzer) => {
        const result = emptyChange(root);
        for (const event of events) {
          merge(result, await this.applyDiskEvent(root, analyzer, event.path, event.type));
          // An attached file (a scan export, a screenshot) changed, or a record now attaches another one.
          merge(result, { files: await analyzer.syncEvidenceDigests(event.path) });
        }
        root.changed();
        return result;
      });
      this.emit(change);
    }
    for (const root of reroot) {
      const folder = uriToPath(root.folderUri);
      if (!folder || (await this.findRootPath(folder)) === root.path) continue;
      this.removeFolder(root.folderUri);
      await this.addFolder({ uri: root.folderUri, name: root.name });
    }
  }

  /** Applies pending edits of a root now (a request needs them, or the quiet period ended). */
  async flush(root: PolicyRoot): Promise<void> {
    this.debouncer.cancel(root.path);
    const work = [...this.pending].filter(([uri]) => {
      const path = uriToPath(uri);
      return path !== undefined && this.rootFor(path) === root;
    });
    if (!work.length) return;
    for (const [uri] of work) this.pending.delete(uri);
    const change = await root.run(async (analyzer) => {
      const result = emptyChange(root);
      for (const [uri, kind] of work) merge(result, await this.applyEdit(root, analyzer, uri, kind));
      // An edited record may attach a file not hashed yet.
      merge(result, { files: await analyzer.syncEvidenceDigests() });
      root.changed();
      return result;
    });
    this.emit(change);
  }

  dispose(): void {
    this.debouncer.dispose();
    this.listeners.clear();
  }

  private track(uri: string, kind: Pending, delayMs?: number): void {
    const path = this.uris.pathOf(uri);
    if (!path) return;
    const root = this.rootFor(path);
    if (!root) {
      if (this.singleFileMode && kind === 'change') this.discover(path);
      return;
    }
    this.pending.set(uri, kind);
    const delay = delayMs ?? this.settings.peek(root.folderUri).diagnostics.debounceMs;
    this.debouncer.schedule(root.path, delay, () => void this.flush(root).catch((error) => this.log(`update failed: ${String(error)}`)));
  }

  private async createRoot(folder: WorkspaceFolderRef, progress?: IndexingProgress): Promise<PolicyRoot> {
    const folderPath = this.uris.pathOf(folder.uri);
    if (!folderPath) throw new Error(`Workspace folder ${folder.uri} is not on the file system.`);
    const path = await this.findRootPath(folderPath);
    const cache = this.openCache(path);
    const root: PolicyRoot = new PolicyRoot(folder.uri, folder.name, path, this.uris.uriOf(path), async () => {
      // A large folder is indexed on worker threads (they read the disk; documents open in the editor are re-checked here).
      // Worker threads read the real disk: not for a session over another file system (tests, the bench).
      const parallel = this.options.disk ? undefined : new ParallelAnalysis({ root: path, today: this.options.today(), customCatalogs: this.options.customCatalogs !== false, hashes: cache !== undefined }, cache);
      const analyzer = await PolicyAnalyzer.open(
        {
          root: path, workspace: this.overlay, builtins: this.options.builtins, today: this.options.today, customCatalogs: this.options.customCatalogs, cache: parallel ?? cache,
          // Documents open in the editor (also those opened while indexing) are analysed here, from the editor's text.
          prefetch: (files) => {
            const isOpen = (file: string) => this.options.documents.get(this.uris.uriOf(file)) !== undefined;
            const read = parallel?.start(files, (file) => isOpen(file) || (cache?.knows(file) ?? false));
            return read && ((file) => (isOpen(file) ? undefined : read(file)));
          },
        },
        (done, total) => progress?.(root, done, total),
      );
      if (parallel?.analysed) this.log(`${parallel.analysed} documents analysed on worker threads`);
      parallel?.clear();
      this.closeCache(cache);
      return analyzer;
    });
    this.roots.set(canonicalUri(folder.uri), root);
    return root;
  }

  /** The warm start of a root: results of unchanged documents from the last index, in the client's storage. */
  private openCache(root: string): FactsCache | undefined {
    if (!this.options.cacheFolder) return undefined;
    try {
      return FactsCache.open(root, productFingerprint(VERSION, process.argv[1]), cacheFolderFor(this.options.cacheFolder, root));
    } catch (error) {
      this.log(`cache unavailable: ${String(error)}`);
      return undefined;
    }
  }

  /** Written once the root is indexed; later edits are checked fresh, so the cache lets go of what it read. */
  private closeCache(cache: FactsCache | undefined): void {
    if (!cache) return;
    const { reused, stored } = cache.size;
    this.log(`warm start: ${reused} documents reused from the cache, ${stored} checked`);
    try {
      cache.saveAndClose();
    } catch (error) {
      this.log(`could not write the cache: ${String(error)}`);
    }
  }

  /** After indexing: apply documents opened meanwhile (the scan may have read them before they were opened). */
  private async indexed(root: PolicyRoot): Promise<void> {
    try {
      await root.ready;
    } catch (error) {
      this.log(`indexing ${root.path} failed: ${String(error)}`);
      return;
    }
    for (const doc of this.documents.all()) {
      const path = this.uris.pathOf(doc.uri);
      if (path && this.rootFor(path) === root) this.pending.set(doc.uri, 'change');
    }
    await this.flush(root);
    root.changed();
    this.emit({ root, kind: 'reset', files: [], coverageChanged: [] });
  }

  /** The folder itself when it holds soc2-policy.yaml, else the shallowest folder inside it that does, else itself. */
  private async findRootPath(folder: string): Promise<string> {
    if (await this.disk.readFile(joinPath(folder, CONFIG_FILE_NAME))) return folder;
    const configs = (await this.disk.listFiles(folder)).filter((f) => basename(f) === CONFIG_FILE_NAME);
    configs.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
    return configs.length ? dirname(configs[0]) : folder;
  }

  private discover(path: string): void {
    this.discovery = this.discovery
      .then(async () => {
        if (this.rootFor(path)) return;
        for (let dir = dirname(path); ; dir = dirname(dir)) {
          if (await this.disk.readFile(joinPath(dir, CONFIG_FILE_NAME))) {
            await this.addFolder({ uri: this.uris.uriOf(dir), name: basename(dir) });
            return;
          }
          if (dirname(dir) === dir) return;
        }
      })
      .catch((error) => this.log(`root discovery failed: ${String(error)}`));
  }

  private async applyEdit(root: PolicyRoot, analyzer: PolicyAnalyzer, uri: string, kind: Pending): Promise<Partial<RootChange>> {
    const file = uriToPath(uri)!;
    const open = kind === 'change' ? this.documents.get(uri) : undefined;
    if (open) this.analyzedVersions.set(uri, open.version);
    // The config reads the editor's text through the overlay.
    if (this.isConfiguration(root, analyzer, file)) return this.reload(analyzer);
    if (open) return fromUpdate(analyzer.updateDocument(file, open.getText()));
    const bytes = await this.disk.readFile(file);
    return fromUpdate(bytes ? analyzer.updateDocument(file, bytes) : analyzer.removeFile(file));
  }

  private async applyDiskEvent(root: PolicyRoot, analyzer: PolicyAnalyzer, path: string, type: number): Promise<Partial<RootChange>> {
    if (this.isConfiguration(root, analyzer, path)) return this.reload(analyzer);
    // A deleted folder comes as one event: every file under it goes, except documents open in the editor.
    if (type === FILE_DELETED) return fromUpdate(analyzer.removeFile(path, (file) => !!this.documents.get(this.uris.uriOf(file))));
    // So does a folder created, restored or moved in: read what it holds.
    const folder = type === FILE_CREATED ? await analyzer.addFolder(path) : undefined;
    if (folder) return fromUpdate(folder);
    // Questionnaires are read like documents: their citations are checked against the policies.
    if (/\.(md|markdown)$/i.test(path) || analyzer.questionnaires.owns(path)) {
      const bytes = await this.disk.readFile(path);
      return fromUpdate(bytes ? analyzer.updateDocument(path, bytes) : analyzer.removeFile(path));
    }
    // An empty folder is not a file (a link to it stays broken, as the CLI sees it).
    return type === FILE_CREATED && (await this.disk.readFile(path)) ? fromUpdate(analyzer.addFile(path)) : {};
  }

  /** soc2-policy.yaml, or a custom catalog it names: changing either changes every document's findings. */
  private isConfiguration(root: PolicyRoot, analyzer: PolicyAnalyzer, file: string): boolean {
    // The risk matrix is configuration too: its levels rate every risk.
    const config = analyzer.currentConfig;
    if (file === analyzer.configFile || file === joinPath(config.root, config.risks.matrixFile)) return true;
    return config.catalogs.some((c) => (isAbsolutePath(c.path) ? normalizePath(c.path) : joinPath(root.path, c.path)) === file);
  }

  private async reload(analyzer: PolicyAnalyzer): Promise<Partial<RootChange>> {
    await analyzer.reloadConfiguration();
    return { kind: 'reset' };
  }

  private emit(change: RootChange): void {
    if (change.kind === 'update' && !change.files.length && !change.coverageChanged.length) return;
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.log(`change listener failed: ${String(error)}`);
      }
    }
  }

  private log(message: string): void {
    this.options.log?.(message);
  }
}

function emptyChange(root: PolicyRoot): RootChange {
  return { root, kind: 'update', files: [], coverageChanged: [] };
}

function fromUpdate(result: UpdateResult): Partial<RootChange> {
  return { files: result.affectedFiles, coverageChanged: result.coverageChanged };
}

function merge(into: RootChange, part: Partial<RootChange>): void {
  if (part.kind === 'reset') into.kind = 'reset';
  into.files = [...new Set([...into.files, ...(part.files ?? [])])];
  into.coverageChanged = [...new Set([...into.coverageChanged, ...(part.coverageChanged ?? [])])];
}
