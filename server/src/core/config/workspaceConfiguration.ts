import type { Catalog } from '../catalog/catalog';
import { CatalogSet } from '../catalog/catalog';
import { loadCatalog } from '../catalog/loadCatalog';
import { loadOscalCatalog } from '../catalog/loadOscalCatalog';
import { contentHash } from '../cache/contentHash';
import { basename, isAbsolutePath, joinPath, normalizePath } from '../paths';
import { readRiskMatrix } from '../risks/loadRiskMatrix';
import { decodeUtf8, stripBom } from '../text/decode';
import { LineIndex } from '../text/lineIndex';
import type { Finding } from '../types';
import { confinement, type Placement, type Workspace } from '../workspace';
import { parseYaml, spanForPath } from '../yaml/yamlSource';
import { defaultConfig, type CatalogReference, type PolicyConfig } from './config';
import { loadConfig } from './loadConfig';

/** Everything `soc2-policy.yaml` brings in: the config, the risk matrix and custom catalogs, and their problems. */
export interface WorkspaceConfiguration {
  config: PolicyConfig;
  /** The config's text (BOM removed), when there is a readable one. */
  configText?: string;
  /** Problems of soc2-policy.yaml and the risk matrix (reported on the config). */
  configFindings: Finding[];
  /** Problems inside custom catalog files. */
  catalogFindings: Finding[];
  catalogs: CatalogSet;
  /** Each file read, with a content hash: what the warm cache's key names. */
  inputs: string[];
}

export interface ConfigurationSources {
  root: string;
  configFile: string;
  workspace: Workspace;
  builtinCatalogs: readonly Catalog[];
  /** False in an untrusted workspace: custom catalogs are not loaded. */
  customCatalogs: boolean;
  ruleCodes: ReadonlySet<string>;
}

/** Loads the configuration of a root. Never throws for bad input: problems are findings. */
export async function loadWorkspaceConfiguration(sources: ConfigurationSources): Promise<WorkspaceConfiguration> {
  const { root, configFile: file } = sources;
  const inputs: string[] = [];
  const workspace = recording(sources.workspace, inputs);
  const configFindings: Finding[] = [];
  let configText: string | undefined;
  let config: PolicyConfig;
  const bytes = await workspace.readFile(file);
  if (bytes) {
    const text = decodeUtf8(bytes);
    if (text === undefined) {
      config = { ...defaultConfig(root), file };
      configFindings.push(encodingFinding(file));
    } else {
      configText = stripBom(text);
      const loaded = loadConfig(configText, file, root, sources.ruleCodes);
      config = loaded.config;
      configFindings.push(...loaded.findings);
    }
  } else {
    config = defaultConfig(root);
  }
  // The risk matrix is part of the configuration: risks are rated against it.
  const matrix = await readRiskMatrix(config, (path) => workspace.readFile(path));
  config = matrix.config;
  configFindings.push(...matrix.findings);
  // Custom catalogs must live inside the workspace, judged by real paths (symlinks resolved).
  const custom: Catalog[] = [];
  const catalogFindings: Finding[] = [];
  const placement = confinement(workspace, root);
  const configFinding = (path: (string | number)[], message: string) => configPathFinding(file, configText, path, message);
  for (const [index, reference] of (sources.customCatalogs ? config.catalogs : []).entries()) {
    const loaded = await loadCustomCatalog(sources, workspace, reference, index, placement, configFinding);
    catalogFindings.push(...loaded.findings);
    if (loaded.catalog) custom.push(loaded.catalog);
  }
  const catalogs = new CatalogSet([...sources.builtinCatalogs, ...custom]);
  configFindings.push(...checkExclusions(config, catalogs, file, configText));
  return { config, configText, configFindings, catalogFindings, catalogs, inputs };
}

/** The workspace as the configuration reads it: each file read is named, with its content hash, in `inputs`. */
function recording(inner: Workspace, inputs: string[]): Workspace {
  return {
    readFile: async (path) => {
      const bytes = await inner.readFile(path);
      inputs.push(`${path} ${bytes ? contentHash(bytes) : 'missing'}`);
      return bytes;
    },
    listFiles: (folder) => inner.listFiles(folder),
    realPath: inner.realPath && ((path) => inner.realPath!(path)),
  };
}

