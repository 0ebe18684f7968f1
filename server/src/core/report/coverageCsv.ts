import { csvField } from './escape';
import { relativeTo, type CoverageReport } from './coverageReport';

const HEADER = ['id', 'title', 'category', 'series', 'status', 'reason', 'documents', 'suggested_templates'];
const OPERATING_HEADER = ['operating', 'operating_obligations', 'missing_samples'];

/** One row per criterion (RFC 4180, CRLF), for spreadsheets and audit trackers. */
export function renderCoverageCsv(report: CoverageReport): string {
  // Type II adds the operating columns at the end, so scripts reading the first eight columns keep working.
  const typeII = report.coverage.summary.operating !== undefined;
  const header = typeII ? [...HEADER, ...OPERATING_HEADER] : HEADER;
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
    ...(typeII ? [c.operating?.status ?? '', c.operating?.obligations.join('; ') ?? '', c.operating ? String(c.operating.missing) : ''] : []),
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
