import type { VendorFacts } from '../vendors/vendorFacts';
import { addCycle, compareDates, formatDate, type DateOnly } from '../dates';
import { csvField, escapeHtml, escapeMarkdown } from './escape';

export type VendorReportStatus = 'current' | 'bridged' | 'stale' | 'not-reviewed' | 'none';

export interface VendorRow {
  id: string;
  file: string;
  name: string;
  criticality?: string;
  method?: string;
  reportPeriodEnd?: string;
  status: VendorReportStatus;
  csocs: { control: string; criteria: string[] }[];
}

/** The state of a vendor's SOC 2 report today: what the vendor rules judge, as one word. */
export function reportStatus(vendor: VendorFacts, today: DateOnly): VendorReportStatus {
  const soc2 = vendor.soc2;
  if (!soc2?.periodEnd) return soc2 ? 'not-reviewed' : 'none';
  if (!soc2.reviewed) return 'not-reviewed';
  if (compareDates(addCycle(soc2.periodEnd.value, { amount: 12, unit: 'months' }), today) >= 0) return 'current';
  return soc2.bridgeLetterUntil && compareDates(soc2.bridgeLetterUntil.value, today) >= 0 ? 'bridged' : 'stale';
}

export function vendorRows(vendors: Iterable<VendorFacts>, today: DateOnly): VendorRow[] {
  return [...vendors]
    .map((v) => ({
      id: v.id,
      file: v.file,
      name: v.name,
      criticality: v.criticality?.value,
      method: v.method?.value,
      reportPeriodEnd: v.soc2?.periodEnd ? formatDate(v.soc2.periodEnd.value) : undefined,
      status: reportStatus(v, today),
      csocs: v.csocs.map((c) => ({ control: c.control, criteria: c.criteria.map((x) => x.value) })),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The `vendors --format json` contract. */
export function vendorJson(rows: VendorRow[], relative: (file: string) => string) {
  return { vendors: rows.map((r) => ({ id: r.id, file: relative(r.file), name: r.name, criticality: r.criticality ?? null, method: r.method ?? null, reportPeriodEnd: r.reportPeriodEnd ?? null, status: r.status, csocs: r.csocs })) };
}

export function renderVendorText(rows: VendorRow[]): string {
  const out = [`Vendors: ${rows.length} (${rows.filter((r) => r.method).length} subservice organizations)`, ''];
  for (const r of rows) out.push(`  ${r.id.padEnd(12)} ${(r.criticality ?? '-').padEnd(9)} ${(r.method ?? '-').padEnd(10)} ${(r.reportPeriodEnd ?? '-').padEnd(11)} ${r.status.padEnd(13)} ${r.name}`);
  return out.join('\n') + '\n';
}

const HEADER = ['id', 'name', 'criticality', 'method', 'report_period_end', 'status', 'csocs', 'file'];
const csocText = (r: VendorRow) => r.csocs.map((c) => `${c.control} (${c.criteria.join(', ')})`).join('; ');

export function renderVendorCsv(rows: VendorRow[], relative: (file: string) => string): string {
  const lines = rows.map((r) => [r.id, r.name, r.criticality ?? '', r.method ?? '', r.reportPeriodEnd ?? '', r.status, csocText(r), relative(r.file)]);
  return [HEADER, ...lines].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function renderVendorMarkdown(rows: VendorRow[]): string {
  const md = escapeMarkdown;
  const out = ['# Vendors', '', '| Vendor | Name | Criticality | Method | Report period end | Status | CSOCs |', '|---|---|---|---|---|---|---|'];
  for (const r of rows) out.push(`| ${md(r.id)} | ${md(r.name)} | ${md(r.criticality ?? '')} | ${md(r.method ?? '')} | ${md(r.reportPeriodEnd ?? '')} | ${r.status} | ${md(csocText(r))} |`);
  return out.join('\n') + '\n';
}

export function renderVendorHtml(rows: VendorRow[]): string {
  const esc = escapeHtml;
  const body = rows.map((r) => `<tr><td>${esc(r.id)}</td><td>${esc(r.name)}</td><td>${esc(r.criticality ?? '')}</td><td>${esc(r.method ?? '')}</td><td>${esc(r.reportPeriodEnd ?? '')}</td><td>${esc(r.status)}</td><td>${esc(csocText(r))}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vendors</title><style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3rem .5rem}</style></head>
<body><h1>Vendors</h1><table><thead><tr><th>Vendor</th><th>Name</th><th>Criticality</th><th>Method</th><th>Report period end</th><th>Status</th><th>CSOCs</th></tr></thead><tbody>
${body}
</tbody></table></body></html>
`;
}
