/**
 * HTML of the gap panel. Pure (no vscode import) so escaping and structure are unit-tested.
 * Every piece of workspace text goes through `esc`; the page has no inline script or style, so the CSP
 * can stay strict; media/gapPanel.js adds behaviour through `data-action` attributes.
 */
import type { CategorySummary, CoverageStatus, Gap, OverallSummary } from '../../../server/src/protocol';

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
}

export interface GapViewModel {
  roots: GapRoot[];
  missingSections: DocumentIssue[];
  overdueReviews: DocumentIssue[];
  /** Set while the server is still indexing. */
  loading?: boolean;
}

const STATUS_LABEL: Record<CoverageStatus, string> = {
  covered: 'covered',
  'draft-only': 'draft only',
  uncovered: 'uncovered',
  excluded: 'excluded',
  'out-of-scope': 'out of scope',
};

/** Status as a glyph too, so the heat map does not rely on colour alone. */
const STATUS_GLYPH: Record<CoverageStatus, string> = {
  covered: '✓',
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

function summary(root: GapRoot): string {
  const rows = root.categories.map((c) => {
    const label = c.inScope ? `${c.percent}%` : 'out of scope';
    const meter = c.inScope && c.applicable
      ? `<meter${attrs({ min: 0, max: c.applicable, value: c.covered, 'aria-label': `${c.title}: ${c.covered} of ${c.applicable} covered` })}></meter>`
      : '<span class="muted">—</span>';
    return `<tr${attrs({ class: c.inScope ? undefined : 'muted' })}><th scope="row">${esc(c.title)}</th><td class="num">${esc(label)}</td><td>${meter}</td>`
      + `<td class="num">${c.covered}/${c.applicable}</td><td class="num">${c.draftOnly}</td><td class="num">${c.uncovered}</td><td class="num">${c.excluded}</td></tr>`;
  }).join('');
  const o = root.overall;
  return `<div class="overall"><span class="big">${o.percent}%</span><span>of in-scope criteria covered`
    + ` <span class="muted">(${o.covered}/${o.applicable}; ${o.draftOnly} draft only, ${o.uncovered} uncovered, ${o.excluded} excluded)</span></span></div>`
    + (root.scopeDeclared ? '' : '<p class="note">No soc2-policy.yaml declares the scope: it is inferred from what documents map.</p>')
    + '<table class="summary"><thead><tr><th scope="col">Category</th><th scope="col">Coverage</th><th scope="col"><span class="sr-only">Bar</span></th>'
    + '<th scope="col">Covered</th><th scope="col">Draft only</th><th scope="col">Uncovered</th><th scope="col">Excluded</th></tr></thead>'
    + `<tbody>${rows}</tbody></table>`;
}

function heatMap(root: GapRoot): string {
  const legend = (Object.keys(STATUS_LABEL) as CoverageStatus[])
    .map((s) => `<li><span class="swatch s-${s}" aria-hidden="true">${STATUS_GLYPH[s]}</span>${esc(STATUS_LABEL[s])}</li>`).join('');
  const rows = root.series.map((series) => {
    const cells = series.cells.map((c) => {
      const label = `${c.id} · ${c.title} — ${STATUS_LABEL[c.status]}`;
      return `<button${attrs({
        type: 'button', class: `cell s-${c.status}`, 'data-action': 'reveal', 'data-id': c.id, 'data-key': `cell:${root.rootUri}:${c.id}`,
        title: label, 'aria-label': label, tabindex: -1,
      })}><span class="glyph" aria-hidden="true">${STATUS_GLYPH[c.status]}</span>${esc(c.id)}</button>`;
    }).join('');
    return `<div class="series" role="group"${attrs({ 'aria-label': `${series.id} ${series.title}` })}>`
      + `<div class="series-title"${attrs({ title: series.title })}>${esc(series.id)} <span class="muted">${esc(series.title)}</span></div>`
      + `<div class="cells">${cells}</div></div>`;
  }).join('');
  return `<ul class="legend" aria-label="Legend">${legend}</ul>`
    + `<div class="heatmap" role="group" aria-label="Heat map: every criterion by series; arrow keys move, Enter reveals it in the coverage tree">${rows}</div>`
    + '<p class="cell-detail muted" aria-live="polite">Hover or focus a cell to see its criterion; click it to reveal it in the coverage tree.</p>';
}

function gapList(root: GapRoot): string {
  const uncovered = root.gaps.filter((g) => g.status === 'uncovered');
  const drafts = root.gaps.filter((g) => g.status === 'draft-only');
  const uncoveredItems = uncovered.map((g) => {
    const buttons = g.suggestedTemplates.slice(0, 3).map((t) => `<button${attrs({
      type: 'button', class: 'secondary', 'data-action': 'create', 'data-id': g.id, 'data-template': t.id, 'data-key': `create:${g.id}:${t.id}`,
      title: `New document from the "${t.title}" template, with ${g.id} mapped`,
    })}>Create policy: ${esc(t.title)}</button>`).join('');
    const fallback = g.suggestedTemplates.length ? '' : `<button${attrs({
      type: 'button', class: 'secondary', 'data-action': 'create', 'data-id': g.id, 'data-key': `create:${g.id}`,
    })}>Create policy…</button>`;
    return `<li><button${attrs({ type: 'button', class: 'link', 'data-action': 'reveal', 'data-id': g.id, 'data-key': `gap:${g.id}` })}>${esc(g.id)}</button> ${esc(g.title)}`
      + `<div class="actions">${g.suggestedTemplates.length ? '<span class="muted">Suggested:</span> ' : ''}${buttons}${fallback}</div></li>`;
  }).join('');
  const draftItems = drafts.map((g) => {
    const docs = g.documents.map((d) => `<button${attrs({
      type: 'button', class: 'link', 'data-action': 'open', 'data-uri': d.uri, 'data-line': d.locations[0]?.range.start.line ?? 0, 'data-key': `draft:${g.id}:${d.uri}`,
    })}>${esc(d.title || d.docId)}</button> <span class="muted">(${esc(d.status)})</span>`).join(', ');
    return `<li><button${attrs({ type: 'button', class: 'link', 'data-action': 'reveal', 'data-id': g.id, 'data-key': `gap:${g.id}` })}>${esc(g.id)}</button> ${esc(g.title)}`
      + `<div class="actions muted">Covered once approved: ${docs}</div></li>`;
  }).join('');
  return `<h3>Uncovered criteria <span class="count">${uncovered.length}</span></h3>`
    + (uncovered.length ? `<ul class="gaps uncovered">${uncoveredItems}</ul>` : '<p class="muted">None: every in-scope criterion is mapped.</p>')
    + (drafts.length ? `<h3>Covered by drafts only <span class="count">${drafts.length}</span></h3><ul class="gaps drafts">${draftItems}</ul>` : '');
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
export function renderGapBody(model: GapViewModel): string {
  if (model.loading) return '<p class="muted" role="status">Indexing policies…</p>';
  if (!model.roots.length) return '<p class="muted">No policy workspace is open. Run “SOC 2: Initialize Workspace” to start one.</p>';
  const multiRoot = model.roots.length > 1;
  const roots = model.roots.map((root) => `<section class="root"${attrs({ 'aria-label': root.name })}>`
    + (multiRoot ? `<h2 class="root-name">${esc(root.name)}</h2>` : '')
    + `<h2>Summary</h2>${summary(root)}<h2>Heat map</h2>${heatMap(root)}<h2>Gaps</h2>${gapList(root)}</section>`).join('');
  const exportButtons = EXPORTS.map(([format, label]) => `<button${attrs({
    type: 'button', 'data-action': 'export', 'data-format': format, 'data-key': `export:${format}`, title: `Save the coverage report as ${label}`,
  })}>Export ${esc(label)}</button>`).join('');
  return `<div class="toolbar" role="toolbar" aria-label="Export">${exportButtons}</div>${roots}`
    + issueList('Documents with missing sections', 'missing-sections', model.missingSections, 'Every document has its required sections.')
    + issueList('Overdue reviews', 'overdue-reviews', model.overdueReviews, 'No review is overdue.');
}

export interface PageResources {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

/** The whole document: strict CSP (no inline code, nothing remote), our stylesheet and script only. */
export function renderGapPage(res: PageResources, body: string): string {
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
<link rel="stylesheet" href="${esc(res.styleUri)}">
<title>SOC 2 Gap Analysis</title>
</head>
<body>
<h1>SOC 2 Gap Analysis</h1>
<main id="main">${body}</main>
<script nonce="${esc(res.nonce)}" src="${esc(res.scriptUri)}"></script>
</body>
</html>`;
}
