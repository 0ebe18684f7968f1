/**
 * Protocol abuse (issue 15, item 7): raw bytes on the server's stdin, frames parsed from its stdout, so the test can
 * send what no well-behaved client library would. Every abuse must get an error or be skipped, never leave the
 * server deaf. Waits are event-driven with a bound: each frame, stderr chunk or exit re-checks the pending waits.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildServer, SERVER, uriOf } from './lspHarness';

interface Response {
  id: number;
  result?: unknown;
  error?: { code: number; message: string };
}
type Incoming = Response & { method?: string };

const InvalidRequest = -32600;
const InvalidParams = -32602;
const ServerNotInitialized = -32002;
const POLICY = '---\ntitle: Access\ncontrols: [CC6.1]\n---\n\n# Access\n';
/** Where CC6.1 is in POLICY. */
const AT_CRITERION = { line: 2, character: 12 };

function frame(message: object): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** A server process spoken to in raw frames. */
class RawServer {
  readonly messages: Incoming[] = [];
  stderr = '';
  exitCode: number | null | undefined;
  readonly policyUri: string;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiters = new Set<() => void>();
  private stdout = Buffer.alloc(0);
  private nextId = 1;

  constructor(readonly workspace: string) {
    this.policyUri = uriOf(path.join(workspace, 'policy.md'));
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: workspace });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.stdout = Buffer.concat([this.stdout, chunk]);
      this.readFrames();
    });
    this.child.stderr.on('data', (chunk) => {
      this.stderr += String(chunk);
      this.poke();
    });
    this.child.on('exit', (code) => {
      this.exitCode = code;
      this.poke();
    });
  }

  write(raw: string): void {
    this.child.stdin.write(raw);
  }

  notify(method: string, params: unknown): void {
    this.write(frame({ jsonrpc: '2.0', method, params }));
  }

  /** Sends a request (params left out when undefined) and resolves with its response. */
  request(method: string, params?: unknown): Promise<Response> {
    const id = this.nextId++;
    this.write(frame({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }));
    return this.response(id, method);
  }

  response(id: number, what = 'request'): Promise<Response> {
    return this.waitFor(`the response to ${what} #${id}`, () => this.messages.find((m) => m.id === id && m.method === undefined));
  }

  async initialize(): Promise<void> {
    const folder = uriOf(this.workspace);
    const response = await this.request('initialize', { processId: null, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }], capabilities: {} });
    assert.ok(response.result, `initialize failed: ${JSON.stringify(response.error)}`);
    this.notify('initialized', {});
    this.notify('textDocument/didOpen', { textDocument: { uri: this.policyUri, languageId: 'markdown', version: 1, text: POLICY } });
  }

  /** A well-formed hover on CC6.1 must be answered with its content. */
  async assertAnswersHover(): Promise<void> {
    const response = await this.request('textDocument/hover', { textDocument: { uri: this.policyUri }, position: AT_CRITERION });
    assert.equal(response.error, undefined, JSON.stringify(response.error));
    assert.match(JSON.stringify(response.result), /CC6\.1/);
  }

  async exited(): Promise<number | null> {
    return (await this.waitFor('the server to exit', () => (this.exitCode === undefined ? undefined : { code: this.exitCode }))).code;
  }

  closeStdin(): void {
    this.child.stdin.end();
  }

  kill(): void {
    if (this.exitCode === undefined) this.child.kill();
  }

  waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 10000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nserver stderr:\n${this.stderr}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(attempt);
      };
      this.waiters.add(attempt);
      attempt();
    });
  }

  private readFrames(): void {
    for (;;) {
      const end = this.stdout.indexOf('\r\n\r\n');
      if (end < 0) break;
      const length = Number(/Content-Length: (\d+)/i.exec(this.stdout.toString('ascii', 0, end))?.[1]);
      assert.ok(Number.isInteger(length), `the server wrote a bad header: ${this.stdout.toString('ascii', 0, end)}`);
      if (this.stdout.length < end + 4 + length) break;
      const message = JSON.parse(this.stdout.toString('utf8', end + 4, end + 4 + length)) as Incoming;
      this.stdout = this.stdout.subarray(end + 4 + length);
      this.messages.push(message);
      // Server-to-client requests (none expected with empty capabilities) must not stall the server.
      if (message.method !== undefined && message.id !== undefined) this.write(frame({ jsonrpc: '2.0', id: message.id, result: null }));
    }
    this.poke();
  }

  private poke(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

function assertError(response: Response, code: number): void {
  assert.ok(response.error, `expected error ${code}, got result ${JSON.stringify(response.result)}`);
  assert.equal(response.error.code, code, response.error.message);
}

describe('language server over stdio: protocol abuse', function () {
  this.timeout(30000);
  let workspace: string;
  const servers: RawServer[] = [];

  /** A server on a one-file workspace; killed after the suite if still running. */
  function start(): RawServer {
    const server = new RawServer(workspace);
    servers.push(server);
    return server;
  }

  before(() => {
    buildServer();
    workspace = mkdtempSync(path.join(tmpdir(), 'soc2-abuse-'));
    writeFileSync(path.join(workspace, 'soc2-policy.yaml'), 'scope:\n  categories: [security]\n');
  });

  after(() => {
    for (const server of servers) server.kill();
    rmSync(workspace, { recursive: true, force: true });
  });

  describe('malformed frames are skipped, logged, and the server keeps answering', () => {
    let server: RawServer;
    before(async () => {
      server = start();
      await server.initialize();
    });

    // Each bad frame carries a shutdown: were it read, the hover after it would get InvalidRequest.
    const body = JSON.stringify({ jsonrpc: '2.0', id: 900, method: 'shutdown' });
    const cases = [
      { name: 'Content-Length: abc', header: 'Content-Length: abc\r\n\r\n', logged: /skipped a malformed message \(Content-Length "abc" is not a byte count\)/ },
      { name: 'a negative Content-Length', header: 'Content-Length: -5\r\n\r\n', logged: /skipped a malformed message \(Content-Length "-5" is not a byte count\)/ },
      { name: 'no Content-Length', header: 'Content-Type: application/json\r\n\r\n', logged: /skipped a malformed message \(no Content-Length header/ },
    ];
    cases.forEach(({ name, header, logged }, index) => {
      it(`${name}, with the next request in the same write`, async () => {
        const id = 901 + index;
        server.write(header + body + frame({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: server.policyUri }, position: AT_CRITERION } }));
        assert.match(JSON.stringify((await server.response(id)).result), /CC6\.1/);
        await server.waitFor('the skip to be logged on stderr', () => (logged.test(server.stderr) ? true : undefined));
      });
    });

    it('a bad frame whose successor arrives in a later write, split mid-header', async () => {
      server.write('Content-Length: abc\r\n\r\n' + body + 'Content-Le');
      const next = frame({ jsonrpc: '2.0', id: 950, method: 'textDocument/hover', params: { textDocument: { uri: server.policyUri }, position: AT_CRITERION } });
      server.write(next.slice('Content-Le'.length));
      assert.match(JSON.stringify((await server.response(950)).result), /CC6\.1/);
      await server.assertAnswersHover();
    });
  });

  describe('lifecycle', () => {
    it('answers a request before initialize with ServerNotInitialized', async () => {
      const server = start();
      assertError(await server.request('textDocument/hover', { textDocument: { uri: server.policyUri }, position: AT_CRITERION }), ServerNotInitialized);
      await server.initialize();
      await server.assertAnswersHover();
    });

    it('answers a second initialize with InvalidRequest and keeps answering', async () => {
      const server = start();
      await server.initialize();
      assertError(await server.request('initialize', { processId: null, rootUri: null, capabilities: {} }), InvalidRequest);
      await server.assertAnswersHover();
    });

    it('answers requests after shutdown with InvalidRequest, and exit then exits 0', async () => {
      const server = start();
      await server.initialize();
      const shutdown = await server.request('shutdown');
      assert.equal(shutdown.error, undefined);
      assertError(await server.request('textDocument/hover', { textDocument: { uri: server.policyUri }, position: AT_CRITERION }), InvalidRequest);
      assertError(await server.request('shutdown'), InvalidRequest);
      server.notify('exit', undefined);
      assert.equal(await server.exited(), 0);
    });

    it('exits 1 on exit without shutdown', async () => {
      const server = start();
      await server.initialize();
      server.notify('exit', undefined);
      assert.equal(await server.exited(), 1);
    });

    it('exits 1 when stdin closes without shutdown', async () => {
      const server = start();
      await server.initialize();
      server.closeStdin();
      assert.equal(await server.exited(), 1);
    });
  });

  describe('malformed params get InvalidParams', () => {
    let server: RawServer;
    before(async () => {
      server = start();
      await server.initialize();
    });

    const cases: [method: string, params: unknown, problem: RegExp][] = [
      ['textDocument/hover', 42, /params must be an object/],
      ['textDocument/hover', null, /params must be an object/],
      ['textDocument/hover', { textDocument: 5, position: AT_CRITERION }, /textDocument\.uri must be a string/],
      ['textDocument/hover', { textDocument: { uri: 'file:///x.md' } }, /position must be a position/],
      ['textDocument/hover', { textDocument: { uri: 'file:///x.md' }, position: { line: 1.5, character: 0 } }, /position must be a position/],
      ['textDocument/completion', { textDocument: 5 }, /textDocument\.uri must be a string/],
      ['textDocument/completion', [1, 2], /params must be an object/],
      ['textDocument/definition', { textDocument: { uri: 'file:///x.md' }, position: 'start' }, /position must be a position/],
      ['textDocument/codeAction', { textDocument: { uri: 'file:///x.md' }, range: {}, context: { diagnostics: [] } }, /range\.start must be a position/],
      ['workspace/symbol', {}, /query must be a string/],
    ];
    for (const [method, params, problem] of cases) {
      it(`${method} with params ${JSON.stringify(params)}`, async () => {
        const response = await server.request(method, params);
        assertError(response, InvalidParams);
        assert.match(response.error!.message, problem);
        await server.assertAnswersHover();
      });
    }
  });
});
