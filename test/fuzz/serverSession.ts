/**
 * One language server (server/out/server.js over stdio, via the test LSP client) shared by the server cases.
 * Starting a server costs about a second, so each case gets a fresh workspace folder instead, added and removed
 * with workspace/didChangeWorkspaceFolders; the server is restarted after it crashes or hangs.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { LspClient, uriOf } from '../server/lspHarness';

export interface PullResult {
  items?: { code?: string | number; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
  error?: string;
  timedOut?: boolean;
}

const SERVER_CANCELLED = -32802;

export class FuzzServer {
  private client?: LspClient;
  private base?: string;
  private folders = 0;
  private logMark = 0;
  private stderrMark = 0;

  constructor(private readonly requestTimeoutMs: number) {}

  /** A new, empty folder next to the server's first workspace folder (never inside it, so roots do not nest). */
  newFolder(): string {
    const dir = path.join(this.base!, `case-${++this.folders}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  async ensureStarted(): Promise<void> {
    if (this.client && this.alive()) return;
    await this.stop();
    this.base = mkdtempSync(path.join(tmpdir(), 'soc2-fuzz-server-'));
    const first = path.join(this.base, 'first');
    mkdirSync(first);
    const { client } = await LspClient.start({ workspace: first, pull: true });
    this.client = client;
    await client.indexed();
    this.logMark = client.notifications.length;
    this.stderrMark = client.stderr.length;
  }

  alive(): boolean {
    const child = (this.client as unknown as { child?: ChildProcess } | undefined)?.child;
    return !!child && child.exitCode === null && child.signalCode === null;
  }

  private get c(): LspClient {
    if (!this.client) throw new Error('server not started');
    return this.client;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.c.connection.sendNotification(method, params);
  }

  /** Adds a workspace folder and waits until the server has indexed it (its work-done progress ends). */
  async addFolder(dir: string): Promise<boolean> {
    const ends = () => this.c.progress.filter((p) => (p as { value?: { kind?: string } }).value?.kind === 'end').length;
    const before = ends();
    await this.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(dir), name: path.basename(dir) }], removed: [] } });
    try {
      await this.c.waitFor('the new folder to be indexed', () => ends() > before, this.requestTimeoutMs);
      return true;
    } catch {
      return false;
    }
  }

  async removeFolder(dir: string): Promise<void> {
    if (this.alive()) await this.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uriOf(dir), name: path.basename(dir) }] } });
  }

  /** textDocument/diagnostic, retried while the server answers "the document changed, ask again". */
  async pull(uri: string): Promise<PullResult> {
    for (let attempt = 0; ; attempt++) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.requestTimeoutMs)));
      try {
        const answer = await Promise.race([this.c.pullDiagnostics(uri), timeout]);
        if (answer === 'timeout') return { timedOut: true };
        return { items: (answer.items ?? []) as PullResult['items'] };
      } catch (error) {
        const e = error as { code?: number; message?: string };
        if (e.code === SERVER_CANCELLED && attempt < 3) continue;
        return { error: `${e.code ?? ''} ${e.message ?? String(error)}` };
      } finally {
        clearTimeout(timer);
      }
    }
  }

  /** Error-looking log messages and stderr output since the last call. */
  takeErrors(): string[] {
    if (!this.client) return [];
    const logs = this.client.notifications.slice(this.logMark);
    this.logMark = this.client.notifications.length;
    // Node's own warnings (the yaml library's "Keys with collection values...") are noise, not server errors.
    const stderr = this.client.stderr
      .slice(this.stderrMark)
      .join('')
      .split('\n')
      .filter((l) => !/^\(node:\d+\) \w*Warning:|^\(Use `node --trace-warnings/.test(l))
      .join('\n');
    this.stderrMark = this.client.stderr.length;
    const errors = logs
      .filter((n) => n.method === 'window/logMessage' || n.method === 'window/showMessage')
      .map((n) => n.params as { type: number; message: string })
      .filter((p) => p.type === 1 || /failed|not available|exception|error/i.test(p.message))
      .map((p) => p.message);
    if (stderr.trim()) errors.push(`stderr: ${stderr.trim()}`);
    return errors;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.stop().catch(() => undefined);
    if (this.base) rmSync(this.base, { recursive: true, force: true });
    this.base = undefined;
  }
}
