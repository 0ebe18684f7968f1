import { strict as assert } from 'node:assert';
import type { RootRisks } from '../../server/src/protocol';
import { fillIn } from '../../client/src/views/gapPanelHtml';
import { renderRiskHeatMap } from '../../client/src/views/riskHeatMapHtml';

const levels = [
  { id: 'low', name: 'Low', color: '#2e7d32', review: '12 months' },
  { id: 'high', name: 'High <b>', color: '#c62828', review: '3 months' },
];
const cell = (likelihood: number, impact: number, level: string, risks: string[] = []) => ({ likelihood, impact, level, color: '#000', risks });
const zero = { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } };

function root(risks: RootRisks['risks']): RootRisks {
  const rows = [[cell(2, 1, 'low'), cell(2, 2, 'high', risks.map((r) => r.id))], [cell(1, 1, 'low'), cell(1, 2, 'low')]];
  return { rootUri: 'file:///w', name: 'w', levels, risks, heatMap: { inherent: rows, residual: rows } };
}

describe('risk heat map in the gap panel', () => {
  it('lists each cell\'s risks as buttons that open them, escaping workspace text', () => {
    const html = renderRiskHeatMap(root([{
      id: 'R-1"><script>', uri: 'file:///w/risks/R-1.md', range: zero, title: '<img src=x>', owner: null, treatment: null,
      inherent: null, residual: null, nextReview: null, overdue: false,
    }]), fillIn);
    assert.match(html, /<caption>Inherent<\/caption>[\s\S]*<caption>Residual<\/caption>/);
    assert.match(html, /data-action="open" data-uri="file:\/\/\/w\/risks\/R-1\.md" data-line="1"/);
    assert.ok(!html.includes('<script>') && !html.includes('<img') && !html.includes('<b>'), html);
    assert.match(html, /class="risk-cell lvl-0"[^>]*aria-label="Likelihood 2, impact 2: High &#60;b&#62;, 1 risks"/);
    assert.ok(!/style=/.test(html), 'no inline style: the CSP forbids it');
  });

  it('renders nothing for a root without risks', () => {
    assert.equal(renderRiskHeatMap(root([]), fillIn), '');
    assert.equal(renderRiskHeatMap(undefined, fillIn), '');
  });
});
