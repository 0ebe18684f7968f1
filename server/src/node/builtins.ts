import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { NodeWorkspace, toPosix } from './nodeWorkspace';
import { loadCatalog } from '../core/catalog/loadCatalog';
import { loadTemplates } from '../core/templates/loadTemplates';
import { TemplateSet } from '../core/templates/templates';
import { parseVocabulary } from '../core/suggest/vocabulary';
import type { BuiltinContent } from '../core/analyzer';
import type { Finding } from '../core/types';

/** Built-in catalog files, relative to controls-catalog/. */
export const BUILTIN_CATALOGS = ['tsc/catalog.yaml', 'iso27001/catalog.yaml'];

/** Finds controls-catalog/ above this module: the bundle lives in server/out, sources in server/src/... */
export function findCatalogDir(start = __dirname): string {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'controls-catalog');
    if (existsSync(path.join(candidate, 'tsc', 'catalog.yaml'))) return toPosix(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`controls-catalog/ not found above ${start}`);
    dir = parent;
  }
}

/** Loads the built-in catalogs and templates. Problems in them are bugs of ours, reported as findings. */
export async function loadBuiltins(catalogDir = findCatalogDir()): Promise<BuiltinContent & { findings: Finding[] }> {
  const fs = new NodeWorkspace();
  const findings: Finding[] = [];
  const catalogs = [];
  for (const relative of BUILTIN_CATALOGS) {
    const loaded = await loadCatalog(`${catalogDir}/${relative}`, (p) => fs.readFile(p));
    findings.push(...loaded.findings);
    if (loaded.catalog) catalogs.push(loaded.catalog);
  }
  const templateFiles = await fs.listFiles(`${catalogDir}/templates`);
  const templates = await loadTemplates(templateFiles, (p) => fs.readFile(p));
  findings.push(...templates.findings);
  // The suggestion engine's phrases; without the file it still has the catalog text.
  const vocabularyBytes = await fs.readFile(`${catalogDir}/tsc/vocabulary.yaml`);
  const vocabulary = vocabularyBytes ? parseVocabulary(new TextDecoder().decode(vocabularyBytes)) : undefined;
  return { catalogs, templates: new TemplateSet(templates.templates), vocabulary, findings };
}
