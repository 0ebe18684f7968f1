import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { BuiltinContent } from '../core/analyzer';
import type { Catalog, CatalogControl, MappingNote, SourceLocation } from '../core/catalog/catalog';
import { TemplateSet, type PolicyTemplate } from '../core/templates/templates';
import type { AbbreviationEntry } from '../core/suggest/abbreviations';

/**
 * builtins.json: the built-in catalogs, templates and vocabulary as the loaders produce them, written at
 * build time (scripts/compile-catalog.mjs) so start-up reads JSON instead of parsing YAML with ranges.
 * File paths are stored relative to controls-catalog/, which is somewhere else once installed.
 */
interface CompiledBuiltins {
  format: typeof FORMAT;
  /** Of every file under the folders the built-ins come from: a file edited after the build is not served stale. */
  fingerprint: string;
  catalogs: StoredCatalog[];
  templates: PolicyTemplate[];
  vocabulary?: [string, readonly string[]][];
  /** Questionnaire abbreviations by first word (controls-catalog/tsc/abbreviations.yaml), as parsed and validated. */
  abbreviations?: [string, readonly AbbreviationEntry[]][];
}

type StoredCatalog = Omit<Catalog, 'idPattern'> & { idPattern?: { source: string; flags: string } };

/** Bump when the stored shape changes: an older file is then ignored. */
const FORMAT = 2;

/** The controls-catalog/ folders the built-ins are read from (catalogs with their parts, templates, vocabulary, schemas). */
const SOURCE_FOLDERS = ['tsc', 'iso27001', 'templates', 'schema'];

export function serializeBuiltins(builtins: BuiltinContent, catalogDir: string): string {
  const relative = relativeTo(catalogDir);
  const compiled: CompiledBuiltins = {
    format: FORMAT,
    fingerprint: sourceFingerprint(catalogDir),
    catalogs: builtins.catalogs.map((catalog) => rebaseCatalog(catalog, relative)),
    templates: builtins.templates.templates.map((template) => ({ ...template, file: template.file && relative(template.file) })),
    vocabulary: builtins.vocabulary && [...builtins.vocabulary],
    abbreviations: builtins.abbreviations && [...builtins.abbreviations.byFirstWord],
  };
  return `${JSON.stringify(compiled)}\n`;
}

/** The compiled built-ins, or undefined when the file is missing, unreadable, of another format or older than the sources. */
export function readCompiledBuiltins(compiledFile: string, catalogDir: string): BuiltinContent | undefined {
  let compiled: CompiledBuiltins;
  try {
    compiled = JSON.parse(readFileSync(compiledFile, 'utf8')) as CompiledBuiltins;
  } catch {
    return undefined;
  }
  if (compiled?.format !== FORMAT || compiled.fingerprint !== sourceFingerprint(catalogDir)) return undefined;
  const absolute = (file: string) => `${catalogDir}/${file}`;
  return {
    catalogs: compiled.catalogs.map((catalog) => reviveCatalog(catalog, absolute)),
    templates: new TemplateSet(compiled.templates.map((template) => ({ ...template, file: template.file && absolute(template.file) }))),
    vocabulary: compiled.vocabulary && new Map(compiled.vocabulary),
    abbreviations: compiled.abbreviations && { byFirstWord: new Map(compiled.abbreviations) },
  };
}

/** A hash of the relative path and bytes of every file the built-ins may come from. */
export function sourceFingerprint(catalogDir: string): string {
  const hash = createHash('sha256');
  for (const folder of SOURCE_FOLDERS) {
    let files: string[];
    try {
      files = (readdirSync(`${catalogDir}/${folder}`, { recursive: true }) as string[]).map((f) => f.replace(/\\/g, '/')).sort();
    } catch {
      continue;
    }
    for (const file of files) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(`${catalogDir}/${folder}/${file}`);
      } catch {
        continue; // a folder
      }
      hash.update(`${folder}/${file}\0${bytes.length}\0`).update(bytes);
    }
  }
  return hash.digest('hex');
}

function relativeTo(catalogDir: string): (file: string) => string {
  const prefix = `${catalogDir}/`;
  return (file) => {
    if (!file.startsWith(prefix)) throw new Error(`built-in file ${file} is not under ${catalogDir}`);
    return file.slice(prefix.length);
  };
}

function rebaseCatalog(catalog: Catalog, relative: (file: string) => string): StoredCatalog {
  const { idPattern, ...rest } = catalog;
  return {
    ...rest,
    idPattern: idPattern && { source: idPattern.source, flags: idPattern.flags },
    file: catalog.file && relative(catalog.file),
    controls: catalog.controls.map((control) => rebaseControl(control, relative)),
  };
}

function reviveCatalog(stored: StoredCatalog, absolute: (file: string) => string): Catalog {
  const { idPattern, ...rest } = stored;
  return {
    ...rest,
    idPattern: idPattern && new RegExp(idPattern.source, idPattern.flags),
    file: stored.file && absolute(stored.file),
    controls: stored.controls.map((control) => ({
      ...rebaseControl(control, absolute),
      // The loader builds these without a prototype (ids are data); JSON.parse gives plain objects.
      mappingNotes: control.mappingNotes && withoutPrototype(control.mappingNotes, (notes) => withoutPrototype(notes, (note: MappingNote) => note)),
    })),
  };
}

function rebaseControl(control: CatalogControl, rebase: (file: string) => string): CatalogControl {
  return {
    ...control,
    pointsOfFocus: control.pointsOfFocus.map((point) => ({ ...point, source: rebaseSource(point.source, rebase) })),
    source: rebaseSource(control.source, rebase),
  };
}

function rebaseSource(source: SourceLocation | undefined, rebase: (file: string) => string): SourceLocation | undefined {
  return source && { ...source, file: rebase(source.file) };
}

function withoutPrototype<T, U>(record: Record<string, T>, map: (value: T) => U): Record<string, U> {
  const result = Object.create(null) as Record<string, U>;
  for (const [key, value] of Object.entries(record)) result[key] = map(value);
  return result;
}
