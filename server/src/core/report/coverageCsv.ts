import { csvField } from './escape';
import { relativeTo, type CoverageReport } from './coverageReport';

const HEADER = ['id', 'title', 'category', 'series', 'status', 'reason', 'documents', 'suggested_templates'];

/** One row per criterion (RFC 4180, CRLF), for spreadsheets and audit trackers. */
export function renderCoverageCsv(report: CoverageReport): string {
  const rows = report.coverage.criteria.map((c) => [
    c.id,
    c.title,
    c.category,
    c.series,
    c.status,
    // Carved-out criteria name their vendors and CSOCs where excluded ones give their reason: the column says why.
    c.reason ?? (c.carveOuts?.length ? c.carveOuts.map((v) => `carved out to ${v.vendorName}: ${v.controls.join(' ')}`).join('; ') : ''),
    c.documents.map((d) => relativeTo(report, d.file)).join('; '),
    c.status === 'uncovered' ? report.templates.suggestFor(c.id).map((t) => t.id).join('; ') : '',
  ]);
  return [HEADER, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
