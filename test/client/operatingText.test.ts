import { strict as assert } from 'node:assert';
import type { CriterionCoverage, RootCoverage } from '../../server/src/protocol';
import { fillIn, renderGapBody, type GapViewModel } from '../../client/src/views/gapPanelHtml';
import { criterionDescription, operatingDetail, operatingLabel } from '../../client/src/views/operatingText';
import { operatingGapsOf, renderOperatingGaps } from '../../client/src/views/operatingGapsHtml';

const doc = { uri: 'file:///w/p.md', docId: 'p', title: 'P', status: 'approved', locations: [] };
const EVIL = '<img src=x onerror="alert(1)">';

function criterion(id: string, fields: Partial<CriterionCoverage>): CriterionCoverage {
  return { id, title: `Title of ${id}`, category: 'security', series: id.slice(0, 3), status: 'covered', documents: [doc], ...fields };
}

describe('operating coverage in the editor', () => {
  it('coverage tree: designed and operating side by side in the description', () => {
    const gaps = criterion('CC7.1', { operating: { status: 'operating-gaps', obligations: ['patch', 'scan'], missing: 3 }, documents: [doc, doc] });
    assert.equal(criterionDescription(gaps, 'covered', fillIn), 'covered · operating gaps (3 missing) · 2 docs');
    const one = criterion('CC6.3', { operating: { status: 'operating-gaps', obligations: ['access-review'], missing: 1 } });
    assert.equal(criterionDescription(one, 'covered', fillIn), 'covered · operating gaps (1 missing) · 1 doc');
    const none = criterion('CC1.1', { status: 'uncovered', documents: [], operating: { status: 'not-evidenced', obligations: [], missing: 0 } });
    assert.equal(criterionDescription(none, 'uncovered', fillIn), 'uncovered · not evidenced');
    const fine = criterion('CC7.4', { operating: { status: 'operating', obligations: ['tabletop'], missing: 0 } });
    assert.equal(criterionDescription(fine, 'covered', fillIn), 'covered · operating · 1 doc');
  });

  it('coverage tree: without a Type II audit the description is what it always was', () => {
    assert.equal(criterionDescription(criterion('CC6.1', {}), 'covered', fillIn), '1 doc');
    assert.equal(criterionDescription(criterion('CC6.1', { status: 'draft-only' }), 'draft only', fillIn), 'draft only · 1 doc');
    assert.equal(criterionDescription(criterion('CC6.1', { status: 'uncovered', documents: [] }), 'uncovered', fillIn), 'uncovered');
  });

  it('words the tooltip and the accessible label through the translator', () => {
    const operating = { status: 'operating-gaps' as const, obligations: ['patch', 'scan'], missing: 2 };
    assert.equal(operatingDetail(operating, fillIn), 'Operating gaps: 2 closed windows of patch, scan have no record.');
    const seen: string[] = [];
    operatingLabel(operating, (message, ...args) => (seen.push(message), fillIn(message, ...args)));
    assert.deepEqual(seen, ['operating gaps ({0} missing)'], 'the message key, not a built string, is translated');
  });

  it('gap panel: operating gaps are their own group, escaped, each revealing its criterion', () => {
    const root: Pick<RootCoverage, 'criteria' | 'summary'> = {
      criteria: [
        criterion('CC7.1', { title: `Scans ${EVIL}`, operating: { status: 'operating-gaps', obligations: ['patch', `x${EVIL}`], missing: 2 } }),
        criterion('CC7.4', { operating: { status: 'operating', obligations: ['tabletop'], missing: 0 } }),
        criterion('CC1.1', { status: 'uncovered', operating: { status: 'not-evidenced', obligations: [], missing: 0 } }),
      ],
      summary: { categories: [], overall: { applicable: 3, covered: 2, draftOnly: 0, uncovered: 1, excluded: 0, percent: 66.7 }, operating: { operating: 1, operatingGaps: 1, notEvidenced: 1, missing: 2 } },
    };
    const operating = operatingGapsOf(root);
    assert.deepEqual(operating?.gaps.map((g) => [g.id, g.missing]), [['CC7.1', 2]]);
    const html = renderOperatingGaps('file:///w', operating, fillIn);
    assert.match(html, /<h3>Operating gaps <span class="count">1<\/span><\/h3>/);
    assert.match(html, /Type II evidence so far: 1 operating, 1 with gaps \(2 missing samples\), 1 not evidenced\./);
    assert.match(html, /<button type="button" class="link" data-action="reveal" data-id="CC7\.1"[^>]*>CC7\.1<\/button>/);
    assert.match(html, /2 missing samples · obligations: patch, x&#60;img/);
    assert.ok(!html.includes('<img'), 'workspace text is escaped');
  });

  it('gap panel: nothing new without a Type II audit', () => {
    const root = { criteria: [criterion('CC6.1', {})], summary: { categories: [], overall: { applicable: 1, covered: 1, draftOnly: 0, uncovered: 0, excluded: 0, percent: 100 } } };
    assert.equal(operatingGapsOf(root), undefined);
    const model: GapViewModel = {
      roots: [{ rootUri: 'file:///w', name: 'w', scopeDeclared: true, categories: [], overall: root.summary.overall, series: [], gaps: [], operating: operatingGapsOf(root) }],
      missingSections: [], overdueReviews: [],
    };
    assert.doesNotMatch(renderGapBody(model), /Operating gaps/);
    const typeII: GapViewModel = { ...model, roots: [{ ...model.roots[0], operating: { summary: { operating: 1, operatingGaps: 0, notEvidenced: 0, missing: 0 }, gaps: [] } }] };
    assert.match(renderGapBody(typeII), /Operating gaps <span class="count">0<\/span>.*None: every closed window of every obligation has a record so far\./s);
  });
});
