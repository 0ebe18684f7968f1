import type { CatalogSet } from '../catalog/catalog';
import type { PolicyConfig } from '../config/config';
import type { PolicyDocument } from '../parse/policyDocument';
import { relativePath } from '../paths';
import type { CoverageModel } from '../coverage/coverageModel';
import { namesVendor } from '../vendors/carveOuts';
import { citableSections, SectionLookup, type CitableSection } from './sections';
import type { CarvedOutCriterion } from './scopeAnswers';

/**
 * Every citable section of the workspace's policy documents, keyed by their root-relative path. Vendor files are
 * citable (answers about carved-out criteria cite them) but never matched to questions: they describe the vendor.
 */
export function workspaceSections(documents: readonly PolicyDocument[], root: string, catalogs: CatalogSet, vendorDocuments: readonly PolicyDocument[] = []): SectionLookup {
  const criterionOf = (raw: string) => catalogs.criterionOf(raw)?.id;
  const sectionsOf = (docs: readonly PolicyDocument[]) => [...docs].sort((a, b) => a.file.localeCompare(b.file)).flatMap((doc) => citableSections(doc, relativePath(root, doc.file), criterionOf));
  return new SectionLookup(sectionsOf(documents), sectionsOf(vendorDocuments));
}

/** Excluded criterion -> reason, from soc2-policy.yaml: questions about them are answered `n/a`. */
export function exclusionReasons(config: PolicyConfig): Map<string, string> {
  return new Map(config.scope.exclusions.flatMap((e) => e.criteria.map((id) => [id, e.reason] as [string, string])));
}

/** What answering and checking need from an open workspace (the analyzer's documents, catalog and scope). */
export interface AnsweringContext {
  lookup: SectionLookup;
  exclusions: Map<string, string>;
  /** Criteria carved out to subservice organizations, with the vendor sections to cite. */
  carveOuts: Map<string, CarvedOutCriterion[]>;
}

interface AnsweringWorkspace {
  documents(): PolicyDocument[];
  vendorDocuments(): PolicyDocument[];
  coverage(): CoverageModel;
  root: string;
  catalogSet: CatalogSet;
  currentConfig: PolicyConfig;
}

export function answeringContext(analyzer: AnsweringWorkspace): AnsweringContext {
  const documents = analyzer.documents();
  const lookup = workspaceSections(documents, analyzer.root, analyzer.catalogSet, analyzer.vendorDocuments());
  return { lookup, exclusions: exclusionReasons(analyzer.currentConfig), carveOuts: carvedOutCriteria(analyzer, documents, lookup) };
}

/** The coverage model's carve-outs (excluded criteria stay excluded), with the sections an answer cites for each. */
function carvedOutCriteria(analyzer: AnsweringWorkspace, documents: readonly PolicyDocument[], lookup: SectionLookup): Map<string, CarvedOutCriterion[]> {
  const monitoring = analyzer.currentConfig.vendors.monitoringCriteria;
  const byCriterion = new Map<string, CarvedOutCriterion[]>();
  for (const criterion of analyzer.coverage().criteria) {
    if (!criterion.carveOuts?.length || criterion.status === 'excluded' || criterion.status === 'out-of-scope') continue;
    byCriterion.set(
      criterion.id,
      criterion.carveOuts.map((c) => {
        const vendorFile = relativePath(analyzer.root, c.file);
        const own = lookup.inDocument(vendorFile);
        const vendorSection = own.find((s) => s.statements.length && s.text.includes(criterion.id)) ?? own.find((s) => s.statements.length) ?? own[0];
        const monitors = documents.filter((d) => c.monitoredBy.includes(d.id)).flatMap((d) => lookup.inDocument(relativePath(analyzer.root, d.file)));
        const vendor = { id: c.vendorId, name: c.vendorName };
        const naming = monitors.filter((s) => s.statements.length && namesVendor(s.text, vendor));
        const monitoringSection = bestMonitoringSection(naming, monitoring) ?? bestMonitoringSection(monitors.filter((s) => s.tagged), monitoring);
        return { vendorId: c.vendorId, vendorName: c.vendorName, vendorSection, controls: c.controls, monitored: c.monitored, monitoredBy: c.monitoredBy, ...(monitoringSection ? { monitoringSection } : {}) };
      }),
    );
  }
  return byCriterion;
}

/**
 * The section to cite for our monitoring of a vendor: tagged with the first monitoring criterion of the config
 * (CC9.2, vendor management, before CC4.1, monitoring of controls in general), then mapping one at all.
 */
function bestMonitoringSection(sections: readonly CitableSection[], monitoring: readonly string[]): CitableSection | undefined {
  const rank = (s: CitableSection) => {
    const at = monitoring.findIndex((m) => s.mappedCriteria.includes(m));
    return at < 0 ? Number.MAX_SAFE_INTEGER : at * 2 + (s.tagged ? 0 : 1);
  };
  const ranked = sections.filter((s) => rank(s) < Number.MAX_SAFE_INTEGER).sort((a, b) => rank(a) - rank(b));
  return ranked[0];
}
