import type { StoredDocument } from '../parse/storedDocument';
import type { Finding } from '../types';
import type { obligationsOf } from '../evidence/obligations';

/** What analysing one document produced, kept so an unchanged document is not parsed and checked again. */
export interface CachedAnalysis {
  /** Absent for a Markdown file that is not a policy document or any other kind. */
  document?: StoredDocument;
  /** The document kind (core/kinds) and its facts; absent for policies. */
  kind?: string;
  facts?: unknown;
  /** A policy's evidence obligations, read from its front matter (reading them again would re-parse the YAML). */
  obligations?: ReturnType<typeof obligationsOf>;
  findings: Finding[];
}

/**
 * Per-document analysis results by content. `environment` names everything else a result depends on (product
 * version, configuration, catalogs, today): a store must answer nothing for another environment. Implementations
 * live outside the core (server/src/node/factsCache.ts keeps them on disk).
 */
export interface DocumentCache {
  lookup(environment: string, file: string, text: string): CachedAnalysis | undefined;
  /** `sha256`: the text's digest, when the caller has it already (worker threads compute it off the main thread). */
  store(environment: string, file: string, text: string, analysis: CachedAnalysis, sha256?: string): void;
}

/** Where the analyzer's first scan gets a file's content instead of reading it (worker threads); undefined: read it. */
export type PrefetchedRead = (file: string) => Promise<string | Uint8Array | undefined> | undefined;
