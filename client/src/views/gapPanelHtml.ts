/**
 * HTML of the gap panel. Pure (no vscode import) so escaping and structure are unit-tested.
 * Every piece of workspace text goes through `esc`; the page has no inline script or style, so the CSP
 * can stay strict; media/gapPanel.js adds behaviour through `data-action` attributes.
 */
import type { CategorySummary, CoverageStatus, Gap, OverallSummary, RootEvidence, RootRisks } from '../../../server/src/protocol';
import { renderRiskHeatMap } from './riskHeatMapHtml';
import { renderEvidenceCalendar } from './evidenceCalendarHtml';
import { renderOperatingGaps, type OperatingGaps } from './operatingGapsHtml';

export interface HeatCell {
  id: string;
  title: string;
  status: CoverageStatus;
}

export interface HeatSeries {
  id: string;
  title: string;
  category: string;
  cells: HeatCell[];
}

/** A finding to list (missing sections, overdue reviews), taken from the server's diagnostics. */
export interface DocumentIssue {
  uri: string;
  /** Workspace-relative path. */
  label: string;
  line: number;
  message: string;
}

export interface GapRoot {
  rootUri: string;
  name: string;
  scopeDeclared: boolean;
  categories: CategorySummary[];
  overall: OverallSummary;
  series: HeatSeries[];
  gaps: Gap[];
  /** The root's risk register, when it keeps one: its heat map follows the criteria's. */
  risks?: RootRisks;
  /** Type II only: criteria whose evidence has a closed window without a record (operatingGapsHtml.ts). */
  operating?: OperatingGaps;
  /** Type II only: the server's evidence calendar of the root, drawn by evidenceCalendarHtml.ts. */
  evidence?: RootEvidence;
}

export interface GapViewModel {
  roots: GapRoot[];
  missingSections: DocumentIssue[];
  overdueReviews: DocumentIssue[];
  /** Set while the server is still indexing. */
  loading?: boolean;
}

/**
 * Localises a message with `{0}`-style arguments: vscode.l10n.t in the extension. The default only fills the
 * arguments in, so this module stays free of vscode and the unit tests read English.
 */
export type Translate = (message: string, ...args: (string | number)[]) => string;

export const fillIn: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));

const STATUSES: CoverageStatus[] = ['covered', 'carved-out', 'draft-only', 'uncovered', 'excluded', 'out-of-scope'];

function statusLabel(status: CoverageStatus, t: Translate): string {
  switch (status) {
    case 'covered': return t('covered');
    case 'carved-out': return t('carved out');
    case 'draft-only': return t('draft only');
    case 'uncovered': return t('uncovered');
    case 'excluded': return t('excluded');
    case 'out-of-scope': return t('out of scope');
  }
}

/** Status as a glyph too, so the heat map does not rely on colour alone. */
const STATUS_GLYPH: Record<CoverageStatus, string> = {
  covered: '✓',
  'carved-out': '☁',
  'draft-only': '◐',
  uncovered: '✕',
  excluded: '–',
  'out-of-scope': '·',
};

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Attributes from a record; values escaped, undefined left out. */
function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${esc(v)}"`).join('');
}

