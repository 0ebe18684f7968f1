import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { NodeWorkspace, toPosix } from './nodeWorkspace';
import { readCompiledBuiltins, serializeBuiltins } from './builtinsFormat';
import { loadCatalog } from '../core/catalog/loadCatalog';
import { loadTemplates } from '../core/templates/loadTemplates';
import { TemplateSet } from '../core/templates/templates';
import { parseVocabulary } from '../core/suggest/vocabulary';
import { parseAbbreviations } from '../core/suggest/abbreviations';
import { LineIndex } from '../core/text/lineIndex';
import type { BuiltinContent } from '../core/analyzer';
import type { Finding } from '../core/types';

/** Built-in catalog files, relative to controls-catalog/. */
export const BUILTIN_CATALOGS = ['tsc/catalog.yaml', 'iso27001/catalog.yaml'];

/** Where the build writes the compiled built-ins: beside the bundles in server/out (sources run under tsx parse the YAML). */
export const COMPILED_BUILTINS = path.join(__dirname, 'builtins.json');

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

/**
 * The built-in catalogs and templates: compiled at build time when that file is there and matches the
 * sources, else parsed from the YAML. Problems in them are bugs of ours, reported as findings.
 */
export async function loadBuiltins(catalogDir = findCatalogDir(), compiledFile = COMPILED_BUILTINS): Promise<BuiltinContent & { findings: Finding[] }> {
  const compiled = readCompiledBuiltins(compiledFile, catalogDir);
  return compiled ? { ...compiled, findings: [] } : parseBuiltins(catalogDir);
}

/** Parses the built-in YAML with source ranges and validates it, as workspace catalogs and templates are. */
export async function parseBuiltins(catalogDir = findCatalogDir()): Promise<BuiltinContent & { findings: Finding[] }> {
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
  // Read and validated once per process: questionnaire matching adds these meanings to questions.
  const abbreviationsFile = `${catalogDir}/tsc/abbreviations.yaml`;
  const abbreviationsBytes = await fs.readFile(abbreviationsFile);
  let abbreviations;
  if (abbreviationsBytes) {
    const text = new TextDecoder().decode(abbreviationsBytes);
    const parsed = parseAbbreviations(text);
    const lines = new LineIndex(text);
    for (const problem of parsed.problems) findings.push({ file: abbreviationsFile, code: 'catalog-invalid', severity: 'error', message: `Abbreviations: ${problem.message}`, span: problem.span, range: lines.rangeOf(problem.span) });
    abbreviations = parsed.abbreviations;
  }
  return { catalogs, templates: new TemplateSet(templates.templates), vocabulary, abbreviations, findings };
}

/** builtins.json's text for scripts/compile-catalog.mjs, with the problems that must stop the build. */
export async function compileBuiltins(catalogDir: string): Promise<{ json: string; findings: Finding[] }> {
  const dir = toPosix(catalogDir);
  const parsed = await parseBuiltins(dir);
  return { json: serializeBuiltins(parsed, dir), findings: parsed.findings };
}
