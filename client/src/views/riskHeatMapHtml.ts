/**
 * The risk heat map of the gap panel, inherent and residual side by side. Pure (no vscode import), like
 * gapPanelHtml.ts: workspace text goes through `esc`, colours come from classes (the CSP allows no inline style),
 * and each risk is a button media/gapPanel.js turns into an `open` message.
 */
import type { RiskHeatCell, RootRisks } from '../../../server/src/protocol';
import { esc, type Translate } from './gapPanelHtml';

/** Level classes by rank from the top, so a 3-level and a 5-level matrix both show their worst level in red. */
function levelClass(root: RootRisks, levelId: string): string {
  const rank = root.levels.findIndex((l) => l.id === levelId);
  const fromTop = root.levels.length - 1 - rank;
  return `risk-cell lvl-${rank < 0 ? 'x' : Math.min(fromTop, 3)}`;
}

function cell(root: RootRisks, c: RiskHeatCell, t: Translate): string {
  const level = root.levels.find((l) => l.id === c.level)?.name ?? c.level;
  const label = t('Likelihood {0}, impact {1}: {2}, {3} risks', c.likelihood, c.impact, level, c.risks.length);
  const buttons = c.risks.map((id) => {
    const risk = root.risks.find((r) => r.id === id);
    if (!risk) return '';
    return `<button type="button" class="link risk" data-action="open" data-uri="${esc(risk.uri)}" data-line="${risk.range.start.line}"`
      + ` data-key="risk:${esc(root.rootUri)}:${esc(id)}" title="${esc(risk.title ?? id)}">${esc(id)}</button>`;
  }).join(' ');
  return `<td class="${esc(levelClass(root, c.level))}" title="${esc(label)}" aria-label="${esc(label)}"><span class="lvl-name">${esc(level)}</span>${buttons}</td>`;
}

function grid(root: RootRisks, side: 'inherent' | 'residual', t: Translate): string {
  const rows = root.heatMap[side];
  if (!rows.length) return '';
  const caption = side === 'inherent' ? t('Inherent') : t('Residual');
  const body = rows.map((row) => `<tr><th scope="row">${row[0].likelihood}</th>${row.map((c) => cell(root, c, t)).join('')}</tr>`).join('');
  const impacts = `<tr><td></td>${rows[0].map((c) => `<th scope="col">${c.impact}</th>`).join('')}</tr>`;
  return `<table class="risk-map"><caption>${esc(caption)}</caption><tbody>${body}${impacts}</tbody></table>`;
}

/** The register's heat maps for one root, or nothing when the root keeps no register. */
export function renderRiskHeatMap(root: RootRisks | undefined, t: Translate): string {
  if (!root?.risks.length) return '';
  return `<h2>${esc(t('Risk heat map'))} <span class="count">${root.risks.length}</span></h2>`
    + `<p class="muted">${esc(t('Rows: likelihood (highest first); columns: impact. Click a risk to open it.'))}</p>`
    + `<div class="risk-maps">${grid(root, 'inherent', t)}${grid(root, 'residual', t)}</div>`;
}
