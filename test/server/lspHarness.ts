/**
 * Talks JSON-RPC to the bundled language server over a child's stdio, as an editor would.
 * Waits are event-driven with a bound: every message from the server re-checks the pending conditions.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
  WorkDoneProgress,
} from 'vscode-languageserver-protocol/node';

export const REPO = path.resolve(__dirname, '../..');
export const SERVER = path.join(REPO, 'server/out/server.js');
/** The date the acme-saas expectations were counted for. */
export const TODAY = '2026-12-01';

/** Bundles the server as users get it (server/out/server.js). */
export function buildServer(): void {
  const result = spawnSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
}

/** A scratch copy of a fixture folder. */
export function copyWorkspace(from = 'examples/acme-saas'): { dir: string; cleanup: () => void } {
  const parent = mkdtempSync(path.join(tmpdir(), 'soc2-lsp-'));
  const dir = path.join(parent, path.basename(from));
  cpSync(path.join(REPO, from), dir, { recursive: true });
  return { dir, cleanup: () => rmSync(parent, { recursive: true, force: true }) };
}

/**
 * The language server of a suite, on a copy of an example workspace: started with pull diagnostics and indexed before
 * the suite's tests, stopped and the copy removed after them. Read `client` and `workspace` inside hooks and tests.
 */
