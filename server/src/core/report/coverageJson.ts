import type { CoverageJson } from './contracts';
import { relativeTo, type CoverageReport } from './coverageReport';

/** The `coverage --format json` contract: every criterion with its status and where documents map it. */
export function coverageJson(report: CoverageReport): CoverageJson {
  return {
    criteria: report.coverage.criteria.map((c) => ({
      id: c.id,
      title: c.title,
      category: c.category,
      series: c.series,
      status: c.status,
      ...(c.reason !== undefined ? { reason: c.reason } : {}),
      ...(c.vendors?.length ? { vendors: c.vendors, csocs: (c.carveOuts ?? []).flatMap((v) => v.controls.map((control) => ({ vendor: v.vendorId, control }))) } : {}),
      // Type II only: the evidence side beside the designed status (docs/evidence.md, "Designed and operating coverage").
      ...(c.operating ? { operating: { status: c.operating.status, obligations: [...c.operating.obligations], missing: c.operating.missing } } : {}),
      documents: c.documents.map((d) => ({
        file: relativeTo(report, d.file),
        id: d.docId,
        title: d.title,
        status: d.status,
        locations: d.locations.map((l) => ({
          kind: l.kind,
          ...report.positionAt(d.file, l.span.start),
          ...(l.section !== undefined ? { section: l.section } : {}),
        })),
      })),
    })),
    summary: report.coverage.summary,
  };
}
