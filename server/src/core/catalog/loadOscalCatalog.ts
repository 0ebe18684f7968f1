import type { Finding } from '../types';
import { LineIndex } from '../text/lineIndex';
import { parseYaml, spanForPath } from '../yaml/yamlSource';
import type { Catalog, CatalogControl, CatalogSeries } from './catalog';

interface OscalPart {
  name?: string;
  prose?: string;
  parts?: OscalPart[];
}
interface OscalControl {
  id?: string;
  title?: string;
  props?: { name?: string; value?: string }[];
  parts?: OscalPart[];
  controls?: OscalControl[];
}
interface OscalGroup {
  id?: string;
  title?: string;
  controls?: OscalControl[];
  groups?: OscalGroup[];
}

/**
 * Reads a NIST OSCAL catalog (JSON). Groups become series, controls (and their enhancements) become controls,
 * and the statement prose becomes the description. The catalog id is given by the config (OSCAL has a UUID).
 * JSON is parsed as YAML so errors keep their line and column.
 */
export function loadOscalCatalog(text: string, file: string, catalogId: string): { catalog?: Catalog; findings: Finding[] } {
  const lines = new LineIndex(text);
  const source = parseYaml(text);
  const findings: Finding[] = [];
  const report = (path: (string | number)[], message: string) => {
    const span = spanForPath(source, path);
    findings.push({ file, code: 'catalog-invalid', severity: 'error', message, span, range: lines.rangeOf(span) });
  };
  for (const error of source.errors) findings.push({ file, code: 'catalog-invalid', severity: 'error', message: `OSCAL catalog JSON error: ${error.message}`, span: error.span, range: lines.rangeOf(error.span) });
  if (source.errors.length) return { findings };
  const root = (source.data as { catalog?: { metadata?: { title?: string; version?: string }; groups?: OscalGroup[]; controls?: OscalControl[] } })?.catalog;
  if (!root || typeof root !== 'object') {
    report([], 'Not an OSCAL catalog: the top-level "catalog" object is missing.');
    return { findings };
  }
  const controls: CatalogControl[] = [];
  const series: CatalogSeries[] = [];
  const seen = new Set<string>();
  const addControl = (control: OscalControl, path: (string | number)[], group?: string) => {
    if (typeof control?.id !== 'string' || typeof control.title !== 'string') {
      report(path, 'An OSCAL control needs an "id" and a "title".');
      return;
    }
    const id = displayId(control);
    if (seen.has(id)) report([...path, 'id'], `Duplicate control id "${id}".`);
    seen.add(id);
    controls.push({ id, catalogId, title: control.title, description: statement(control.parts) || control.title, series: group, pointsOfFocus: [], mappings: {} });
    control.controls?.forEach((child, i) => addControl(child, [...path, 'controls', i], group));
  };
  const walkGroup = (group: OscalGroup, path: (string | number)[]) => {
    const id = group.id ?? group.title ?? `group-${series.length + 1}`;
    series.push({ id, title: group.title ?? id });
    group.controls?.forEach((c, i) => addControl(c, [...path, 'controls', i], id));
    group.groups?.forEach((g, i) => walkGroup(g, [...path, 'groups', i]));
  };
  root.groups?.forEach((g, i) => walkGroup(g, ['catalog', 'groups', i]));
  root.controls?.forEach((c, i) => addControl(c, ['catalog', 'controls', i]));
  if (!controls.length) {
    // Registering an empty catalog would turn every id written for it into an "unknown" finding.
    report(['catalog'], 'The OSCAL catalog has no controls.');
    return { findings };
  }
  return {
    findings,
    catalog: { id: catalogId, title: root.metadata?.title ?? catalogId, edition: root.metadata?.version, indicative: false, categories: [], series, controls, file },
  };
}

/** OSCAL ids are lower case (`ac-2.1`); its `label` prop is the form people write (`AC-2(1)`). Prefer the label. */
function displayId(control: OscalControl): string {
  const label = control.props?.find((p) => p.name === 'label')?.value;
  return label && /^[\w.()-]+$/.test(label) ? label : control.id!;
}

function statement(parts: OscalPart[] | undefined): string {
  const texts: string[] = [];
  const walk = (list: OscalPart[] | undefined) => list?.forEach((p) => {
    if (p.prose) texts.push(p.prose.trim());
    walk(p.parts);
  });
  walk(parts?.filter((p) => p.name === 'statement'));
  return texts.join(' ');
}
