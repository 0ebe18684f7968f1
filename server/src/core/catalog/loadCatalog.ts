import type { ErrorObject, ValidateFunction } from 'ajv';
import { catalog as validateCatalog, part as validatePart } from '../../generated/schemaValidators';
import type { Finding } from '../types';
import { LineIndex } from '../text/lineIndex';
import { decodeUtf8, stripBom } from '../text/decode';
import { parseYaml, ajvErrorPath, spanForPath, keySpanForPath, nodeAt, spanOf, type YamlSource } from '../yaml/yamlSource';
import type { Catalog, CatalogControl, MappingNote, PointOfFocus, PointOfFocusScope, PrivacyRole } from './catalog';
import { dirname, joinPath, isInside } from '../paths';
import type { Placement } from '../workspace';

/** Reads a file's bytes; undefined when it does not exist. */
export type ReadFile = (path: string) => Promise<Uint8Array | undefined>;

export interface CatalogLoadOptions {
  /** Judges every part before it is read (see `confinement` in workspace.ts): a part not `inside` is refused unread. */
  placement?: (path: string) => Promise<Placement>;
  /** The finding for a main file that does not exist; by default one on that (missing) file. */
  missing?: () => Finding;
}

export interface CatalogLoadResult {
  catalog?: Catalog;
  findings: Finding[];
}

interface Validators {
  catalog: ValidateFunction;
  part: ValidateFunction;
}

// Compiled at build time (scripts/compile-catalog.mjs): the schemas are constants, and validators are pure functions of them.
const schemaValidators: Validators = Object.freeze({ catalog: validateCatalog, part: validatePart });
const validators = () => schemaValidators;

interface RawPoint {
  id: string;
  title: string;
  summary: string;
  appliesTo?: PointOfFocusScope[];
  roles?: PrivacyRole[];
}
type RawMapping = string | { id: string; reason: string };
interface RawMappingOverrides {
  label: string;
  changes: Record<string, Record<string, { add?: Record<string, string>; remove?: Record<string, string> }>>;
}
interface RawControl {
  id: string;
  title: string;
  description: string;
  category?: string;
  series?: string;
  coso?: number;
  pointsOfFocusCount?: number;
  pointsOfFocus?: RawPoint[];
  mappings?: Record<string, RawMapping[]>;
}
interface RawCatalog {
  id: string;
  title: string;
  edition?: string;
  source?: string;
  indicative?: boolean;
  idPattern?: string;
  categories?: { id: string; title: string; description?: string }[];
  series?: { id: string; category?: string; title: string }[];
  controls: RawControl[];
  mappingOverrides?: RawMappingOverrides;
  parts?: string[];
}

/**
 * Loads one catalog file (and its parts), validating each against its JSON Schema.
 * Problems come back as `catalog-invalid` findings with positions; nothing throws.
 * `options.placement` (or, given as a string, a root judged by path string only) refuses parts outside the workspace.
 */