/** Exclusions name whole TSC criteria; a typo would silently exclude nothing. */
function checkExclusions(config: PolicyConfig, catalogs: CatalogSet, file: string, configText: string | undefined): Finding[] {
  const lines = new LineIndex(configText ?? '');
  return config.scope.exclusions.flatMap((exclusion) =>
    exclusion.criteria.flatMap((id, i) => {
      if (catalogs.control(id)) return [];
      const point = catalogs.pointOfFocus(id);
      const suggestions = catalogs.suggestions(id).filter((s) => catalogs.control(s));
      const message = point
        ? `${id} is a point of focus; exclusions name whole criteria. Exclude ${point.parent}, or map the point of focus instead.`
        : `Exclusion "${id}" is not a TSC criterion${suggestions.length ? `. Did you mean ${suggestions.join(' or ')}?` : '.'}`;
      const span = exclusion.spans[i];
      return [{ file, code: 'config-invalid', severity: 'error' as const, message, span, range: lines.rangeOf(span), subject: id }];
    }),
  );
}

async function loadCustomCatalog(
  sources: ConfigurationSources,
  workspace: Workspace,
  reference: CatalogReference,
  index: number,
  placement: (path: string) => Promise<Placement>,
  configFinding: (path: (string | number)[], message: string) => Finding,
): Promise<{ catalog?: Catalog; findings: Finding[] }> {
  const { root } = sources;
  // An absolute path stays absolute (and is then refused unless it really is inside the root).
  const path = isAbsolutePath(reference.path) ? normalizePath(reference.path) : joinPath(root, reference.path);
  // Path problems are reported at the entry's path in soc2-policy.yaml, never on the catalog file itself.
  const refuse = (message: string, at: (string | number)[] = ['catalogs', index, 'path']) => ({ findings: [configFinding(at, message)] });
  const notFound = () => configFinding(['catalogs', index, 'path'], `Catalog "${reference.path}" was not found.`);
  // Checked before any read: a file that links outside the workspace is never opened, so its content is never echoed.
  const where = await placement(path);
  if (where === 'outside') return refuse(`Catalog "${reference.path}" is outside the workspace and was not loaded.`);
  if (where === 'missing') return { findings: [notFound()] };
  const builtinIds = new Set(sources.builtinCatalogs.map((c) => c.id));
  let loaded: { catalog?: Catalog; findings: Finding[] };
  if (/\.json$/i.test(path)) {
    const bytes = await workspace.readFile(path);
    const text = bytes ? decodeUtf8(bytes) : undefined;
    if (text === undefined) return refuse(bytes ? `Catalog "${reference.path}" is not UTF-8 text.` : `Catalog "${reference.path}" was not found.`);
    const id = reference.id ?? basename(path).replace(/\.json$/i, '').toLowerCase().replace(/[^a-z0-9-]/g, '-');
    loaded = loadOscalCatalog(stripBom(text), path, id);
  } else {
    loaded = await loadCatalog(path, (p) => workspace.readFile(p), { placement, missing: notFound });
    if (loaded.catalog && reference.id) loaded.catalog = { ...loaded.catalog, id: reference.id, controls: loaded.catalog.controls.map((c) => ({ ...c, catalogId: reference.id! })) };
  }
  if (loaded.catalog && builtinIds.has(loaded.catalog.id)) {
    return refuse(`Catalog id "${loaded.catalog.id}" is already used by a built-in catalog. Give it another id.`, ['catalogs', index]);
  }
  return loaded;
}

function configPathFinding(file: string, configText: string | undefined, path: (string | number)[], message: string): Finding {
  const text = configText ?? '';
  const span = spanForPath(parseYaml(text), path);
  return { file, code: 'config-invalid', severity: 'error', message, span, range: new LineIndex(text).rangeOf(span), subject: path.join('.') };
}

/** A file that is not UTF-8 (a config or a document): one finding at its start. */
export function encodingFinding(file: string): Finding {
  return {
    file,
    code: 'invalid-encoding',
    severity: 'error',
    message: 'This file is not UTF-8 text, so it cannot be checked. Re-save it as UTF-8 (with or without BOM).',
    span: { start: 0, end: 0 },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}
