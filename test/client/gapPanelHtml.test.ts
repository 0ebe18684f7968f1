import { strict as assert } from 'node:assert';
import type { CategorySummary } from '../../server/src/protocol';
import { esc, renderGapBody, renderGapPage, type GapViewModel } from '../../client/src/views/gapPanelHtml';

const EVIL = '<img src=x onerror="alert(1)">\'`&';
const category = (id: string, inScope = true): CategorySummary => ({
  id, title: `${id} ${EVIL}`, inScope, total: 2, applicable: inScope ? 2 : 0, covered: 1, draftOnly: 0, uncovered: 1, excluded: 0, percent: inScope ? 50 : 0,
});

const model: GapViewModel = {
  roots: [{
    rootUri: 'file:///w', name: `acme ${EVIL}`, scopeDeclared: true,
    categories: [category('security'), category('privacy', false)],
    overall: { applicable: 2, covered: 1, draftOnly: 0, uncovered: 1, excluded: 0, percent: 50 },
    series: [{ id: 'CC1', title: `Control ${EVIL}`, category: 'security', cells: [
      { id: 'CC1.1', title: `Integrity ${EVIL}`, status: 'covered' },
      { id: 'CC1.2', title: 'Board', status: 'uncovered' },
    ] }, { id: 'P1', title: 'Notice', category: 'privacy', cells: [{ id: 'P1.1', title: 'Notice', status: 'out-of-scope' }] }],
    gaps: [{
      rootUri: 'file:///w', id: 'CC1.2', title: `Board ${EVIL}`, category: 'security', series: 'CC1', status: 'uncovered', documents: [],
      suggestedTemplates: [{ id: 'code-of-conduct', title: `Code ${EVIL}` }],
    }],
  }],
  missingSections: [{ uri: 'file:///w/p.md?"><script>', label: `p.md ${EVIL}`, line: 3, message: `Missing "Scope" ${EVIL}` }],
  overdueReviews: [],
};

describe('gap panel HTML', () => {
  const body = renderGapBody(model);

  it('escapes every piece of workspace text', () => {
    assert.ok(!body.includes('<img'), 'no raw markup from policy text');
    assert.ok(!body.includes('<script'), 'no script from a URI');
    assert.ok(!/onerror="/.test(body));
    assert.ok(body.includes(esc(EVIL)));
    assert.equal(esc(`<"'&\`>`), '&#60;&#34;&#39;&#38;&#96;&#62;');
  });

  it('has a heat map cell per criterion, as keyboard-reachable buttons with a title', () => {
    const cells = [...body.matchAll(/<button[^>]*class="cell s-([a-z-]+)"[^>]*>/g)];
    assert.deepEqual(cells.map((m) => m[1]), ['covered', 'uncovered', 'out-of-scope']);
    for (const [cell] of cells) {
      assert.match(cell, /data-action="reveal"/);
      assert.match(cell, /title="(CC1\.\d|P1\.1) · /);
      assert.match(cell, /aria-label="/);
    }
    assert.match(body, /class="heatmap" role="group"/);
  });

  it('lists uncovered criteria with a Create policy button per suggested template', () => {
    assert.match(body, /data-action="create" data-id="CC1.2" data-template="code-of-conduct"/);
    assert.match(body, /Create policy: Code &#60;img/);
  });

  it('has export buttons for Markdown, HTML and CSV and the missing sections list', () => {
    for (const format of ['markdown', 'html', 'csv']) assert.match(body, new RegExp(`data-action="export" data-format="${format}"`));
    assert.match(body, /class="missing-sections"/);
    assert.match(body, /No review is overdue\./);
  });

  it('uses no inline script or style, so the page works under a strict CSP', () => {
    // Values are escaped (no raw quotes), so this reads every attribute name of every tag.
    const names = [...body.matchAll(/<[a-z0-9]+((?:\s[a-z-]+(?:="[^"]*")?)*)\s*>/g)]
      .flatMap((tag) => [...tag[1].matchAll(/\s([a-z-]+)(?:="[^"]*")?/gy)].map((m) => m[1]));
    assert.ok(names.length > 50);
    assert.deepEqual(names.filter((n) => n.startsWith('on') || n === 'style'), []);
    assert.doesNotMatch(body, /<script|<style/i);
    const page = renderGapPage({ cspSource: 'vscode-resource:', nonce: 'abc123', scriptUri: 'vscode-resource:/m/gapPanel.js', styleUri: 'vscode-resource:/m/gapPanel.css' }, body);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1].replace(/&#39;/g, "'");
    assert.equal(csp, "default-src 'none'; style-src vscode-resource:; img-src vscode-resource:; font-src vscode-resource:; script-src 'nonce-abc123'");
    assert.deepEqual([...page.matchAll(/<script[^>]*>/g)].map((m) => m[0]), ['<script nonce="abc123" src="vscode-resource:/m/gapPanel.js">']);
    assert.doesNotMatch(page, /https?:\/\//, 'no remote resources');
  });

  it('collapses out-of-scope categories to one line: a summary row and a closed <details>', () => {
    assert.match(body, /<tr class="muted out-of-scope"><td colspan="7">Out of scope: privacy &#60;img/);
    assert.doesNotMatch(body, /<th scope="row">privacy/, 'no row of dashes per out-of-scope category');
    const collapsed = /<details class="out-of-scope"[^>]*><summary>Out of scope: privacy [^<]*\(1 criteria\)<\/summary>(.*?)<\/details>/.exec(body);
    assert.ok(collapsed, 'out-of-scope series sit in a closed <details>');
    assert.match(collapsed[1], /data-id="P1\.1"/);
    assert.doesNotMatch(collapsed[1], /data-id="CC1\.1"/);
  });

  it('shows the cell detail above the heat map, and has one primary action with secondary exports', () => {
    assert.ok(body.indexOf('class="cell-detail"') < body.indexOf('class="heatmap"'), 'the detail is not below a long heat map');
    const primaries = [...body.matchAll(/<button[^>]*class="primary"[^>]*>/g)];
    assert.equal(primaries.length, 1);
    assert.match(primaries[0][0], /data-action="create" data-id="CC1.2" data-template="code-of-conduct"/);
    for (const m of body.matchAll(/<button[^>]*data-action="export"[^>]*>/g)) assert.match(m[0], /class="secondary"/);
    assert.match(renderGapBody(model, (m) => `«${m}»`), /«Summary»/, 'text goes through the translate function');
  });

  it('says so while the server is indexing', () => {
    assert.match(renderGapBody({ roots: [], missingSections: [], overdueReviews: [], loading: true }), /Indexing policies/);
  });
});
