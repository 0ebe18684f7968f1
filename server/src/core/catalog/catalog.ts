import type { Span } from '../types';

/** Where a catalog entry is defined, for go-to-definition. */
export interface SourceLocation {
  file: string;
  span: Span;
}

/**
 * What a point of focus is limited to: a category (AICPA marks some common-criteria points of focus as
 * privacy-, confidentiality- or availability-only) or `system-level` (an examination of a system, as every
 * SOC 2 examination is).
 */
export type PointOfFocusScope = 'privacy' | 'confidentiality' | 'availability' | 'system-level';
/** Whose duty a privacy point of focus describes: the company as data controller, as processor, or both. */
export type PrivacyRole = 'controller' | 'processor';

export interface PointOfFocus {
  id: string;
  title: string;
  summary: string;
  parent: string;
  /** Omitted: it always applies. */
  appliesTo?: PointOfFocusScope[];
  /** Privacy points of focus only. */
  roles?: PrivacyRole[];
  source?: SourceLocation;
}

/**
 * Whether a point of focus applies with these categories in scope: it does unless it is limited to
 * categories none of which is in scope (`system-level` always holds for a SOC 2 examination).
 */
export function pointOfFocusApplies(point: Pick<PointOfFocus, 'appliesTo'>, scopeCategories: ReadonlySet<string>): boolean {
  const categories = (point.appliesTo ?? []).filter((scope) => scope !== 'system-level');
  return categories.length === 0 || categories.some((category) => scopeCategories.has(category));
}

/** Why a control maps to an id of another catalog, and where the entry comes from. */
export interface MappingNote {
  /** One line in our words. */
  reason?: string;
  /**
   * `base`: in the control's own `mappings`; `added`: added by the catalog's curated override list;
   * `removed`: in the base list but taken out by the override list (so absent from `mappings`).
   */
  origin: 'base' | 'added' | 'removed';
}

export interface CatalogControl {
  id: string;
  catalogId: string;
  title: string;
  description: string;
  category?: string;
  series?: string;
  coso?: number;
  pointsOfFocusCount?: number;
  pointsOfFocus: PointOfFocus[];
  mappings: Record<string, string[]>;
  /** Per target catalog and id: the reason for each mapping, and the curated removals. Absent when the catalog gives none. */
  mappingNotes?: Record<string, Record<string, MappingNote>>;
  source?: SourceLocation;
}

export interface CatalogCategory {
  id: string;
  title: string;
  description?: string;
}

export interface CatalogSeries {
  id: string;
  category?: string;
  title: string;
}

export interface Catalog {
  id: string;
  title: string;
  edition?: string;
  source?: string;
  indicative: boolean;
  idPattern?: RegExp;
  categories: CatalogCategory[];
  series: CatalogSeries[];
  controls: CatalogControl[];
  /** Label of the curated override list that changed some mappings (see `MappingNote`). */
  overridesLabel?: string;
  file?: string;
}

/** The TSC category ids, in the order reports show them. Security is always in scope. */
export const TSC_CATEGORIES = ['security', 'availability', 'confidentiality', 'processing-integrity', 'privacy'] as const;
export type TscCategory = (typeof TSC_CATEGORIES)[number];

/** Anything that looks like a TSC criterion or point-of-focus id, used to scan prose. */
export const TSC_ID_SHAPE = /\b(?:CC|PI|A|C|P)[0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{1,2})?\b/g;

/** Several catalogs, indexed for id lookups. */
export class CatalogSet {
  private readonly byCatalog = new Map<string, Catalog>();
  private readonly controls = new Map<string, Map<string, CatalogControl>>();
  private readonly points = new Map<string, Map<string, PointOfFocus>>();
  /** Catalogs that map into a catalog: targetCatalog -> targetId -> [sourceCatalog:id]. */
  private readonly reverse = new Map<string, Map<string, { catalogId: string; id: string }[]>>();
  private readonly suggestionCache = new Map<string, string[]>();
  private readonly nearIdIndexes = new Map<string, NearIdIndex>();

  constructor(readonly catalogs: Catalog[]) {
    for (const catalog of catalogs) {
      this.byCatalog.set(catalog.id, catalog);
      const controls = new Map<string, CatalogControl>();
      const points = new Map<string, PointOfFocus>();
      for (const control of catalog.controls) {
        controls.set(control.id, control);
        for (const point of control.pointsOfFocus) points.set(point.id, point);
      }
      this.controls.set(catalog.id, controls);
      this.points.set(catalog.id, points);
    }
    for (const catalog of catalogs) {
      for (const control of catalog.controls) {
        for (const [target, ids] of Object.entries(control.mappings)) {
          const perTarget = this.reverse.get(target) ?? new Map();
          this.reverse.set(target, perTarget);
          for (const id of ids) {
            const list = perTarget.get(id) ?? [];
            list.push({ catalogId: catalog.id, id: control.id });
            perTarget.set(id, list);
          }
        }
      }
    }
  }

