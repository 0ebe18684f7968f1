import type { CatalogSet } from '../catalog/catalog';
import type { PolicyDocument } from '../parse/policyDocument';
import type { CoverageModel } from './coverageModel';

/** How the workspace touches one control of another catalog (ISO 27001, a custom catalog). */
export interface FrameworkControlCoverage {
  id: string;
  title: string;
  /** Documents mapping the control itself under `frameworks: {<catalog>: [...]}`. */
  direct: string[];
  /** TSC criteria this control maps to that the workspace covers (approved documents). */
  viaTsc: string[];
  touched: boolean;
}

export interface FrameworkCoverage {
  catalogId: string;
  title: string;
  /** True when the mapping has no official source (shown as "indicative"). */
  indicative: boolean;
  /** Label of the catalog's curated override list, when its mapping has one. */
  curated?: string;
  controls: FrameworkControlCoverage[];
  touched: number;
  total: number;
}

/** A lens over another catalog: direct mappings plus what the TSC coverage implies through the catalog's mappings. */
export function frameworkCoverage(catalogId: string, catalogs: CatalogSet, documents: readonly PolicyDocument[], tsc: CoverageModel): FrameworkCoverage | undefined {
  const catalog = catalogs.get(catalogId);
  if (!catalog) return undefined;
  const coveredTsc = new Set(tsc.criteria.filter((c) => c.status === 'covered').map((c) => c.id));
  const direct = new Map<string, Set<string>>();
  for (const doc of documents) {
    if (doc.status === 'retired') continue;
    for (const list of doc.mappings) {
      if (list.catalogId !== catalogId) continue;
      for (const item of list.items) {
        const control = catalogs.criterionOf(item.raw, catalogId);
        if (control) direct.set(control.id, (direct.get(control.id) ?? new Set()).add(doc.id));
      }
    }
  }
  const controls = catalog.controls.map((control) => {
    const viaTsc = (control.mappings.tsc ?? []).filter((id) => coveredTsc.has(id));
    const byDoc = [...(direct.get(control.id) ?? [])].sort();
    return { id: control.id, title: control.title, direct: byDoc, viaTsc, touched: byDoc.length > 0 || viaTsc.length > 0 };
  });
  return { catalogId, title: catalog.title, indicative: catalog.indicative, curated: catalog.overridesLabel, controls, touched: controls.filter((c) => c.touched).length, total: controls.length };
}
