import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import type { CachedAnalysis, DocumentCache } from '../core/cache/documentCache';

const FORMAT = 'soc2-policy-facts/3';
export const CACHE_FOLDER = path.join('.soc2-policy', 'cache');
const CACHE_FILE = 'facts.json';

/** SHA-256 (hex) of a text: content hashes of the warm cache and of the worker threads' results. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

interface Entry {
  environment: string;
  sha256: string;
  analysis: CachedAnalysis;
}

/**
 * The file is one JSON value a line, written and read one entry at a time (a large workspace's cache is tens of
 * megabytes): this header, then `[path, entry]` lines, then `{"digest": ...}`, the SHA-256 of the entry lines, so a
 * truncated or edited cache is never read.
 */
interface Header {
  format: string;
  product: string;
  root: string;
}


/**
 * The CLI's warm start: per-document analyses in `<root>/.soc2-policy/cache/facts.json`, by workspace-relative path,
 * content SHA-256 and environment (configuration, catalogs, day). A cache written by another product build, for
 * another root, or that fails its digest is ignored and rebuilt. Only entries used or made in this run are saved,
 * so deleted documents drop out.
 */
export class FactsCache implements DocumentCache {
  private readonly next = new Map<string, Entry>();
  private stored = 0;
  private environmentText?: string;
  private environmentHash = '';

  private closed = false;

  private constructor(
    private readonly root: string,
    private readonly folder: string,
    private readonly product: string,
    private readonly previous: Map<string, Entry>,
    /** True when the folder did not exist: the caller says once where the cache is. */
    readonly created: boolean,
  ) {}

  /** `folder`: where the cache lives; by default `<root>/.soc2-policy/cache` (the CLI's). */
  static open(root: string, product: string, folder = path.join(root, CACHE_FOLDER)): FactsCache {
    let text: string | undefined;
    try {
      text = readFileSync(path.join(folder, CACHE_FILE), 'utf8');
    } catch {
      text = undefined;
    }
    let created = false;
    if (text === undefined) {
      try {
        readFileSync(path.join(folder, '.gitignore'));
      } catch {
        created = true;
      }
    }
    return new FactsCache(root, folder, product, text === undefined ? new Map() : readEntries(text, product, root), created);
  }

  lookup(environment: string, file: string, text: string): CachedAnalysis | undefined {
    if (this.closed) return undefined;
    const key = this.relative(file);
    const entry = key === undefined ? undefined : this.previous.get(key);
    if (!entry || entry.environment !== this.hashEnvironment(environment) || entry.sha256 !== sha256(text)) return undefined;
    this.next.set(key!, entry);
    return entry.analysis;
  }

  /** Whether an entry exists for the file at all (its content may still have changed). */
  knows(file: string): boolean {
    const key = this.relative(file);
    return !this.closed && key !== undefined && this.previous.has(key);
  }

  store(environment: string, file: string, text: string, analysis: CachedAnalysis, digest?: string): void {
    if (this.closed) return;
    const key = this.relative(file);
    if (key === undefined) return;
    this.next.set(key, { environment: this.hashEnvironment(environment), sha256: digest ?? sha256(text), analysis });
    this.stored++;
  }

  /** Writes the cache when this run changed it (atomically: a crash leaves the old file or the new one). */
  save(): void {
    if (this.closed || (!this.stored && this.next.size === this.previous.size)) return;
    const folder = this.folder;
    mkdirSync(folder, { recursive: true });
    // Git ignores the folder's contents, this file included, so the cache never shows up as a change.
    writeFileSync(path.join(folder, '.gitignore'), '# Written by soc2-policy: a cache of checked documents, safe to delete.\n*\n');
    const header: Header = { format: FORMAT, product: this.product, root: path.resolve(this.root) };
    const temporary = path.join(folder, `${CACHE_FILE}.${process.pid}.tmp`);
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, `${JSON.stringify(header)}\n`);
      const digest = createHash('sha256');
      for (const pair of this.next) {
        const line = `${JSON.stringify(pair)}\n`;
        digest.update(line);
        writeSync(fd, line);
      }
      writeSync(fd, `${JSON.stringify({ digest: digest.digest('hex') })}\n`);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path.join(folder, CACHE_FILE));
  }

  /** Saves, then lets go of every entry: a long-running server checks later edits fresh. */
  saveAndClose(): void {
    try {
      this.save();
    } finally {
      this.closed = true;
      this.previous.clear();
      this.next.clear();
    }
  }

  get size(): { reused: number; stored: number } {
    return { reused: this.next.size - this.stored, stored: this.stored };
  }

  private relative(file: string): string | undefined {
    const relative = path.relative(this.root, file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.split(path.sep).join('/');
  }

  private hashEnvironment(environment: string): string {
    if (environment !== this.environmentText) {
      this.environmentText = environment;
      this.environmentHash = sha256(`${this.product}\n${environment}`);
    }
    return this.environmentHash;
  }
}

/** The entries of a cache file this build wrote for this root, or none. Never throws. */
function readEntries(text: string, product: string, root: string): Map<string, Entry> {
  const first = text.indexOf('\n');
  const last = text.lastIndexOf('\n', text.length - 2);
  if (first < 0 || last < first || !text.endsWith('\n')) return new Map();
  try {
    const header = JSON.parse(text.slice(0, first)) as Partial<Header>;
    if (header.format !== FORMAT || header.product !== product || header.root !== path.resolve(root)) return new Map();
    const payload = text.slice(first + 1, last + 1);
    const { digest } = JSON.parse(text.slice(last + 1)) as { digest?: unknown };
    if (digest !== sha256(payload)) return new Map();
    const entries = new Map<string, Entry>();
    for (const line of payload.split('\n')) {
      if (!line) continue;
      const pair = JSON.parse(line) as unknown;
      if (Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && isEntry(pair[1])) entries.set(pair[0], pair[1]);
    }
    return entries;
  } catch {
    return new Map();
  }
}

function isEntry(value: unknown): value is Entry {
  const entry = value as Entry;
  if (!entry || typeof entry !== 'object' || typeof entry.environment !== 'string' || typeof entry.sha256 !== 'string') return false;
  const analysis = entry.analysis;
  if (!analysis || typeof analysis !== 'object' || !Array.isArray(analysis.findings)) return false;
  const doc = analysis.document;
  return doc === undefined || (typeof doc === 'object' && typeof doc.id === 'string' && Array.isArray(doc.mappings) && typeof doc.body === 'object' && doc.body !== null);
}

/** Names the running build: its version and the bundle's own bytes, so a rebuilt CLI never reads an older cache. */
export function productFingerprint(version: string, script: string | undefined): string {
  try {
    return `${version}+${script ? sha256(readFileSync(script, 'utf8')).slice(0, 16) : 'unknown'}`;
  } catch {
    return `${version}+unknown`;
  }
}

/** The server's cache folder for one root, under the client's storage: one folder per root path. */
export function cacheFolderFor(base: string, root: string): string {
  return path.join(base, sha256(path.resolve(root)).slice(0, 16));
}
