/**
 * The gap panel's "Operating gaps" group (Type II audits only): criteria whose evidence obligations left a closed
 * window without a record. Pure (no vscode import), like gapPanelHtml.ts: workspace text goes through `esc`, and each
 * criterion is a `reveal` button media/gapPanel.js turns into a message.
 */
import type { CoverageStatus, OperatingSummary, RootCoverage } from '../../../server/src/protocol';
import { esc, type Translate } from './gapPanelHtml';

export interface OperatingGap {
  id: string;
  title: string;
  /** The designed status, shown beside the evidence. */
  status: CoverageStatus;
  missing: number;
  obligations: string[];
}

export interface OperatingGaps {
  summary: OperatingSummary;
  gaps: OperatingGap[];
}

/** The root's operating gaps; undefined when it has no Type II audit period (then the panel shows nothing new). */
export function operatingGapsOf(root: Pick<RootCoverage, 'criteria' | 'summary'>): OperatingGaps | undefined {
  const summary = root.summary.operating;
  if (!summary) return undefined;
  const gaps = root.criteria.flatMap((c) => (c.operating?.status === 'operating-gaps'
    ? [{ id: c.id, title: c.title, status: c.status, missing: c.operating.missing, obligations: c.operating.obligations }]
    : []));
  return { summary, gaps };
}

export function renderOperatingGaps(rootUri: string, operating: OperatingGaps | undefined, t: Translate): string {
  if (!operating) return '';
  const s = operating.summary;
  const items = operating.gaps.map((g) => {
    const reveal = `<button type="button" class="link" data-action="reveal" data-id="${esc(g.id)}" data-key="${esc(`operating:${rootUri}:${g.id}`)}">${esc(g.id)}</button>`;
    const missing = g.missing === 1 ? t('1 missing sample') : t('{0} missing samples', g.missing);
    return `<li>${reveal} ${esc(g.title)}<div class="actions muted">${esc(t('{0} · obligations: {1}', missing, g.obligations.join(', ')))}</div></li>`;
  }).join('');
  return `<h3>${esc(t('Operating gaps'))} <span class="count">${operating.gaps.length}</span></h3>`
    + `<p class="muted operating-summary">${esc(t('Type II evidence so far: {0} operating, {1} with gaps ({2} missing samples), {3} not evidenced.', s.operating, s.operatingGaps, s.missing, s.notEvidenced))}</p>`
    + (operating.gaps.length ? `<ul class="gaps operating-gaps">${items}</ul>` : `<p class="muted">${esc(t('None: every closed window of every obligation has a record so far.'))}</p>`);
}
