import type { RegisterRow, RiskRegister, HeatMapCell } from '../risks/riskRegister';
import type { RiskRating } from '../risks/riskMatrix';
import { csvField, escapeHtml, escapeMarkdown } from './escape';

/** Renders paths relative to the root for every format. */
export interface RiskReportInput {
  register: RiskRegister;
  relative(file: string): string;
  generated: string;
}

const rating = (r?: RiskRating) => (r ? `${r.level.name} (${r.likelihood}×${r.impact}=${r.score})` : '-');
const ratingJson = (r?: RiskRating) => (r ? { likelihood: r.likelihood, impact: r.impact, score: r.score, level: r.level.id } : null);

/** The `risks --format json` contract. */
export function riskJson(input: RiskReportInput) {
  return {
    risks: input.register.rows.map((row) => ({
      id: row.id,
      file: input.relative(row.file),
      title: row.title ?? null,
      inherent: ratingJson(row.inherent),
      residual: ratingJson(row.residual),
      treatment: row.treatment ?? null,
      owner: row.owner ?? null,
      lastReviewed: row.lastReviewed ?? null,
      nextReview: row.nextReview ?? null,
      overdue: row.overdue,
    })),
    heatMap: input.register.heatMap,
    matrix: { source: input.register.matrix.source, levels: input.register.matrix.levels.map((l) => ({ id: l.id, name: l.name, color: l.color, review: l.review })) },
  };
}

export function renderRiskText(input: RiskReportInput): string {
  const out = [`Risk register: ${input.register.rows.length} risks (matrix: ${input.register.matrix.source})`, ''];
  for (const row of input.register.rows) {
    out.push(`  ${row.id.padEnd(8)} ${rating(row.inherent).padEnd(22)} -> ${rating(row.residual).padEnd(22)} ${(row.treatment ?? '-').padEnd(9)} ${row.title ?? ''}${row.overdue ? '  [review overdue]' : ''}`);
  }
  out.push('', 'Heat map (likelihood rows, impact columns): inherent | residual');
  const { inherent, residual } = input.register.heatMap;
  const cell = (c: HeatMapCell) => (c.risks.length ? String(c.risks.length) : '.').padStart(3);
  inherent.forEach((row, r) => out.push(`  ${row[0].likelihood} ${row.map(cell).join('')}   |  ${residual[r].map(cell).join('')}`));
  out.push(`    ${inherent[0].map((c) => String(c.impact).padStart(3)).join('')}   |  ${inherent[0].map((c) => String(c.impact).padStart(3)).join('')}`);
  return out.join('\n') + '\n';
}

const CSV_HEADER = ['id', 'title', 'owner', 'treatment', 'inherent_likelihood', 'inherent_impact', 'inherent_score', 'inherent_level', 'residual_likelihood', 'residual_impact', 'residual_score', 'residual_level', 'last_reviewed', 'next_review', 'file'];

export function renderRiskCsv(input: RiskReportInput): string {
  const side = (r?: RiskRating) => (r ? [String(r.likelihood), String(r.impact), String(r.score), r.level.id] : ['', '', '', '']);
  const rows = input.register.rows.map((row: RegisterRow) => [row.id, row.title ?? '', row.owner ?? '', row.treatment ?? '', ...side(row.inherent), ...side(row.residual), row.lastReviewed ?? '', row.nextReview ?? '', input.relative(row.file)]);
  return [CSV_HEADER, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function renderRiskMarkdown(input: RiskReportInput): string {
  const md = escapeMarkdown;
  const out = ['# Risk register', '', `Generated ${input.generated}. ${input.register.rows.length} risks.`, '', '| Risk | Title | Inherent | Residual | Treatment | Owner | Next review |', '|---|---|---|---|---|---|---|'];
  for (const row of input.register.rows) {
    out.push(`| ${md(row.id)} | ${md(row.title ?? '')} | ${md(rating(row.inherent))} | ${md(rating(row.residual))} | ${md(row.treatment ?? '')} | ${md(row.owner ?? '')} | ${md(row.nextReview ?? '')}${row.overdue ? ' (overdue)' : ''} |`);
  }
  for (const side of ['inherent', 'residual'] as const) {
    out.push('', `## Heat map (${side})`, '', `| likelihood \\ impact | ${input.register.heatMap[side][0].map((c) => c.impact).join(' | ')} |`, `|---|${input.register.heatMap[side][0].map(() => '---').join('|')}|`);
    for (const row of input.register.heatMap[side]) out.push(`| ${row[0].likelihood} | ${row.map((c) => `${c.level}${c.risks.length ? `: ${c.risks.map(md).join(', ')}` : ''}`).join(' | ')} |`);
  }
  return out.join('\n') + '\n';
}

export function renderRiskHtml(input: RiskReportInput): string {
  const esc = escapeHtml;
  const grid = (side: 'inherent' | 'residual') =>
    `<table class="heat"><caption>${side === 'inherent' ? 'Inherent' : 'Residual'}</caption><tbody>` +
    input.register.heatMap[side].map((row) => `<tr><th scope="row">${row[0].likelihood}</th>${row.map((c) => `<td style="background:${esc(c.color)}" title="${esc(c.level)}">${c.risks.map(esc).join('<br>')}</td>`).join('')}</tr>`).join('') +
    `<tr><td></td>${input.register.heatMap[side][0].map((c) => `<th scope="col">${c.impact}</th>`).join('')}</tr></tbody></table>`;
  const rows = input.register.rows
    .map((row) => `<tr><td>${esc(row.id)}</td><td>${esc(row.title ?? '')}</td><td>${esc(rating(row.inherent))}</td><td>${esc(rating(row.residual))}</td><td>${esc(row.treatment ?? '')}</td><td>${esc(row.owner ?? '')}</td><td>${esc(row.nextReview ?? '')}${row.overdue ? ' (overdue)' : ''}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Risk register</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3rem .5rem;vertical-align:top}.heat td{width:5rem;height:3rem;color:#111;font-size:.8rem}.maps{display:flex;gap:2rem}</style>
</head><body><h1>Risk register</h1><p>Generated ${esc(input.generated)}. ${input.register.rows.length} risks. Rows: likelihood (highest first); columns: impact.</p>
<div class="maps">${grid('inherent')}${grid('residual')}</div>
<table><thead><tr><th>Risk</th><th>Title</th><th>Inherent</th><th>Residual</th><th>Treatment</th><th>Owner</th><th>Next review</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
}
