import { readFile } from 'node:fs/promises';
import type { CatalogSet } from '../core/catalog/catalog';
import { buildSuggestionIndex, type SuggestionIndex } from '../core/suggest/index';
import { parseVocabulary } from '../core/suggest/vocabulary';
import { findCatalogDir } from './builtins';

/** The suggestion index over the TSC catalog and controls-catalog/tsc/vocabulary.yaml (the catalog text alone if the file is missing). */
export async function loadSuggestionIndex(catalogs: CatalogSet, catalogDir = findCatalogDir()): Promise<SuggestionIndex> {
  const text = await readFile(`${catalogDir}/tsc/vocabulary.yaml`, 'utf8').catch(() => '');
  return buildSuggestionIndex(catalogs.tsc.controls, parseVocabulary(text));
}
