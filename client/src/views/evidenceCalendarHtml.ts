/**
 * The evidence calendar of the gap panel: a row per obligation (overdue first), a cell per window of the audit period.
 * Pure (no vscode import), like gapPanelHtml.ts. The data is the server's `soc2Policy/evidence` answer as is; nothing
 * is recomputed here. Each cell has a glyph, and its title and aria-label say the window and its status, so the
 * calendar reads without colour; colours come from classes (the CSP allows no inline style).
 */
import type { EvidenceObligationInfo, EvidenceWindowInfo, EvidenceWindowStatus, RootEvidence } from '../../../server/src/protocol';
import { esc, type Translate } from './gapPanelHtml';

/** Worst first: an obligation sorts (and shows, in the Evidence view) by the worst of its windows. */
export const EVIDENCE_SEVERITY: readonly EvidenceWindowStatus[] = ['missing', 'failed', 'due', 'recorded', 'future'];

export function worstStatus(obligation: EvidenceObligationInfo): EvidenceWindowStatus {
  return EVIDENCE_SEVERITY.find((s) => obligation.windows.some((w) => w.status === s)) ?? 'recorded';
}

const GLYPH: Record<EvidenceWindowStatus, string> = { recorded: '✓', failed: '!', missing: '✕', due: '…', future: '·' };

function statusLabel(status: EvidenceWindowStatus, t: Translate): string {
  switch (status) {
    case 'recorded': return t('recorded');
    case 'failed': return t('failed');
    case 'missing': return t('missing');
    case 'due': return t('due');
    case 'future': return t('future');
  }
}

/** "Q2", "07", "H1", "2026", "01-15": the window's name without the year the period already gives (the title has it all). */
function shortLabel(window: EvidenceWindowInfo): string {
  const unit = /^\d{4}-((?:\d{2})|Q\d|H\d|W\d{1,2})$/.exec(window.label);
  if (unit) return unit[1];
  return /^\d{4}$/.test(window.label) ? window.label : window.start.slice(5);
}

function windowCell(root: RootEvidence, obligation: EvidenceObligationInfo, window: EvidenceWindowInfo, t: Translate): string {
  const status = window.status === 'missing' ? t('missing, was due {0}', window.dueBy)
    : window.status === 'due' ? t('due by {0}', window.dueBy)
      : statusLabel(window.status, t);
  const label = t('{0} {1} ({2} to {3}): {4}', obligation.id, window.label, window.start, window.end, status);
  // A window with a record opens it; one without opens the obligation that asks for it (as the Evidence view does).
  const [uri, line] = window.records.length ? [window.records[0], 0] : [obligation.documentUri, obligation.range.start.line];
  return `<button type="button" class="ev-cell s-ev-${window.status}" data-action="open" data-uri="${esc(uri)}" data-line="${line}"`
    + ` data-status="${window.status}" data-key="ev:${esc(root.rootUri)}:${esc(obligation.id)}:${esc(window.start)}" title="${esc(label)}" aria-label="${esc(label)}">`
    + `<span class="glyph" aria-hidden="true">${GLYPH[window.status]}</span>${esc(shortLabel(window))}</button>`;
}

function row(root: RootEvidence, obligation: EvidenceObligationInfo, t: Translate): string {
  const name = `<button type="button" class="link" data-action="open" data-uri="${esc(obligation.documentUri)}" data-line="${obligation.range.start.line}"`
    + ` data-key="ev:${esc(root.rootUri)}:${esc(obligation.id)}" title="${esc(t('Open the obligation ({0})', obligation.schedule))}">${esc(obligation.id)}</button>`;
  const cells = obligation.windows.length
    ? `<div class="ev-cells" role="group" aria-label="${esc(t('Windows of {0}', obligation.id))}">${obligation.windows.map((w) => windowCell(root, obligation, w, t)).join('')}</div>`
    : `<span class="muted">${esc(t('Per event: counted, not scheduled'))}</span>`;
  return `<tr data-obligation="${esc(obligation.id)}"><th scope="row">${name}<div class="ev-summary muted">${esc(obligation.summary)}</div></th><td>${cells}</td></tr>`;
}

/** The calendar of one root, or nothing without a Type II audit period and obligations. */
export function renderEvidenceCalendar(root: RootEvidence | undefined, t: Translate): string {
  if (!root?.period || !root.obligations.length) return '';
  const rank = (o: EvidenceObligationInfo) => (o.windows.length ? EVIDENCE_SEVERITY.indexOf(worstStatus(o)) : EVIDENCE_SEVERITY.length);
  const obligations = [...root.obligations].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  const missing = root.obligations.reduce((n, o) => n + o.windows.filter((w) => w.status === 'missing').length, 0);
  const legend = EVIDENCE_SEVERITY.map((s) => `<li><span class="swatch s-ev-${s}" aria-hidden="true">${GLYPH[s]}</span>${esc(statusLabel(s, t))}</li>`).join('');
  return `<section class="evidence-calendar" aria-label="${esc(t('Evidence calendar'))}">`
    + `<h2>${esc(t('Evidence calendar'))} <span class="count" title="${esc(t('{0} windows missing', missing))}">${missing}</span></h2>`
    + `<p class="muted">${esc(t('Audit period {0} to {1}. Overdue first; click a window to open its record, or the obligation when it has none.', root.period.start, root.period.end))}</p>`
    + `<ul class="legend" aria-label="${esc(t('Legend'))}">${legend}</ul>`
    + `<table class="ev-calendar"><tbody>${obligations.map((o) => row(root, o, t)).join('')}</tbody></table></section>`;
}
