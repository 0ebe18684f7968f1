import { strict as assert } from 'node:assert';
import type { EvidenceObligationInfo, EvidenceWindowInfo, EvidenceWindowStatus, RootEvidence } from '../../server/src/protocol';
import { renderEvidenceCalendar } from '../../client/src/views/evidenceCalendarHtml';
import { fillIn, renderGapBody, type GapViewModel } from '../../client/src/views/gapPanelHtml';

const EVIL = '<img src=x onerror="alert(1)">\'`&';
const at = (line: number) => ({ start: { line, character: 8 }, end: { line, character: 20 } });

function window(label: string, start: string, end: string, status: EvidenceWindowStatus, records: string[] = []): EvidenceWindowInfo {
  return { label, start, end, status, dueBy: end, records };
}

function obligation(id: string, windows: EvidenceWindowInfo[], extra: Partial<EvidenceObligationInfo> = {}): EvidenceObligationInfo {
  return { id, documentUri: `file:///w/policies/${id}.md`, range: at(11), schedule: 'every quarter', criteria: ['CC6.2'], summary: `summary of ${id}`, windows, recordsInPeriod: [], ...extra };
}

const quarters = (statuses: EvidenceWindowStatus[]) => statuses.map((status, i) => window(`2026-Q${i + 1}`, `2026-${String(i * 3 + 1).padStart(2, '0')}-01`, `2026-${String(i * 3 + 3).padStart(2, '0')}-28`, status, status === 'recorded' || status === 'failed' ? [`file:///w/evidence/q${i + 1}.md`] : []));

const root: RootEvidence = {
  rootUri: 'file:///w', name: 'w', period: { start: '2026-01-01', end: '2026-12-31' },
  obligations: [
    obligation('a-clean', quarters(['recorded', 'recorded', 'due', 'future'])),
    obligation('offboarding', [], { schedule: 'on event', summary: '3 records in the period (per event)' }),
    obligation('z-overdue', quarters(['recorded', 'missing', 'failed', 'due'])),
  ],
};

/** Rows in order, each with its cells' statuses, from the rendered HTML. */
function rows(html: string): { id: string; statuses: string[] }[] {
  return [...html.matchAll(/<tr data-obligation="([^"]*)">([\s\S]*?)<\/tr>/g)]
    .map((m) => ({ id: m[1], statuses: [...m[2].matchAll(/data-status="([a-z]+)"/g)].map((s) => s[1]) }));
}

describe('evidence calendar in the gap panel', () => {
  const html = renderEvidenceCalendar(root, fillIn);

  it('draws a row per obligation, overdue first, and a cell per window with its status', () => {
    assert.deepEqual(rows(html), [
      { id: 'z-overdue', statuses: ['recorded', 'missing', 'failed', 'due'] },
      { id: 'a-clean', statuses: ['recorded', 'recorded', 'due', 'future'] },
      { id: 'offboarding', statuses: [] },
    ]);
    assert.match(html, /<h2>Evidence calendar <span class="count"[^>]*>1<\/span><\/h2>/, 'the count is of missing windows');
    assert.match(html, /Audit period 2026-01-01 to 2026-12-31/);
    assert.match(html, /Per event: counted, not scheduled/);
  });

  it('says each window\'s status in words and a glyph, not only in colour', () => {
    const missing = /<button[^>]*data-status="missing"[^>]*>[\s\S]*?<\/button>/.exec(html)![0];
    assert.match(missing, /class="ev-cell s-ev-missing"/);
    assert.match(missing, /aria-label="z-overdue 2026-Q2 \(2026-04-01 to 2026-06-28\): missing, was due 2026-06-28"/);
    assert.match(missing, /title="z-overdue 2026-Q2/);
    assert.match(missing, /<span class="glyph" aria-hidden="true">✕<\/span>Q2<\/button>$/);
    for (const word of ['recorded', 'failed', 'missing', 'due', 'future']) assert.match(html, new RegExp(`<li><span class="swatch s-ev-${word}" aria-hidden="true">.</span>${word}</li>`));
    assert.ok(!/style=/.test(html), 'no inline style: the CSP forbids it');
  });

  it('opens a window\'s record, or the obligation for a window without one', () => {
    assert.match(html, /data-uri="file:\/\/\/w\/evidence\/q1\.md" data-line="0" data-status="recorded"/);
    assert.match(html, /data-uri="file:\/\/\/w\/policies\/z-overdue\.md" data-line="11" data-status="missing"/);
  });

  it('escapes workspace text: ids, summaries, schedules and URIs', () => {
    const hostile = renderEvidenceCalendar({
      ...root,
      obligations: [obligation(`x${EVIL}`, [window(`2026-Q1${EVIL}`, '2026-01-01', '2026-03-31', 'missing')], {
        documentUri: 'file:///w/p.md?"><script>', summary: `sum ${EVIL}`, schedule: `cron "${EVIL}"`,
      })],
    }, fillIn);
    assert.ok(!hostile.includes('<img') && !hostile.includes('<script') && !/onerror="/.test(hostile), hostile);
    assert.match(hostile, /sum &#60;img src=x onerror=&#34;alert\(1\)&#34;&#62;&#39;&#96;&#38;/);
  });

  it('shows nothing without an audit period or obligations', () => {
    assert.equal(renderEvidenceCalendar(undefined, fillIn), '');
    assert.equal(renderEvidenceCalendar({ rootUri: 'file:///w', name: 'w', obligations: [] }, fillIn), '');
    assert.equal(renderEvidenceCalendar({ ...root, obligations: [] }, fillIn), '');
  });

  it('is part of the gap panel\'s root section when the root has a calendar', () => {
    const model: GapViewModel = {
      roots: [{
        rootUri: 'file:///w', name: 'w', scopeDeclared: true, categories: [], gaps: [], series: [],
        overall: { applicable: 0, covered: 0, draftOnly: 0, uncovered: 0, excluded: 0, percent: 0 }, evidence: root,
      }],
      missingSections: [], overdueReviews: [],
    };
    assert.match(renderGapBody(model), /<section class="root"[^>]*>[\s\S]*<section class="evidence-calendar"[\s\S]*<\/section><\/section>/);
    assert.doesNotMatch(renderGapBody({ ...model, roots: [{ ...model.roots[0], evidence: undefined }] }), /evidence-calendar/);
  });
});
