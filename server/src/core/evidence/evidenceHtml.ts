import { formatDate, type DateOnly } from '../dates';
import { basename, relativePath } from '../paths';
import { escapeHtml as esc } from '../report/escape';
import { describeSchedule } from './obligations';
import type { EvidencePlan, ObligationPlan, PlannedWindow, WindowStatus } from './plan';
import { obligationSummary } from './report';

/** How each window status is named and marked; the mark and the word keep the calendar readable without colour. */
const WINDOW_STYLES: readonly { status: WindowStatus; label: string; mark: string }[] = [
  { status: 'recorded', label: 'recorded', mark: '✓' },
  { status: 'missing', label: 'missing', mark: '✗' },
  { status: 'due', label: 'due', mark: '…' },
  { status: 'future', label: 'future', mark: '·' },
];
const styleOf = (status: WindowStatus) => WINDOW_STYLES.find((s) => s.status === status)!;

const STYLE = `
:root { --recorded: #2e7d32; --recorded-ink: #fff; --missing: #c62828; --missing-ink: #fff; --due: #1565c0; --due-ink: #fff;
  --future: #e6e6e6; --future-ink: #444; --ink: #1b1b1b; --muted: #5f6368; --line: #d9d9d9; --page: #fff; }
@media (prefers-color-scheme: dark) { :root { --ink: #e8e8e8; --muted: #a8a8a8; --line: #3a3a3a; --page: #161616; --future: #3a3a3a; --future-ink: #ddd; } }
body { margin: 0 auto; max-width: 96rem; padding: 2rem 1.5rem 4rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--page); }
h1 { margin: 0 0 .25rem; font-size: 1.8rem; }
h2 { margin: 2.5rem 0 .75rem; font-size: 1.3rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
.meta, .muted { color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; margin: 0 0 1rem; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: .4rem; }
.swatch { display: inline-flex; align-items: center; justify-content: center; width: 1.3rem; height: 1.3rem; border-radius: 4px; font-size: .8rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
table.calendar th[scope="row"] { min-width: 15rem; max-width: 26rem; font-weight: normal; }
table.calendar td.w { width: 4.8rem; min-width: 4.8rem; height: 3rem; border: 2px solid var(--page); border-radius: 4px; text-align: center; vertical-align: middle; font-size: .8rem; line-height: 1.3; }
td.w .when { display: block; font-weight: 600; white-space: nowrap; }
td.w .when small { font-weight: normal; }
.s-recorded { background: var(--recorded); color: var(--recorded-ink); }
.s-missing { background: var(--missing); color: var(--missing-ink); }
.s-due { background: var(--due); color: var(--due-ink); }
.s-future { background: var(--future); color: var(--future-ink); }
td .status { display: inline-block; padding: 0 .4rem; border-radius: 4px; white-space: nowrap; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; }
@media print { body { max-width: none; padding: 0; } td.w, .swatch, td .status { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

export interface EvidenceHtmlOptions {
  /** The day the statuses were judged on. */
  asOf?: DateOnly;
}

/**
 * The evidence calendar as one self-contained page (inline CSS, no scripts, nothing remote), to attach to an audit
 * request: a row per obligation with a cell per window, then the auditor's request list. Every value from documents
 * or config is HTML-escaped.
 */
export function renderEvidenceHtml(plan: EvidencePlan, root: string, options: EvidenceHtmlOptions = {}): string {
  const name = basename(root);
  const period = `${formatDate(plan.period.start)} to ${formatDate(plan.period.end)}`;
  const asOf = options.asOf ? ` · status as of ${formatDate(options.asOf)}` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evidence calendar · ${esc(name)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Evidence calendar</h1>
<p class="meta">Workspace <code>${esc(name)}</code> · audit period ${period}${asOf}</p>
<p>${totals(plan)}</p>
</header>
<main>
${plan.obligations.length ? calendar(plan, root) : '<p>No evidence obligations. Declare them under <code>evidence:</code> in a policy or procedure.</p>'}
${requestList(plan, root)}
</main>
</body>
</html>
`;
}

function totals(plan: EvidencePlan): string {
  const windows = plan.obligations.flatMap((o) => o.windows);
  const counts = WINDOW_STYLES.map((s) => `${windows.filter((w) => w.status === s.status).length} ${s.label}`);
  return `${plan.obligations.length} obligation${plan.obligations.length === 1 ? '' : 's'}, ${windows.length} scheduled window${windows.length === 1 ? '' : 's'}: ${counts.join(', ')}.`;
}

