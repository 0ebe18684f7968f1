import type { PolicyDocument } from '../parse/policyDocument';
import type { CatalogSet } from '../catalog/catalog';

/** The TSC ids (criteria and points of focus) a document maps in its front matter, exactly as the catalog spells them. */
export function frontMatterTscIds(doc: PolicyDocument, catalogs: CatalogSet): Set<string> {
  const ids = new Set<string>();
  for (const list of doc.mappings) {
    if (list.catalogId !== 'tsc') continue;
    for (const item of list.items) if (catalogs.isKnown(item.raw)) ids.add(item.raw);
  }
  return ids;
}

/** Whether a front-matter mapping covers an id: the id itself, or for a criterion, any of its points of focus mapped. */
export function isMapped(id: string, mapped: ReadonlySet<string>, catalogs: CatalogSet): boolean {
  if (mapped.has(id)) return true;
  const point = catalogs.pointOfFocus(id);
  return point ? mapped.has(point.parent) : false;
}
