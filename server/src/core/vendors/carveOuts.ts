import type { CatalogSet } from '../catalog/catalog';
import type { PolicyDocument } from '../parse/policyDocument';
import type { VendorFacts } from './vendorFacts';

/** A criterion a subservice organization carries under the carve-out method, and whether we monitor that vendor. */
export interface CarveOut {
  vendorId: string;
  vendorName: string;
  file: string;
  /** The vendor's CSOCs that support the criterion. */
  controls: string[];
  /** True when an approved document maps a monitoring criterion (CC9.2, CC4.1) and names the vendor. */
  monitored: boolean;
  /** The documents that monitor the vendor (ids). */
  monitoredBy: string[];
}

/**
 * Carved-out criteria, by criterion id. Under the carve-out method the criterion stays in scope: the vendor's
 * controls are complementary (CSOCs) and what the auditor tests is our monitoring of the vendor, so that is what
 * decides whether the criterion counts as covered.
 */
export function carveOutsOf(vendors: Iterable<VendorFacts>, documents: readonly PolicyDocument[], monitoringCriteria: readonly string[], catalogs: CatalogSet): Map<string, CarveOut[]> {
  const byCriterion = new Map<string, CarveOut[]>();
  const carvingOut = [...vendors].filter((vendor) => vendor.method?.value === 'carve-out');
  // Most workspaces carve nothing out: then no document needs reading, on every edit.
  if (!carvingOut.length) return byCriterion;
  const monitoring = new Set(monitoringCriteria);
  const monitors = documents.filter(
    (doc) => doc.status === 'approved' && doc.mappings.some((list) => list.catalogId === 'tsc' && list.items.some((item) => monitoring.has(catalogs.criterionOf(item.raw, 'tsc')?.id ?? item.raw))),
  );
  for (const vendor of carvingOut) {
    const monitoredBy = monitors.filter((doc) => namesVendor(doc.text, vendor)).map((doc) => doc.id);
    const controlsByCriterion = new Map<string, string[]>();
    for (const csoc of vendor.csocs) {
      for (const criterion of csoc.criteria) (controlsByCriterion.get(criterion.value) ?? controlsByCriterion.set(criterion.value, []).get(criterion.value)!).push(csoc.control);
    }
    for (const [criterion, controls] of controlsByCriterion) {
      const entry: CarveOut = { vendorId: vendor.id, vendorName: vendor.name, file: vendor.file, controls, monitored: monitoredBy.length > 0, monitoredBy };
      (byCriterion.get(criterion) ?? byCriterion.set(criterion, []).get(criterion)!).push(entry);
    }
  }
  return byCriterion;
}

/** Whether a text names the vendor by its name or id, as a whole word and in any case. */
export function namesVendor(text: string, vendor: Pick<VendorFacts, 'id' | 'name'>): boolean {
  return [vendor.name, vendor.id].some((name) => name.trim().length > 1 && new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(name.trim())}($|[^\\p{L}\\p{N}])`, 'iu').test(text));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
