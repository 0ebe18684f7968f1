import { parse } from 'yaml';

/** Criterion id -> phrases a policy uses when it addresses that criterion (controls-catalog/tsc/vocabulary.yaml). */
export type Vocabulary = ReadonlyMap<string, readonly string[]>;

/** Reads the vocabulary file's text. Entries that are not lists of strings are skipped, never fatal: the engine still has the catalog text. */
export function parseVocabulary(text: string): Vocabulary {
  const data = parse(text) as { vocabulary?: Record<string, unknown> } | null;
  const entries = Object.entries(data?.vocabulary ?? {});
  return new Map(entries.flatMap(([id, phrases]) => (Array.isArray(phrases) ? [[id, phrases.filter((p): p is string => typeof p === 'string')]] : [])));
}
