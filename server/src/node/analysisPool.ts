import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CachedAnalysis, DocumentCache, PrefetchedRead } from '../core/cache/documentCache';
import type { DateOnly } from '../core/dates';

export interface WorkerSetup {
  root: string;
  configFile?: string;
  today: DateOnly;
  customCatalogs: boolean;
  /** Whether the caller keeps a disk cache, whose key needs each text's SHA-256 (then the worker computes it). */
  hashes: boolean;
}

export interface WorkerRequest {
  files: string[];
}

export interface WorkerResult {
  file: string;
  /** The text the worker read and analysed: the main thread takes it as the file's content, so reads it no more. */
  text: string;
  /** SHA-256 of `text`, when the setup asks for it. */
  sha256?: string;
  environment: string;
  analysis: CachedAnalysis;
}

/** Below this many documents a cold start is quicker on one thread than the workers take to start. */
const PARALLEL_THRESHOLD = 300;
const BATCH = 40;

/** The bundled worker beside this bundle (server/out); absent when running from sources (tests under tsx). */
const WORKER_SCRIPT = path.join(__dirname, 'analysisWorker.js');

/**
 * Worker threads for a cold start: documents are read, parsed and checked in parallel, and reach the analyzer through
 * the DocumentCache interface, so the single-thread path is the only one that builds the workspace model. The
 * analyzer's scan runs alongside: it takes each file's text from its worker as soon as that batch is done (workers
 * take the files in the scan's order), so the main thread neither waits for the last batch nor reads a file twice.
 * `fallback` (the disk cache) answers every other lookup and stores what the workers found.
 */
export class ParallelAnalysis implements DocumentCache {
  private readonly results = new Map<string, WorkerResult>();
  /** Each worked file's text to come, until the scan asks for it; and how to settle it, until a worker has. */
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private readonly unsettled = new Map<string, (text: string | undefined) => void>();
  private delivered = 0;

  constructor(
    private readonly setup: WorkerSetup,
    private readonly fallback?: DocumentCache,
    private readonly threads = workerCount(),
  ) {}

  /**
   * Starts the workers on `files` (less those the fallback answers) when there are enough to gain from it, and returns
   * how the scan gets their texts; undefined when the scan should read everything itself.
   */
  start(files: readonly string[], answeredElsewhere: (file: string) => boolean = () => false): PrefetchedRead | undefined {
    const work = files.filter((f) => !answeredElsewhere(f));
    if (this.threads < 2 || work.length < parallelThreshold() || !existsSync(WORKER_SCRIPT)) return undefined;
    for (const file of work) {
      this.texts.set(file, new Promise<string | undefined>((resolve) => this.unsettled.set(file, resolve)));
    }
    const queue = [...work];
    // V8's default heap limits: capping a worker's old generation at 128 MB saved about 70 MB of peak RSS at 10,000
    // documents but made the cold check about 20 % slower (the collector works harder near a limit).
    const workers = Array.from({ length: Math.min(this.threads, Math.ceil(work.length / BATCH)) }, () => new Worker(WORKER_SCRIPT, { workerData: this.setup }));
    void Promise.all(workers.map((worker) => this.drain(worker, queue))).finally(() => {
      // Whatever no worker delivered (a worker failed, a file could not be read) the scan reads and analyses itself.
      for (const file of [...this.unsettled.keys()]) this.settle(file, undefined);
      void Promise.all(workers.map((worker) => worker.terminate()));
    });
    return (file) => {
      const text = this.texts.get(file);
      this.texts.delete(file);
      return text;
    };
  }

  /** How many documents the workers analysed that the scan took. */
  get analysed(): number {
    return this.delivered;
  }

  lookup(environment: string, file: string, text: string): CachedAnalysis | undefined {
    const result = this.results.get(file);
    if (result) {
      this.results.delete(file);
      // The scan normally passes the worker's own text back (the same string); anything else was read elsewhere.
      if (result.environment === environment && result.text === text) {
        this.delivered++;
        this.fallback?.store(environment, file, text, result.analysis, result.sha256);
        return result.analysis;
      }
    }
    return this.fallback?.lookup(environment, file, text);
  }

  store(environment: string, file: string, text: string, analysis: CachedAnalysis): void {
    this.fallback?.store(environment, file, text, analysis);
  }

  /** Forgets results nobody asked for (files that stopped being candidates meanwhile). */
  clear(): void {
    this.results.clear();
    this.texts.clear();
  }

  /** Feeds one worker batches until the queue is empty. A worker that fails leaves its files to the main thread. */
  private drain(worker: Worker, queue: string[]): Promise<void> {
    return new Promise((resolve) => {
      let batch: string[] = [];
      const next = () => {
        batch = queue.splice(0, BATCH);
        if (!batch.length) return resolve();
        worker.postMessage({ files: batch } satisfies WorkerRequest);
      };
      const giveBack = () => {
        for (const file of batch) this.settle(file, undefined);
        resolve();
      };
      worker.on('message', (message: unknown) => {
        if (message === 'ready') return next();
        if (Array.isArray(message)) {
          for (const result of message as WorkerResult[]) {
            this.results.set(result.file, result);
            this.settle(result.file, result.text);
          }
          for (const file of batch) this.settle(file, undefined);
          return next();
        }
        giveBack();
      });
      worker.on('error', giveBack);
      worker.on('exit', giveBack);
    });
  }

  private settle(file: string, text: string | undefined): void {
    const resolve = this.unsettled.get(file);
    this.unsettled.delete(file);
    resolve?.(text);
  }
}

/** SOC2_POLICY_WORKERS (0 or 1: one thread) and SOC2_POLICY_PARALLEL_MIN let tests and the bench choose. */
function parallelThreshold(): number {
  const configured = process.env.SOC2_POLICY_PARALLEL_MIN;
  return configured !== undefined && /^\d+$/.test(configured) ? Number(configured) : PARALLEL_THRESHOLD;
}

function workerCount(): number {
  const configured = process.env.SOC2_POLICY_WORKERS;
  if (configured !== undefined && /^\d+$/.test(configured)) return Number(configured);
  return Math.min(availableParallelism(), 4);
}
