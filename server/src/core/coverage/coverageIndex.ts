import type { Span } from '../types';
import type { PolicyDocument } from '../parse/policyDocument';
import type { CatalogSet } from '../catalog/catalog';

export interface CoverageLocation {
  kind: 'frontmatter' | 'section';
  span: Span;
  /** The section heading, for section tags. */
  section?: string;
  /** The id as written: a criterion, or one of its points of focus. */
  mappedId: string;
}

/** One document's contribution to one criterion. */
export interface Contribution {
  file: string;
  docId: string;
  title: string;
  status: string;
  locations: CoverageLocation[];
}

/**
 * Which documents map which criteria, kept up to date one document at a time so an edit
 * recomputes only that document's contributions and reports which criteria changed.
 */
export class CoverageIndex {
  private readonly byCriterion = new Map<string, Map<string, Contribution>>();
  private readonly byFile = new Map<string, Map<string, Contribution>>();
  /** Sorted contributions per criterion, dropped when the criterion's contributions change. */
  private readonly sorted = new Map<string, Contribution[]>();

  /** Replaces a document's contributions; returns the criteria whose contributions changed. */
  update(file: string, contributions: Map<string, Contribution>): string[] {
    const previous = this.byFile.get(file) ?? new Map<string, Contribution>();
    const changed = new Set<string>();
    for (const [id, old] of previous) {
      const next = contributions.get(id);
      if (!next || !sameContribution(old, next)) changed.add(id);
    }
    for (const id of contributions.keys()) if (!previous.has(id)) changed.add(id);
    for (const id of previous.keys()) {
      this.byCriterion.get(id)?.delete(file);
      this.sorted.delete(id);
    }
    for (const [id, contribution] of contributions) {
      const perFile = this.byCriterion.get(id) ?? new Map<string, Contribution>();
      perFile.set(file, contribution);
      this.byCriterion.set(id, perFile);
      this.sorted.delete(id);
    }
    if (contributions.size) this.byFile.set(file, contributions);
    else this.byFile.delete(file);
    return [...changed].sort();
  }

  remove(file: string): string[] {
    return this.update(file, new Map());
  }

  contributions(criterionId: string): Contribution[] {
    let list = this.sorted.get(criterionId);
    if (!list) {
      // Code-unit order: localeCompare on every request was a measurable share of each coverage build.
      list = [...(this.byCriterion.get(criterionId)?.values() ?? [])].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      this.sorted.set(criterionId, list);
    }
    return list;
  }

  /** Criteria mapped by at least one document. */
  mappedCriteria(): string[] {
    return [...this.byCriterion.entries()].filter(([, files]) => files.size > 0).map(([id]) => id);
  }
}

/** Same in meaning: locations that only moved (text typed above them) are no coverage change. */
function sameContribution(a: Contribution, b: Contribution): boolean {
  return a.status === b.status && a.title === b.title && a.docId === b.docId && a.locations.length === b.locations.length &&
    a.locations.every((l, i) => l.kind === b.locations[i].kind && l.mappedId === b.locations[i].mappedId && l.section === b.locations[i].section);
}

/** A document's TSC contributions: front-matter mappings and section tags. Retired documents cover nothing. */
export function contributionsOf(doc: PolicyDocument, catalogs: CatalogSet): Map<string, Contribution> {
  const result = new Map<string, Contribution>();
  if (doc.status === 'retired') return result;
  const add = (mappedId: string, location: Omit<CoverageLocation, 'mappedId'>) => {
    const criterion = catalogs.criterionOf(mappedId);
    if (!criterion) return;
    const entry = result.get(criterion.id) ?? { file: doc.file, docId: doc.id, title: doc.title?.value ?? doc.id, status: doc.status, locations: [] };
    entry.locations.push({ ...location, mappedId });
    result.set(criterion.id, entry);
  };
  for (const list of doc.mappings) {
    if (list.catalogId !== 'tsc') continue;
    for (const item of list.items) add(item.raw, { kind: 'frontmatter', span: item.span });
  }
  for (const section of doc.body.sections) {
    for (const id of section.tag?.ids ?? []) add(id.raw, { kind: 'section', span: id.span, section: section.heading });
  }
  return result;
}
