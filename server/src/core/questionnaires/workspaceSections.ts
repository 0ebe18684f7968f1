import type { CatalogSet } from '../catalog/catalog';
import type { PolicyConfig } from '../config/config';
import type { PolicyDocument } from '../parse/policyDocument';
import { relativePath } from '../paths';
import { citableSections, SectionLookup } from './sections';

/** Every citable section of the workspace's policy documents, keyed by their root-relative path. */
export function workspaceSections(documents: readonly PolicyDocument[], root: string, catalogs: CatalogSet): SectionLookup {
  const criterionOf = (raw: string) => catalogs.criterionOf(raw)?.id;
  const sorted = [...documents].sort((a, b) => a.file.localeCompare(b.file));
  return new SectionLookup(sorted.flatMap((doc) => citableSections(doc, relativePath(root, doc.file), criterionOf)));
}

/** Excluded criterion -> reason, from soc2-policy.yaml: questions about them are answered `n/a`. */
export function exclusionReasons(config: PolicyConfig): Map<string, string> {
  return new Map(config.scope.exclusions.flatMap((e) => e.criteria.map((id) => [id, e.reason] as [string, string])));
}

/** What answering and checking need from an open workspace (the analyzer's documents, catalog and scope). */
export interface AnsweringContext {
  lookup: SectionLookup;
  exclusions: Map<string, string>;
}

export function answeringContext(analyzer: { documents(): PolicyDocument[]; root: string; catalogSet: CatalogSet; currentConfig: PolicyConfig }): AnsweringContext {
  return { lookup: workspaceSections(analyzer.documents(), analyzer.root, analyzer.catalogSet), exclusions: exclusionReasons(analyzer.currentConfig) };
}