export async function loadCatalog(file: string, readFile: ReadFile, options: string | CatalogLoadOptions = {}): Promise<CatalogLoadResult> {
  const { placement, missing }: CatalogLoadOptions = typeof options === 'string' ? { placement: byPathString(options) } : options;
  const findings: Finding[] = [];
  const main = await readYamlFile(file, readFile, findings, missing);
  if (!main) return { findings };
  if (!validate(validators().catalog, main, file, findings)) return { findings };
  const raw = main.source.data as RawCatalog;

  const controls: CatalogControl[] = raw.controls.map((c, index) => ({
    id: c.id,
    catalogId: raw.id,
    title: c.title,
    description: c.description,
    category: c.category,
    series: c.series,
    coso: c.coso,
    pointsOfFocusCount: c.pointsOfFocusCount,
    pointsOfFocus: (c.pointsOfFocus ?? []).map((p, i) => ({
      ...p,
      parent: c.id,
      source: locate(main, file, ['controls', index, 'pointsOfFocus', i]),
    })),
    ...mappingsOf(c, (path, message) => findings.push(finding(main, file, ['controls', index, 'mappings', ...path], message))),
    source: locate(main, file, ['controls', index]),
  }));
  const byId = new Map(controls.map((c) => [c.id, c]));
  duplicates(main, file, raw.controls.map((c) => c.id), (i) => ['controls', i, 'id'], findings);
  if (raw.mappingOverrides) applyOverrides(raw.mappingOverrides, byId, (path, message) => findings.push(finding(main, file, ['mappingOverrides', 'changes', ...path], message, true)), raw.id);

  for (const [partIndex, relative] of (raw.parts ?? []).entries()) {
    const partFile = joinPath(dirname(file), relative);
    const notFound = () => finding(main, file, ['parts', partIndex], `Catalog part "${relative}" was not found.`);
    // Judged by where the part really is (symlinks resolved), before reading: an outside file's content is never echoed.
    const where = placement ? await placement(partFile) : 'inside';
    if (where === 'outside') {
      findings.push(finding(main, file, ['parts', partIndex], `Catalog part "${relative}" is outside the workspace and was not loaded.`));
      continue;
    }
    if (where === 'missing') {
      findings.push(notFound());
      continue;
    }
    const part = await readYamlFile(partFile, readFile, findings, notFound);
    if (!part || !validate(validators().part, part, partFile, findings)) continue;
    const points = (part.source.data as { pointsOfFocus: Record<string, RawPoint[]> }).pointsOfFocus;
    for (const [controlId, list] of Object.entries(points)) {
      const control = byId.get(controlId);
      if (!control) {
        findings.push(finding(part, partFile, ['pointsOfFocus', controlId], `Points of focus for "${controlId}", which is not a control of catalog "${raw.id}".`));
        continue;
      }
      list.forEach((p, i) => {
        const point: PointOfFocus = { ...p, parent: controlId, source: locate(part, partFile, ['pointsOfFocus', controlId, i]) };
        control.pointsOfFocus.push(point);
      });
    }
  }

  let idPattern: RegExp | undefined;
  if (raw.idPattern) {
    try {
      idPattern = new RegExp(raw.idPattern);
    } catch (e) {
      findings.push(finding(main, file, ['idPattern'], `idPattern is not a valid regular expression: ${(e as Error).message}`));
    }
  }
  return {
    findings,
    catalog: {
      id: raw.id,
      title: raw.title,
      edition: raw.edition,
      source: raw.source,
      indicative: raw.indicative ?? false,
      idPattern,
      categories: raw.categories ?? [],
      series: raw.series ?? [],
      controls,
      overridesLabel: raw.mappingOverrides?.label,
      file,
    },
  };
}

type Report = (path: (string | number)[], message: string) => void;

/** A control's mapping lists as plain ids, and the reasons given with them (null-prototype records: ids are data). */
function mappingsOf(control: RawControl, report: Report): Pick<CatalogControl, 'mappings' | 'mappingNotes'> {
  const mappings: Record<string, string[]> = {};
  let notes: Record<string, Record<string, MappingNote>> | undefined;
  for (const [target, entries] of Object.entries(control.mappings ?? {})) {
    const ids: string[] = [];
    entries.forEach((entry, i) => {
      const id = typeof entry === 'string' ? entry : entry.id;
      if (ids.includes(id)) return report([target, i], `Duplicate mapping to "${id}".`);
      ids.push(id);
      if (typeof entry !== 'string') notesFor((notes ??= Object.create(null) as Record<string, Record<string, MappingNote>>), target)[id] = { reason: entry.reason, origin: 'base' };
    });
    mappings[target] = ids;
  }
  return notes ? { mappings, mappingNotes: notes } : { mappings };
}

function notesFor(notes: Record<string, Record<string, MappingNote>>, target: string): Record<string, MappingNote> {
  return Object.hasOwn(notes, target) ? notes[target] : (notes[target] = Object.create(null) as Record<string, MappingNote>);
}