function legend(): string {
  const items = WINDOW_STYLES.map((s) => `<li><span class="swatch s-${s.status}" aria-hidden="true">${s.mark}</span>${s.label}</li>`);
  return `<ul class="legend" aria-label="Legend">${items.join('')}</ul>`;
}

function windowTip(obligation: ObligationPlan, w: PlannedWindow): string {
  const due = w.status === 'missing' ? ` (was due ${formatDate(w.dueBy)})` : w.status === 'due' ? ` (due by ${formatDate(w.dueBy)})` : '';
  return `${obligation.obligation.id} ${w.label}: ${formatDate(w.start)} to ${formatDate(w.end)}, ${w.status}${due}`;
}

function windowCell(obligation: ObligationPlan, w: PlannedWindow): string {
  const style = styleOf(w.status);
  // A cron window's label is its two dates: one per line keeps the columns narrow.
  const when = w.label.includes('..') ? `${formatDate(w.start)}<br><small>to ${formatDate(w.end)}</small>` : esc(w.label);
  return `<td class="w s-${w.status}" title="${esc(windowTip(obligation, w))}"><span class="when">${when}</span><span aria-hidden="true">${style.mark}</span> ${style.label}</td>`;
}

function calendar(plan: EvidencePlan, root: string): string {
  // Rows hold different numbers of windows (12 months, 4 quarters): the shorter ones end in one empty cell.
  const width = Math.max(1, ...plan.obligations.map((o) => o.windows.length));
  const rows = plan.obligations.map((item) => {
    const { obligation } = item;
    const head = `<th scope="row"><strong>${esc(obligation.id)}</strong> · ${esc(describeSchedule(obligation.schedule))}${obligation.kind ? ` · ${esc(obligation.kind)}` : ''}`
      + `<br><code>${esc(relativePath(root, obligation.document))}</code><br><span class="muted">${esc(obligationSummary(item))}</span></th>`;
    if (!item.windows.length) return `<tr data-obligation="${esc(obligation.id)}">${head}<td colspan="${width}" class="muted">${item.recordsInPeriod.length} record${item.recordsInPeriod.length === 1 ? '' : 's'} in the period, counted per event</td></tr>`;
    const rest = width - item.windows.length;
    return `<tr data-obligation="${esc(obligation.id)}">${head}${item.windows.map((w) => windowCell(item, w)).join('')}${rest ? `<td colspan="${rest}"></td>` : ''}</tr>`;
  });
  return `<section aria-labelledby="calendar"><h2 id="calendar">Calendar</h2>
${legend()}
<div class="scroll"><table class="calendar">
<thead><tr><th scope="col">Obligation</th><th scope="col" colspan="${width}">Windows in the period</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
</section>`;
}

/** What the auditor will sample and where each record lives: a row per window (per event obligation, one row). */
function requestList(plan: EvidencePlan, root: string): string {
  const rel = (file: string) => `<code>${esc(relativePath(root, file))}</code>`;
  const rows: string[] = [];
  for (const item of plan.obligations) {
    const { obligation } = item;
    const base = `<td>${esc(obligation.id)}</td><td>${esc(obligation.criteria.join(', '))}</td><td>${esc(obligation.owner ?? '')}</td>`;
    if (!item.windows.length) {
      rows.push(`<tr>${base}<td>the period, per event</td><td>${item.recordsInPeriod.length} records</td><td></td><td>${item.recordsInPeriod.map(rel).join('<br>') || '<span class="muted">none</span>'}</td></tr>`);
      continue;
    }
    for (const w of item.windows) {
      const style = styleOf(w.status);
      rows.push(`<tr>${base}<td>${esc(w.label)}<br><span class="muted">${formatDate(w.start)} to ${formatDate(w.end)}</span></td>`
        + `<td><span class="status s-${w.status}">${style.mark} ${style.label}</span></td><td>${formatDate(w.dueBy)}</td>`
        + `<td>${w.records.map(rel).join('<br>') || '<span class="muted">none</span>'}</td></tr>`);
    }
  }
  return `<section aria-labelledby="requests"><h2 id="requests">Request list</h2>
<p class="muted">Each window the auditor may sample, with the records that show the control ran in it.</p>
<table class="requests">
<thead><tr><th scope="col">Obligation</th><th scope="col">Criteria</th><th scope="col">Owner</th><th scope="col">Window</th><th scope="col">Status</th><th scope="col">Due by</th><th scope="col">Records</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}
