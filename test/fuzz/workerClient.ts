/** The main thread's side of coreWorker.ts: one request at a time, a hard timeout, a fresh worker after a kill. */
import { Worker } from 'node:worker_threads';
import * as path from 'node:path';
import type { WorkerRequest } from './coreWorker';

/** `partial`: what a killed or crashed case had reported before. */
type Answer<T> = { ok: true; result: T } | { ok: false; timedOut: boolean; error: string; partial?: T };

// Workers only run .js files: a one-line bootstrap registers tsx, then loads the TypeScript worker. Node's
// warnings (the yaml library warns about odd keys on every hostile input) would bury the progress output.
const BOOTSTRAP = `process.removeAllListeners('warning'); require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(path.join(__dirname, 'coreWorker.ts'))});`;

type Request = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

export class WorkerClient {
  private worker?: Worker;
  private nextId = 0;
  private pending?: { id: number; worker: Worker; partial?: unknown; settle: (answer: Answer<unknown>) => void };

  private spawn(): Worker {
    // A worker's stack is 4 MB by default, the CLI's and the server's about 1 MB: the same depth must overflow here too.
    const worker = new Worker(BOOTSTRAP, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 4096, stackSizeMb: 1 }, stdout: false, stderr: false });
    worker.on('message', (message: { id: number; result?: unknown; partial?: unknown; error?: string }) => {
      if (this.pending?.id !== message.id) return;
      if ('partial' in message) {
        this.pending.partial = message.partial;
        return;
      }
      this.pending.settle(message.error === undefined ? { ok: true, result: message.result } : { ok: false, timedOut: false, error: message.error });
    });
    const died = (error: string) => {
      if (this.worker === worker) this.worker = undefined;
      if (this.pending?.worker === worker) this.pending.settle({ ok: false, timedOut: false, error, partial: this.pending.partial });
    };
    worker.on('error', (error) => died(`worker crashed: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => died(`worker exited with code ${code}`));
    worker.unref();
    return worker;
  }

  call<T>(request: Request, timeoutMs: number): Promise<Answer<T>> {
    const worker = (this.worker ??= this.spawn());
    const id = ++this.nextId;
    return new Promise<Answer<T>>((resolve) => {
      const timer = setTimeout(() => {
        // A case that never returns: kill the worker; the next call starts a fresh one.
        this.worker = undefined;
        void worker.terminate();
        settle({ ok: false, timedOut: true, error: `no answer within ${timeoutMs} ms`, partial: this.pending?.id === id ? this.pending.partial : undefined });
      }, timeoutMs);
      const settle = (answer: Answer<unknown>) => {
        clearTimeout(timer);
        if (this.pending?.id === id) this.pending = undefined;
        resolve(answer as Answer<T>);
      };
      this.pending = { id, worker, settle };
      worker.postMessage({ ...request, id });
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}