/** Applies the curated override list: removals from the base lists first, then additions, each with its reason. */
function applyOverrides(overrides: RawMappingOverrides, byId: Map<string, CatalogControl>, report: Report, catalogId: string): void {
  for (const [target, perControl] of Object.entries(overrides.changes)) {
    for (const [controlId, change] of Object.entries(perControl)) {
      const control = byId.get(controlId);
      if (!control) {
        report([target, controlId], `Mapping override for "${controlId}", which is not a control of catalog "${catalogId}".`);
        continue;
      }
      const list = Object.hasOwn(control.mappings, target) ? control.mappings[target] : (control.mappings[target] = []);
      const notes = notesFor((control.mappingNotes ??= Object.create(null) as Record<string, Record<string, MappingNote>>), target);
      for (const [id, reason] of Object.entries(change.remove ?? {})) {
        const at = list.indexOf(id);
        if (at < 0) report([target, controlId, 'remove', id], `"${id}" is not in the mapping of ${controlId}, so the override cannot remove it.`);
        else {
          list.splice(at, 1);
          notes[id] = { reason, origin: 'removed' };
        }
      }
      for (const [id, reason] of Object.entries(change.add ?? {})) {
        if (list.includes(id)) report([target, controlId, 'add', id], `"${id}" is already in the mapping of ${controlId}.`);
        else {
          list.push(id);
          notes[id] = { reason, origin: 'added' };
        }
      }
    }
  }
}

function byPathString(root: string): (path: string) => Promise<Placement> {
  return async (path) => (isInside(path, root) ? 'inside' : 'outside');
}

interface LoadedYaml {
  source: YamlSource;
  lines: LineIndex;
}

async function readYamlFile(
  file: string,
  readFile: ReadFile,
  findings: Finding[],
  missing?: () => Finding,
): Promise<LoadedYaml | undefined> {
  const bytes = await readFile(file);
  if (!bytes) {
    findings.push(missing?.() ?? { file, code: 'catalog-invalid', severity: 'error', message: `Catalog file "${file}" was not found.`, range: zeroRange, span: { start: 0, end: 0 } });
    return undefined;
  }
  const decoded = decodeUtf8(bytes);
  if (decoded === undefined) {
    findings.push({ file, code: 'catalog-invalid', severity: 'error', message: 'Catalog file is not UTF-8 text.', range: zeroRange, span: { start: 0, end: 0 } });
    return undefined;
  }
  const text = stripBom(decoded);
  const loaded = { source: parseYaml(text), lines: new LineIndex(text) };
  for (const error of loaded.source.errors) {
    findings.push({ file, code: 'catalog-invalid', severity: 'error', message: `YAML error: ${error.message}`, span: error.span, range: loaded.lines.rangeOf(error.span) });
  }
  return loaded.source.errors.length ? undefined : loaded;
}

function validate(validator: ValidateFunction, loaded: LoadedYaml, file: string, findings: Finding[]): boolean {
  if (validator(loaded.source.data)) return true;
  for (const error of validator.errors ?? []) {
    findings.push(finding(loaded, file, ajvErrorPath(error), `Catalog ${describe(error)}`, error.keyword === 'additionalProperties'));
  }
  return false;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? `at ${error.instancePath}` : 'at the top level';
  if (error.keyword === 'additionalProperties') return `${where}: unknown property "${error.params.additionalProperty}".`;
  return `${where}: ${error.message}.`;
}

function duplicates(loaded: LoadedYaml, file: string, ids: string[], path: (i: number) => (string | number)[], findings: Finding[]) {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) findings.push(finding(loaded, file, path(i), `Duplicate control id "${id}".`));
    seen.add(id);
  });
}

function locate(loaded: LoadedYaml, file: string, path: (string | number)[]) {
  const span = spanOf(loaded.source, nodeAt(loaded.source, [...path, 'id'])) ?? spanForPath(loaded.source, path);
  return { file, span };
}

function finding(loaded: LoadedYaml, file: string, path: (string | number)[], message: string, atKey = false): Finding {
  const span = atKey ? keySpanForPath(loaded.source, path) : spanForPath(loaded.source, path);
  return { file, code: 'catalog-invalid', severity: 'error', message, span, range: loaded.lines.rangeOf(span) };
}

const zeroRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
