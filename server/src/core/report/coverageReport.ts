import type { CoverageModel, CriterionCoverage } from '../coverage/coverageModel';
import type { CatalogSeries } from '../catalog/catalog';
import type { PolicyTemplate, TemplateSet } from '../templates/templates';
import type { Position } from '../types';
import type { PolicyAnalyzer } from '../analyzer';
import { relativePath } from '../paths';

/** Everything a coverage renderer needs, so renderers stay pure and the CLI and language server share them. */
export interface CoverageReport {
  coverage: CoverageModel;
  /** Workspace root: document paths are shown relative to it. */
  root: string;
  /** TSC series in catalog order, for grouping and their titles. */
  series: readonly CatalogSeries[];
  /** Suggests templates for criteria nothing maps. */
  templates: TemplateSet;
  /** Zero-based position of an offset in a document, for coverage locations. */
  positionAt(file: string, offset: number): Position;
  /** Day the report was made (YYYY-MM-DD), shown in headings. */
  generated?: string;
}

export function coverageReportOf(analyzer: PolicyAnalyzer, generated?: string): CoverageReport {
  return {
    coverage: analyzer.coverage(),
    root: analyzer.root,
    series: analyzer.catalogSet.tsc.series,
    templates: analyzer.templates,
    positionAt: (file, offset) => analyzer.document(file)?.lines.positionAt(offset) ?? { line: 0, character: 0 },
    generated,
  };
}

export function relativeTo(report: { root: string }, file: string): string {
  return relativePath(report.root, file);
}

/** The gaps a reader acts on: uncovered criteria with templates that would cover them, drafts, exclusions. */
export interface CoverageGaps {
  uncovered: { criterion: CriterionCoverage; templates: PolicyTemplate[] }[];
  draftOnly: CriterionCoverage[];
  excluded: CriterionCoverage[];
  /** Type II: criteria with obligations but a closed window without a record (empty otherwise). */
  operatingGaps: CriterionCoverage[];
}

export function coverageGaps(report: CoverageReport): CoverageGaps {
  const { criteria } = report.coverage;
  return {
    uncovered: criteria.filter((c) => c.status === 'uncovered').map((criterion) => ({ criterion, templates: report.templates.suggestFor(criterion.id) })),
    draftOnly: criteria.filter((c) => c.status === 'draft-only'),
    excluded: criteria.filter((c) => c.status === 'excluded'),
    operatingGaps: criteria.filter((c) => c.operating?.status === 'operating-gaps'),
  };
}

/** Criteria grouped by series in catalog order; series without criteria are left out. */
export function criteriaBySeries(report: CoverageReport): { series: CatalogSeries; criteria: CriterionCoverage[] }[] {
  const known = report.series.map((series) => ({ series, criteria: report.coverage.criteria.filter((c) => c.series === series.id) }));
  // Criteria of a series the catalog does not list still appear, under their own id.
  const listed = new Set(report.series.map((s) => s.id));
  const stray = [...new Set(report.coverage.criteria.filter((c) => !listed.has(c.series)).map((c) => c.series))].map((id) => ({
    series: { id, title: id },
    criteria: report.coverage.criteria.filter((c) => c.series === id),
  }));
  return [...known, ...stray].filter((g) => g.criteria.length > 0);
}
