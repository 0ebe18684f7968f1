import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CachedAnalysis, DocumentCache } from '../core/cache/documentCache';
import type { DateOnly } from '../core/dates';
import { sha256 } from './factsCache';

export interface WorkerSetup {
  root: string;
  configFile?: string;
  today: DateOnly;
  customCatalogs: boolean;
}

export interface WorkerRequest {
  files: string[];
}

export interface WorkerResult {
  file: string;
  /** SHA-256 of the text the worker analysed. */
  sha256: string;
  environment: string;
  analysis: CachedAnalysis;
}

/** Below this many documents a cold start is quicker on one thread than the workers take to start. */
const PARALLEL_THRESHOLD = 300;
const BATCH = 40;

/** The bundled worker beside this bundle (server/out); absent when running from sources (tests under tsx). */
const WORKER_SCRIPT = path.join(__dirname, 'analysisWorker.js');

/**
 * Worker threads for a cold start: documents are parsed and checked in parallel, and the results reach the analyzer
 * through the DocumentCache interface, so the single-thread path is the only one that builds the workspace model.
 * Used as a cache that knows only this run's documents; `fallback` (the disk cache) answers the rest.
 */
export class ParallelAnalysis implements DocumentCache {
  private readonly results = new Map<string, WorkerResult>();

  constructor(
    private readonly setup: WorkerSetup,
    private readonly fallback?: DocumentCache,
    private readonly threads = workerCount(),
  ) {}

  /** Analyses `files` (those the fallback cannot answer) on worker threads, when there are enough to gain from it. */
  async prefetch(files: readonly string[], answeredElsewhere: (file: string) => boolean = () => false, onProgress?: (done: number, total: number) => void): Promise<number> {
    const work = files.filter((f) => !answeredElsewhere(f));
    if (this.threads < 2 || work.length < parallelThreshold() || !existsSync(WORKER_SCRIPT)) return 0;
    const queue = [...work];
    const workers = Array.from({ length: Math.min(this.threads, Math.ceil(work.length / BATCH)) }, () => new Worker(WORKER_SCRIPT, { workerData: this.setup }));
    try {
      await Promise.all(workers.map((worker) => this.drain(worker, queue, () => onProgress?.(this.results.size, work.length))));
    } finally {
      await Promise.all(workers.map((worker) => worker.terminate()));
    }
    return this.results.size;
  }

  lookup(environment: string, file: string, text: string): CachedAnalysis | undefined {
    const result = this.results.get(file);
    if (result) {
      this.results.delete(file);
      // The worker read the file a moment ago: if it changed since, or the environment differs, analyse it here.
      if (result.environment === environment && sha256(text) === result.sha256) {
        this.fallback?.store(environment, file, text, result.analysis);
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
  }

  /** Feeds one worker batches until the queue is empty. A worker that fails leaves its files to the main thread. */
  private drain(worker: Worker, queue: string[], progressed: () => void): Promise<void> {
    return new Promise((resolve) => {
      const next = () => {
        const files = queue.splice(0, BATCH);
        if (!files.length) return resolve();
        worker.postMessage({ files } satisfies WorkerRequest);
      };
      worker.on('message', (message: unknown) => {
        if (message === 'ready') return next();
        if (Array.isArray(message)) {
          for (const result of message as WorkerResult[]) this.results.set(result.file, result);
          progressed();
          return next();
        }
        resolve();
      });
      worker.on('error', () => resolve());
      worker.on('exit', () => resolve());
    });
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

