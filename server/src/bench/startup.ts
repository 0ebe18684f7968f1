import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToUri } from '../session/uris';
import { CLI_BUNDLE, SERVER_BUNDLE, forgetCheckCache, runNodeScript } from './processes';
import { median, round } from './timing';

/** Start-up on an empty workspace: what every run of the CLI and every editor start pays before the first document. */
export interface StartupSection {
  [key: string]: number;
  /** `soc2-policy check` in an empty folder, spawn to exit. */
  cliCheckMs: number;
  /** The language server over stdio, spawn to its answer to `initialize`. */
  serverInitializeMs: number;
  /** `node -e 0`: the part of both that is node's own. */
  nodeMs: number;
  runs: number;
}

/** How long one server start may take before the measurement gives up (a hang is a failure, not a figure). */
const SERVER_BOUND_MS = 30_000;

export async function measureStartup(runs: number): Promise<StartupSection> {
  const empty = mkdtempSync(path.join(os.tmpdir(), 'soc2-bench-empty-'));
  try {
    const cli: number[] = [];
    const server: number[] = [];
    const node: number[] = [];
    // Interleaved, so a burst of load on the machine touches all three alike.
    for (let i = 0; i < runs; i++) {
      node.push(nodeAloneMs());
      forgetCheckCache(empty);
      cli.push(runNodeScript(CLI_BUNDLE, ['check'], empty).ms);
      server.push(await serverInitializeMs(empty));
    }
    return { cliCheckMs: round(median(cli), 1), serverInitializeMs: round(median(server), 1), nodeMs: round(median(node), 1), runs };
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
}

function nodeAloneMs(): number {
  const start = performance.now();
  spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  return performance.now() - start;
}

/** Spawns the server, sends `initialize` for `root` and times the answer; then shuts it down. */
async function serverInitializeMs(root: string): Promise<number> {
  return (await timeServer(root, {})).initializeMs;
}

export interface ServerTimes {
  /** Spawn to the answer to `initialize`. */
  initializeMs: number;
  /** Spawn to the answer to a coverage request sent right after `initialized` (answered once the folder is indexed). */
  indexedMs?: number;
  /** Documents the coverage answer counted (a check that the index really covered the workspace). */
  documents?: number;
}

/**
 * Drives the real server process over stdio: `initialize` (with `cacheFolder` for its warm start), then, with
 * `index`, `initialized` and a coverage request. Requests the server sends (progress, registrations) get a null answer.
 */
export function timeServer(root: string, options: { index?: boolean; cacheFolder?: string; boundMs?: number }): Promise<ServerTimes> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', process.env.BENCH_SERVER_STDERR ? 'inherit' : 'ignore'] });
    const bound = options.boundMs ?? SERVER_BOUND_MS;
    const timer = setTimeout(() => fail(new Error(`the server did not answer within ${bound} ms`)), bound);
    let buffered = Buffer.alloc(0);
    const times: Partial<ServerTimes> = {};
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    const send = (message: object) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }));
      child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
    };
    const finish = () => send({ id: 2, method: 'shutdown' });
    child.on('error', fail);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (times.initializeMs === undefined || (options.index && times.indexedMs === undefined)) reject(new Error(`the server exited with ${code} before answering`));
      else resolve(times as ServerTimes);
    });
    child.stdout.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const headerEnd = buffered.indexOf('\r\n\r\n');
        const length = Number(/Content-Length: (\d+)/i.exec(buffered.subarray(0, headerEnd).toString())?.[1]);
        if (headerEnd < 0 || buffered.length < headerEnd + 4 + length) return;
        const message = JSON.parse(buffered.subarray(headerEnd + 4, headerEnd + 4 + length).toString()) as { id?: number; method?: string; result?: { roots?: { documentCount: number }[] } };
        buffered = buffered.subarray(headerEnd + 4 + length);
        if (message.method !== undefined) {
          if (message.id !== undefined) send({ id: message.id, result: null });
        } else if (message.id === 1 && times.initializeMs === undefined) {
          times.initializeMs = performance.now() - start;
          if (!options.index) finish();
          else {
            send({ method: 'initialized', params: {} });
            send({ id: 3, method: 'soc2Policy/coverage', params: {} });
          }
        } else if (message.id === 3) {
          times.indexedMs = performance.now() - start;
          times.documents = message.result?.roots?.reduce((sum, r) => sum + r.documentCount, 0);
          finish();
        } else if (message.id === 2) send({ method: 'exit' });
      }
    });
    const uri = pathToUri(root);
    const initializationOptions = { today: '2026-06-01', ...(options.cacheFolder ? { cacheFolder: options.cacheFolder } : {}) };
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: path.basename(root) }], capabilities: {}, initializationOptions } });
  });
}