function summary(root: GapRoot, t: Translate): string {
  const rows = root.categories.filter((c) => c.inScope).map((c) => {
    const meter = c.applicable
      ? `<meter${attrs({ min: 0, max: c.applicable, value: c.covered, 'aria-label': t('{0}: {1} of {2} covered', c.title, c.covered, c.applicable) })}></meter>`
      : '<span class="muted">—</span>';
    return `<tr><th scope="row">${esc(c.title)}</th><td class="num">${esc(`${c.percent}%`)}</td><td>${meter}</td>`
      + `<td class="num">${c.covered}/${c.applicable}</td><td class="num">${c.draftOnly}</td><td class="num">${c.uncovered}</td><td class="num">${c.excluded}</td></tr>`;
  }).join('');
  // Categories the report does not cover: one line, not a row of dashes each.
  const outside = root.categories.filter((c) => !c.inScope).map((c) => c.title);
  const outsideRow = outside.length ? `<tr class="muted out-of-scope"><td colspan="7">${esc(t('Out of scope: {0}', outside.join(', ')))}</td></tr>` : '';
  const o = root.overall;
  return `<div class="overall"><span class="big">${o.percent}%</span><span>${esc(t('of in-scope criteria covered'))}`
    + ` <span class="muted">${esc(t('({0}/{1}; {2} draft only, {3} uncovered, {4} excluded)', o.covered, o.applicable, o.draftOnly, o.uncovered, o.excluded))}</span></span></div>`
    + nextStep(root, t)
    + (root.scopeDeclared ? '' : `<p class="note">${esc(t('No soc2-policy.yaml declares the scope: it is inferred from what documents map.'))}</p>`)
    + `<table class="summary"><thead><tr><th scope="col">${esc(t('Category'))}</th><th scope="col">${esc(t('Coverage'))}</th><th scope="col"><span class="sr-only">${esc(t('Bar'))}</span></th>`
    + [t('Covered'), t('Draft only'), t('Uncovered'), t('Excluded')].map((h) => `<th scope="col">${esc(h)}</th>`).join('')
    + `</tr></thead><tbody>${rows}${outsideRow}</tbody></table>`;
}

/** The template suggested for the most uncovered criteria: what to write next. */
export function bestNextTemplate(gaps: Gap[]): { id: string; title: string; criteria: string[] } | undefined {
  const byTemplate = new Map<string, { id: string; title: string; criteria: string[] }>();
  for (const gap of gaps.filter((g) => g.status === 'uncovered')) {
    for (const template of gap.suggestedTemplates) {
      const entry = byTemplate.get(template.id) ?? { ...template, criteria: [] };
      entry.criteria.push(gap.id);
      byTemplate.set(template.id, entry);
    }
  }
  let best: { id: string; title: string; criteria: string[] } | undefined;
  for (const entry of byTemplate.values()) if (!best || entry.criteria.length > best.criteria.length) best = entry;
  return best;
}

/** The panel's one primary action; everything else (exports, other templates) is secondary. */
function nextStep(root: GapRoot, t: Translate): string {
  const best = bestNextTemplate(root.gaps);
  if (!best) return '';
  return `<div class="next-step"><button${attrs({
    type: 'button', class: 'primary', 'data-action': 'create', 'data-id': best.criteria[0], 'data-template': best.id, 'data-key': `next:${root.rootUri}`,
  })}>${esc(t('Create "{0}"', best.title))}</button> <span class="muted">${esc(t('suggested for {0} uncovered: {1}', best.criteria.length, best.criteria.join(', ')))}</span></div>`;
}

function seriesRows(root: GapRoot, series: HeatSeries[], t: Translate): string {
  return series.map((s) => {
    const cells = s.cells.map((c) => {
      const label = `${c.id} · ${c.title} — ${statusLabel(c.status, t)}`;
      return `<button${attrs({
        type: 'button', class: `cell s-${c.status}`, 'data-action': 'reveal', 'data-id': c.id, 'data-key': `cell:${root.rootUri}:${c.id}`,
        title: label, 'aria-label': label, tabindex: -1,
      })}><span class="glyph" aria-hidden="true">${STATUS_GLYPH[c.status]}</span>${esc(c.id)}</button>`;
    }).join('');
    return `<div class="series" role="group"${attrs({ 'aria-label': `${s.id} ${s.title}` })}>`
      + `<div class="series-title"${attrs({ title: s.title })}>${esc(s.id)} <span class="muted">${esc(s.title)}</span></div>`
      + `<div class="cells">${cells}</div></div>`;
  }).join('');
}