  get(catalogId: string): Catalog | undefined {
    return this.byCatalog.get(catalogId);
  }

  get tsc(): Catalog {
    const tsc = this.byCatalog.get('tsc');
    if (!tsc) throw new Error('The TSC catalog is not loaded');
    return tsc;
  }

  control(id: string, catalogId = 'tsc'): CatalogControl | undefined {
    return this.controls.get(catalogId)?.get(id);
  }

  pointOfFocus(id: string, catalogId = 'tsc'): PointOfFocus | undefined {
    return this.points.get(catalogId)?.get(id);
  }

  /** The criterion an id stands for: itself, or the parent of a point of focus. */
  criterionOf(id: string, catalogId = 'tsc'): CatalogControl | undefined {
    const control = this.control(id, catalogId);
    if (control) return control;
    const point = this.pointOfFocus(id, catalogId);
    return point ? this.control(point.parent, catalogId) : undefined;
  }

  isKnown(id: string, catalogId = 'tsc'): boolean {
    return this.control(id, catalogId) !== undefined || this.pointOfFocus(id, catalogId) !== undefined;
  }

  /** Controls in other catalogs that map to this one (for hover's cross-mapping). */
  mappedFrom(id: string, catalogId = 'tsc'): { catalogId: string; id: string }[] {
    return this.reverse.get(catalogId)?.get(id) ?? [];
  }

  /** Known ids differing only in case, or within a small edit distance, best first. Memoised: a document may repeat one typo thousands of times. */
  suggestions(id: string, catalogId = 'tsc', max = 3): string[] {
    const key = `${catalogId}\u0000${max}\u0000${id}`;
    const cached = this.suggestionCache.get(key);
    if (cached) return cached;
    // Bounded, so a long-running server fed endless distinct typos keeps a flat memory.
    if (this.suggestionCache.size >= 10_000) this.suggestionCache.clear();
    const result = this.computeSuggestions(id, catalogId, max);
    this.suggestionCache.set(key, result);
    return result;
  }

  private computeSuggestions(id: string, catalogId: string, max: number): string[] {
    const index = this.nearIdIndex(catalogId);
    const upper = id.toUpperCase();
    const exact = index.byUpper.get(upper);
    if (exact) return [exact];
    if (upper.length > index.longest + 2) return [];
    // Two ids within 2 edits share a form with up to 2 characters deleted from each: look those up, then verify.
    const candidates = new Set<string>();
    for (const variant of deletions(upper)) for (const candidate of index.byDeletion.get(variant) ?? []) candidates.add(candidate);
    const scored: { k: string; d: number }[] = [];
    for (const candidate of candidates) {
      const d = editDistance(upper, candidate);
      if (d <= 2) scored.push({ k: index.byUpper.get(candidate)!, d });
    }
    scored.sort((a, b) => a.d - b.d || a.k.length - b.k.length || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    const best = scored.length ? scored[0].d : 0;
    return scored.filter((s) => s.d === best).slice(0, max).map((s) => s.k);
  }

  /** A catalog's ids by upper-case form and by every form with up to 2 characters deleted, built once. */
  private nearIdIndex(catalogId: string): NearIdIndex {
    let index = this.nearIdIndexes.get(catalogId);
    if (!index) {
      index = { byUpper: new Map(), byDeletion: new Map(), longest: 0 };
      for (const id of [...(this.controls.get(catalogId)?.keys() ?? []), ...(this.points.get(catalogId)?.keys() ?? [])]) {
        const upper = id.toUpperCase();
        if (!index.byUpper.has(upper)) index.byUpper.set(upper, id);
        index.longest = Math.max(index.longest, upper.length);
        for (const variant of deletions(upper)) (index.byDeletion.get(variant) ?? index.byDeletion.set(variant, []).get(variant)!).push(upper);
      }
      this.nearIdIndexes.set(catalogId, index);
    }
    return index;
  }
}

interface NearIdIndex {
  byUpper: Map<string, string>;
  byDeletion: Map<string, string[]>;
  longest: number;
}

/** The string with 0, 1 or 2 characters deleted. */
function deletions(word: string): Set<string> {
  const result = new Set([word]);
  for (let i = 0; i < word.length; i++) {
    const one = word.slice(0, i) + word.slice(i + 1);
    result.add(one);
    for (let j = i; j < one.length; j++) result.add(one.slice(0, j) + one.slice(j + 1));
  }
  return result;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = saved;
    }
  }
  return previous[b.length];
}
