import type { CatalogSet } from '../catalog/catalog';
import { pointOfFocusApplies, TSC_CATEGORIES } from '../catalog/catalog';
import type { CoverageIndex, Contribution } from './coverageIndex';
import type { CarveOut } from '../vendors/carveOuts';
import type { EvidencePlan } from '../evidence/plan';
import { operatingCoverage, type CriterionOperating, type OperatingSummary } from './operating';

export type CoverageStatus = 'covered' | 'carved-out' | 'draft-only' | 'uncovered' | 'excluded' | 'out-of-scope';

/** What identifies a criterion and its status; the JSON and wire shapes add their own document lists. */
export type CriterionStatusFields = Pick<CriterionCoverage, 'id' | 'title' | 'category' | 'series' | 'status' | 'reason' | 'vendors' | 'operating'>;

export interface CriterionCoverage {
  id: string;
  title: string;
  category: string;
  series: string;
  status: CoverageStatus;
  /** Why it is excluded, from soc2-policy.yaml. */
  reason?: string;
  /** Subservice organizations that carry the criterion under the carve-out method (vendor ids). */
  vendors?: string[];
  /** Their complementary controls (CSOCs) for this criterion, listed beside our own mappings. */
  carveOuts?: CarveOut[];
  /** Type II only (undefined otherwise, and for excluded or out-of-scope criteria): evidence so far, beside designed `status`. */
  operating?: CriterionOperating;
  documents: Contribution[];
  /**
   * Point-of-focus depth: which points of focus documents name explicitly (e.g. `CC6.1.3`). Only those that
   * apply: a point of focus limited to a category out of scope (`appliesTo`) is left out.
   */
  pointsOfFocus: PointOfFocusCoverage[];
}

export interface PointOfFocusCoverage {
  id: string;
  title: string;
  /** Ids of the documents that map this point of focus itself (not only its criterion). */
  documents: string[];
}

export interface CategorySummary extends OverallSummary {
  id: string;
  title: string;
  inScope: boolean;
  total: number;
}

export interface OverallSummary {
  /** In scope and not excluded: the denominator of the percentage. */
  applicable: number;
  covered: number;
  /** Carved out to a monitored vendor; already counted in `covered`. */
  carvedOut?: number;
  draftOnly: number;
  uncovered: number;
  excluded: number;
  percent: number;
}

export interface CoverageModel {
  criteria: CriterionCoverage[];
  summary: {
    categories: CategorySummary[];
    overall: OverallSummary;
    /** Type II only: the applicable criteria by operating status. */
    operating?: OperatingSummary;
  };
}

export interface ScopeView {
  scopeCategories: ReadonlySet<string>;
  exclusions: ReadonlyMap<string, string>;
  /** Carved-out criteria (vendors/), computed on first call. */
  carveOuts?(): ReadonlyMap<string, readonly CarveOut[]>;
  /** The evidence calendar of a Type II audit (undefined otherwise), computed on first call. */
  evidencePlan?(): EvidencePlan | undefined;
}

/** The status of one criterion. Covered needs an approved document; drafts and reviews in progress are draft-only. */
export function criterionStatus(id: string, category: string, index: CoverageIndex, scope: ScopeView): { status: CoverageStatus; reason?: string; vendors?: string[]; carveOuts?: CarveOut[] } {
  if (!scope.scopeCategories.has(category)) return { status: 'out-of-scope' };
  const reason = scope.exclusions.get(id);
  if (reason !== undefined) return { status: 'excluded', reason };
  const carveOuts = scope.carveOuts?.().get(id) ?? [];
  const vendors = carveOuts.length ? { vendors: carveOuts.map((c) => c.vendorId), carveOuts: [...carveOuts] } : {};
  // Carved out counts as covered only when we monitor the vendor: that monitoring is what the auditor tests.
  if (carveOuts.some((c) => c.monitored)) return { status: 'carved-out', ...vendors };
  const documents = index.contributions(id);
  if (documents.some((d) => d.status === 'approved')) return { status: 'covered', ...vendors };
  if (documents.length) return { status: 'draft-only', ...vendors };
  return { status: 'uncovered', ...vendors };
}

export function buildCoverageModel(catalogs: CatalogSet, index: CoverageIndex, scope: ScopeView): CoverageModel {
  const tsc = catalogs.tsc;
  const criteria: CriterionCoverage[] = tsc.controls.map((control) => ({
    id: control.id,
    title: control.title,
    category: control.category ?? 'security',
    series: control.series ?? '',
    ...criterionStatus(control.id, control.category ?? 'security', index, scope),
    // A copy: the index keeps its sorted list for the next build.
    documents: [...index.contributions(control.id)],
    pointsOfFocus: control.pointsOfFocus.filter((point) => pointOfFocusApplies(point, scope.scopeCategories)).map((point) => ({
      id: point.id,
      title: point.title,
      documents: index.contributions(control.id).filter((d) => d.locations.some((l) => l.mappedId === point.id)).map((d) => d.docId),
    })),
  }));
  const applicable = criteria.filter((c) => c.status !== 'excluded' && c.status !== 'out-of-scope').map((c) => c.id);
  const operating = operatingCoverage(scope.evidencePlan?.(), applicable, (written) => catalogs.criterionOf(written)?.id);
  for (const criterion of criteria) {
    const facts = operating?.byCriterion.get(criterion.id);
    if (facts) criterion.operating = facts;
  }
  const categories = TSC_CATEGORIES.map((id) => {
    const inCategory = criteria.filter((c) => c.category === id);
    const count = (status: CoverageStatus) => inCategory.filter((c) => c.status === status).length;
    const carvedOut = count('carved-out');
    const covered = count('covered') + carvedOut;
    const applicable = inCategory.length - count('excluded') - count('out-of-scope');
    return {
      id,
      title: tsc.categories.find((c) => c.id === id)?.title ?? id,
      inScope: scope.scopeCategories.has(id),
      total: inCategory.length,
      applicable,
      covered,
      carvedOut,
      draftOnly: count('draft-only'),
      uncovered: count('uncovered'),
      excluded: count('excluded'),
      percent: percent(covered, applicable),
    };
  });
  const inScope = categories.filter((c) => c.inScope);
  const sum = (key: 'applicable' | 'covered' | 'carvedOut' | 'draftOnly' | 'uncovered' | 'excluded') => inScope.reduce((n, c) => n + (c[key] ?? 0), 0);
  return {
    criteria,
    summary: {
      categories,
      overall: { applicable: sum('applicable'), covered: sum('covered'), carvedOut: sum('carvedOut'), draftOnly: sum('draftOnly'), uncovered: sum('uncovered'), excluded: sum('excluded'), percent: percent(sum('covered'), sum('applicable')) },
      // Left out without a Type II audit, so Type I and unaudited workspaces see exactly what they saw before.
      ...(operating ? { operating: operating.summary } : {}),
    },
  };
}

/** One decimal place, as reports show it. */
function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}