export function useServerOn(example: string): { readonly client: LspClient; readonly workspace: { dir: string; cleanup: () => void } } {
  const state = {} as { client: LspClient; workspace: ReturnType<typeof copyWorkspace> };
  before(async () => {
    buildServer();
    state.workspace = copyWorkspace(example);
    ({ client: state.client } = await LspClient.start({ workspace: state.workspace.dir, pull: true }));
    await state.client.indexed();
  });
  after(async () => {
    await state.client?.stop();
    state.workspace?.cleanup();
  });
  return state;
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

export interface ClientOptions {
  workspace: string;
  /** Advertise pull diagnostics (textDocument/diagnostic). */
  pull: boolean;
  settings?: Record<string, unknown>;
  /** More `initializationOptions` (the date is always pinned). */
  initializationOptions?: Record<string, unknown>;
  /** Instead of `capabilities(pull)`, to act as a particular editor. */
  capabilities?: ClientCapabilities;
}

/** Capabilities of a capable editor; `pull: false` leaves pull diagnostics out, as Neovim 0.7 does. */
export function capabilities(pull: boolean): ClientCapabilities {
  return {
    textDocument: {
      synchronization: { didSave: true },
      publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      hover: { contentFormat: ['markdown', 'plaintext'] },
      completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'], snippetSupport: false } },
      codeAction: {
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
        resolveSupport: { properties: ['edit'] },
        dataSupport: true,
      },
      definition: { linkSupport: true },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    },
    workspace: {
      configuration: true,
      workspaceFolders: true,
      workspaceEdit: { documentChanges: true },
      ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
      codeLens: { refreshSupport: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
    },
    window: { workDoneProgress: true },
  };
}

export class LspClient {
  readonly published = new Map<string, PublishDiagnosticsParams>();
  /** Every publish, in order, for checks on versions. */
  readonly publishLog: PublishDiagnosticsParams[] = [];
  readonly progress: unknown[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly serverRequests: { method: string; params: unknown }[] = [];
  readonly stderr: string[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  /** While set, answers to workspace/configuration wait for it: a way to hold a server request mid-flight. */
  private configurationGate?: Promise<void>;

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly child: ChildProcess,
    readonly options: ClientOptions,
  ) {}

  static async start(options: ClientOptions): Promise<{ client: LspClient; init: InitializeResult }> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: options.workspace, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(connection, child, options);
    child.stderr!.on('data', (chunk) => client.stderr.push(String(chunk)));
    client.listen();
    connection.listen();
    const init = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(options.workspace),
      workspaceFolders: [{ uri: uriOf(options.workspace), name: path.basename(options.workspace) }],
      capabilities: options.capabilities ?? capabilities(options.pull),
      initializationOptions: { today: TODAY, ...options.initializationOptions },
    });
    await connection.sendNotification('initialized', {});
    return { client, init: init as InitializeResult };
  }

  private listen(): void {
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.set(params.uri, params);
      this.publishLog.push(params);
      this.poke();
    });
    // Work-done progress arrives on tokens the server creates with window/workDoneProgress/create (below).
    const onProgress = (token: string | number) =>
      c.onProgress(WorkDoneProgress.type, token, (value) => {
        this.progress.push({ token, value });
        this.poke();
      });
    // Other notifications (soc2Policy/coverageChanged, window/logMessage): the star handler is on the underlying connection.
    (c as unknown as { onNotification(handler: (method: string, params: unknown) => void): void }).onNotification((method, params) => {
      this.notifications.push({ method, params });
      this.poke();
    });
    const record = (method: string, result: unknown) =>
      c.onRequest(method, (params: unknown) => {
        this.serverRequests.push({ method, params });
        this.poke();
        return typeof result === 'function' ? (result as (p: unknown) => unknown)(params) : result;
      });
    record('workspace/configuration', async (params: { items: unknown[] }) => {
      await this.configurationGate;
      return params.items.map(() => this.options.settings ?? null);
    });
    record('client/registerCapability', null);
    record('window/workDoneProgress/create', (params: { token: string | number }) => {
      onProgress(params.token);
      return null;
    });
    record('workspace/diagnostic/refresh', null);
    record('workspace/codeLens/refresh', null);
  }

  private poke(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Resolves with the first truthy value of `check`, re-checked on every server message; fails after `timeoutMs`. */
  waitFor<T>(what: string, check: () => T | undefined | null | false, timeoutMs = 15000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value) {
          done();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nserver stderr:\n${this.stderr.join('')}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(attempt);
      };
      this.waiters.add(attempt);
      attempt();
    });
  }

  /** Waits until the initial scan's work-done progress has ended. */
  indexed(): Promise<unknown> {
    return this.waitFor('indexing to finish', () => this.progress.find((p) => (p as { value?: { kind?: string } }).value?.kind === 'end'));
  }

  /** Holds answers to workspace/configuration until the returned function is called. */
  holdConfiguration(): () => void {
    let release!: () => void;
    this.configurationGate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.configurationGate = undefined;
      release();
    };
  }

  countRequests(method: string): number {
    return this.serverRequests.filter((r) => r.method === method).length;
  }

  /** Opens a workspace file (its disk text unless given). Returns its URI. */
  async open(relative: string, text?: string): Promise<string> {
    const file = path.join(this.options.workspace, relative);
    const uri = uriOf(file);
    const content = text ?? readFileSync(file, 'utf8');
    this.versions.set(uri, 1);
    this.texts.set(uri, content);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: content } });
    return uri;
  }

  text(uri: string): string {
    return this.texts.get(uri)!;
  }

  version(uri: string): number {
    return this.versions.get(uri)!;
  }

  /** Replaces the whole text (a full-content change). Returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Applies LSP edits to the client's copy and sends the result. */
  async applyEdits(uri: string, edits: TextEdit[]): Promise<number> {
    return this.change(uri, applyTextEdits(this.text(uri), edits));
  }

  pullDiagnostics(uri: string): Promise<{ kind: string; items?: Diagnostic[]; resultId?: string }> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone; the kill below makes sure.
    }
    const exited = new Promise<void>((resolve) => (this.child.exitCode !== null ? resolve() : this.child.once('exit', () => resolve())));
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(killer);
    this.connection.dispose();
  }
}

/** Applies non-overlapping LSP edits to a text. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (p.line >= starts.length ? text.length : starts[p.line] + p.character);
  const sorted = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let result = text;
  for (const e of sorted) result = result.slice(0, e.start) + e.text + result.slice(e.end);
  return result;
}

/** The 0-based position of the first occurrence of `needle` (after `after`, when given) in a text. */
export function positionOf(text: string, needle: string, after = ''): { line: number; character: number } {
  const from = after ? text.indexOf(after) : 0;
  const index = text.indexOf(needle, from < 0 ? 0 : from);
  if (index < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  return { line, character: index - (before.lastIndexOf('\n') + 1) };
}