function heatMap(root: GapRoot, t: Translate): string {
  const legend = STATUSES.map((s) => `<li><span class="swatch s-${s}" aria-hidden="true">${STATUS_GLYPH[s]}</span>${esc(statusLabel(s, t))}</li>`).join('');
  const inScope = new Set(root.categories.filter((c) => c.inScope).map((c) => c.id));
  const inside = root.series.filter((s) => inScope.has(s.category));
  const outside = root.series.filter((s) => !inScope.has(s.category));
  const label = t('Heat map: every criterion by series; arrow keys move, Enter reveals it in the coverage tree');
  const outsideTitles = root.categories.filter((c) => !c.inScope && outside.some((s) => s.category === c.id)).map((c) => c.title);
  const collapsed = outside.length
    ? `<details${attrs({ class: 'out-of-scope', 'data-key': `outside:${root.rootUri}` })}><summary>${esc(t('Out of scope: {0} ({1} criteria)', outsideTitles.join(', '), outside.reduce((n, s) => n + s.cells.length, 0)))}</summary>`
      + `<div class="heatmap" role="group"${attrs({ 'aria-label': label })}>${seriesRows(root, outside, t)}</div></details>`
    : '';
  // The detail line sticks to the top of the panel while the heat map scrolls, so it is in view whichever cell is hovered.
  return `<div class="heat"><ul class="legend" aria-label="${esc(t('Legend'))}">${legend}</ul>`
    + `<p class="cell-detail" aria-live="polite">${esc(t('Hover or focus a cell to see its criterion; click it to reveal it in the coverage tree.'))}</p>`
    + `<div class="heatmap" role="group"${attrs({ 'aria-label': label })}>${seriesRows(root, inside, t)}</div>${collapsed}</div>`;
}

function gapList(root: GapRoot, t: Translate): string {
  const uncovered = root.gaps.filter((g) => g.status === 'uncovered');
  const drafts = root.gaps.filter((g) => g.status === 'draft-only');
  const uncoveredItems = uncovered.map((g) => {
    const buttons = g.suggestedTemplates.slice(0, 3).map((tpl) => `<button${attrs({
      type: 'button', class: 'secondary', 'data-action': 'create', 'data-id': g.id, 'data-template': tpl.id, 'data-key': `create:${g.id}:${tpl.id}`,
      title: t('New document from the "{0}" template, with {1} mapped', tpl.title, g.id),
    })}>${esc(t('Create policy: {0}', tpl.title))}</button>`).join('');
    const fallback = g.suggestedTemplates.length ? '' : `<button${attrs({
      type: 'button', class: 'secondary', 'data-action': 'create', 'data-id': g.id, 'data-key': `create:${g.id}`,
    })}>${esc(t('Create policy…'))}</button>`;
    return `<li><button${attrs({ type: 'button', class: 'link', 'data-action': 'reveal', 'data-id': g.id, 'data-key': `gap:${g.id}` })}>${esc(g.id)}</button> ${esc(g.title)}`
      + `<div class="actions">${g.suggestedTemplates.length ? `<span class="muted">${esc(t('Suggested:'))}</span> ` : ''}${buttons}${fallback}</div></li>`;
  }).join('');
  const draftItems = drafts.map((g) => {
    const docs = g.documents.map((d) => `<button${attrs({
      type: 'button', class: 'link', 'data-action': 'open', 'data-uri': d.uri, 'data-line': d.locations[0]?.range.start.line ?? 0, 'data-key': `draft:${g.id}:${d.uri}`,
    })}>${esc(d.title || d.docId)}</button> <span class="muted">(${esc(d.status)})</span>`).join(', ');
    return `<li><button${attrs({ type: 'button', class: 'link', 'data-action': 'reveal', 'data-id': g.id, 'data-key': `gap:${g.id}` })}>${esc(g.id)}</button> ${esc(g.title)}`
      + `<div class="actions muted">${esc(t('Covered once approved:'))} ${docs}</div></li>`;
  }).join('');
  return `<h3>${esc(t('Uncovered criteria'))} <span class="count">${uncovered.length}</span></h3>`
    + (uncovered.length ? `<ul class="gaps uncovered">${uncoveredItems}</ul>` : `<p class="muted">${esc(t('None: every in-scope criterion is mapped.'))}</p>`)
    + (drafts.length ? `<h3>${esc(t('Covered by drafts only'))} <span class="count">${drafts.length}</span></h3><ul class="gaps drafts">${draftItems}</ul>` : '');
}

