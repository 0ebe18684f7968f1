import type { PolicyAnalyzer } from '../core/analyzer';
import type { CoverageModel } from '../core/coverage/coverageModel';

/**
 * One analysed root (a folder holding soc2-policy.yaml, else a workspace folder) and its analyzer.
 * Work on the analyzer is queued: a config reload awaits file reads half-way, and an update or a read
 * slipping in between would see a half-loaded configuration.
 */
export class PolicyRoot {
  readonly ready: Promise<PolicyAnalyzer>;
  private tail: Promise<unknown>;
  private loaded?: PolicyAnalyzer;
  private coverageCache?: CoverageModel;
  private readonly derived = new Map<string, unknown>();

  constructor(
    /** The workspace folder the root belongs to (settings are scoped to it). */
    readonly folderUri: string,
    readonly name: string,
    /** Core path of the root. */
    readonly path: string,
    readonly uri: string,
    open: () => Promise<PolicyAnalyzer>,
  ) {
    this.ready = open().then((analyzer) => (this.loaded = analyzer));
    this.tail = this.ready.catch(() => undefined);
  }

  /** The analyzer once indexing is done. */
  get analyzer(): PolicyAnalyzer | undefined {
    return this.loaded;
  }

  /** Runs `work` after everything queued before it. */
  run<T>(work: (analyzer: PolicyAnalyzer) => T | Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.ready).then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** The analyzer once queued work is done: what readers wait for. */
  idle(): Promise<PolicyAnalyzer> {
    return this.run((analyzer) => analyzer);
  }

  /** The coverage model, built once per change (hover and code lens ask for it on every request). */
  coverage(): CoverageModel | undefined {
    if (!this.loaded) return undefined;
    this.coverageCache ??= this.loaded.coverage();
    return this.coverageCache;
  }

  /** A value derived from the analyzer under `key`, built once per change (as coverage() is). */
  memo<T>(key: string, build: (analyzer: PolicyAnalyzer) => T): T | undefined {
    if (!this.loaded) return undefined;
    if (!this.derived.has(key)) this.derived.set(key, build(this.loaded));
    return this.derived.get(key) as T;
  }

  changed(): void {
    this.coverageCache = undefined;
    this.derived.clear();
  }
}