function issueList(title: string, cls: string, issues: DocumentIssue[], empty: string): string {
  const items = issues.map((i) => `<li><button${attrs({
    type: 'button', class: 'link', 'data-action': 'open', 'data-uri': i.uri, 'data-line': i.line, 'data-key': `${cls}:${i.uri}:${i.line}`,
  })}>${esc(i.label)}</button> <span class="muted">${esc(i.message)}</span></li>`).join('');
  return `<h2>${esc(title)} <span class="count">${issues.length}</span></h2>`
    + (issues.length ? `<ul class="${cls}">${items}</ul>` : `<p class="muted">${esc(empty)}</p>`);
}

const EXPORTS: [string, string][] = [['markdown', 'Markdown'], ['html', 'HTML'], ['csv', 'CSV']];

/** The panel's content (inside <main>); re-sent on every coverage change. */
export function renderGapBody(model: GapViewModel, t: Translate = fillIn): string {
  if (model.loading) return `<p class="muted" role="status">${esc(t('Indexing policies…'))}</p>`;
  if (!model.roots.length) return `<p class="muted">${esc(t('No policy workspace is open. Run "SOC 2: Initialize Workspace" to start one.'))}</p>`;
  const multiRoot = model.roots.length > 1;
  const roots = model.roots.map((root) => `<section class="root"${attrs({ 'aria-label': root.name })}>`
    + (multiRoot ? `<h2 class="root-name">${esc(root.name)}</h2>` : '')
    + `<h2>${esc(t('Summary'))}</h2>${summary(root, t)}<h2>${esc(t('Heat map'))}</h2>${heatMap(root, t)}${renderRiskHeatMap(root.risks, t)}<h2>${esc(t('Gaps'))}</h2>${gapList(root, t)}${renderOperatingGaps(root.rootUri, root.operating, t)}${renderEvidenceCalendar(root.evidence, t)}</section>`).join('');
  // Exports are secondary: the primary action is closing the next gap.
  const exportButtons = EXPORTS.map(([format, label]) => `<button${attrs({
    type: 'button', class: 'secondary', 'data-action': 'export', 'data-format': format, 'data-key': `export:${format}`, title: t('Save the coverage report as {0}', label),
  })}>${esc(t('Export {0}', label))}</button>`).join('');
  return `<div class="toolbar" role="toolbar" aria-label="${esc(t('Export'))}">${exportButtons}</div>${roots}`
    + issueList(t('Documents with missing sections'), 'missing-sections', model.missingSections, t('Every document has its required sections.'))
    + issueList(t('Overdue reviews'), 'overdue-reviews', model.overdueReviews, t('No review is overdue.'));
}

export interface PageResources {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

/** The whole document: strict CSP (no inline code, nothing remote), our stylesheet and script only. */
export function renderGapPage(res: PageResources, body: string, t: Translate = fillIn): string {
  return renderWebviewPage(res, [res.styleUri], t('SOC 2 Gap Analysis'), body);
}

/** A webview document of ours (the gap panel, the answer review): strict CSP, our stylesheets and one script. */
export function renderWebviewPage(res: PageResources, styleUris: readonly string[], title: string, body: string): string {
  const csp = [
    "default-src 'none'",
    `style-src ${res.cspSource}`,
    `img-src ${res.cspSource}`,
    `font-src ${res.cspSource}`,
    `script-src 'nonce-${res.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styleUris.map((uri) => `<link rel="stylesheet" href="${esc(uri)}">`).join('\n')}
<title>${esc(title)}</title>
</head>
<body>
<h1>${esc(title)}</h1>
<main id="main">${body}</main>
<script nonce="${esc(res.nonce)}" src="${esc(res.scriptUri)}"></script>
</body>
</html>`;
}
