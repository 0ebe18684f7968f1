import { strict as assert } from 'node:assert';
import type { QuestionnaireReviewResult } from '../../server/src/protocol';
import { esc } from '../../client/src/views/gapPanelHtml';
import { reflow, renderReviewBody, renderReviewPage } from '../../client/src/views/questionnairePanelHtml';

/** What a hostile spreadsheet cell or policy line could hold. */
const EVIL = '<img src=x onerror="alert(1)">\'`&<script>alert(2)</script>';
const range = { start: { line: 4, character: 8 }, end: { line: 4, character: 10 } };
const info = { uri: 'file:///w/questionnaires/c.yaml', name: 'c', total: 4, answered: 3, accepted: 1, stale: 1, broken: 0, unanswered: 1, attention: [] };

const review: QuestionnaireReviewResult = {
  uri: info.uri,
  name: `customer ${EVIL}`,
  info,
  questions: [
    {
      id: `Q1${EVIL}`, question: `Do you enforce MFA? ${EVIL}`, range, stale: false, broken: false,
      answer: { value: 'yes', text: `Yes. ${EVIL}`, confidence: 0.82, status: 'draft', criteria: ['CC6.1'] },
      citations: [{ document: 'policies/access.md', section: 'authentication', state: 'current', uri: 'file:///w/policies/access.md', range, heading: `Authentication ${EVIL}`, text: `Admins must use MFA. ${EVIL}` }],
    },
    {
      id: 'Q2', question: 'Do you encrypt data at rest?', range, stale: true, broken: false,
      answer: { value: 'partial', text: 'Partially.', confidence: 0.6, status: 'accepted', criteria: [] },
      citations: [{ document: 'policies/crypto.md', section: 'at-rest', state: 'changed', uri: 'file:///w/policies/crypto.md', range, heading: 'At rest', text: 'Disks are encrypted.' }],
    },
    { id: 'Q3', question: 'Who approves access?', range, stale: false, broken: false, typed: `The owner ${EVIL}`, citations: [] },
    { id: 'Q4', question: 'Bug bounty?', range, stale: false, broken: false, citations: [] },
  ],
};

describe('questionnaire review panel HTML', () => {
  const body = renderReviewBody({ review });

  it('escapes every piece of spreadsheet and policy text', () => {
    assert.ok(!body.includes('<img'), 'no raw markup from a cell');
    assert.ok(!body.includes('<script'), 'no script from a cell');
    assert.ok(!/onerror="/.test(body));
    assert.ok(body.includes(esc(`Admins must use MFA. ${EVIL}`)), 'cited text shown, escaped');
    assert.ok(body.includes(`data-id="${esc(`Q1${EVIL}`)}"`), 'ids escaped inside attributes');
  });

  it('offers Accept only on drafts, Reject on drafted answers, Edit everywhere', () => {
    const actions = (id: string) => {
      const section = body.slice(body.indexOf(`<section class="question`, body.indexOf(`data-id="${id}"`) - 200), body.indexOf('</section>', body.indexOf(`data-id="${id}"`)));
      return [...section.matchAll(/data-action="(accept|reject|edit)"/g)].map((m) => m[1]);
    };
    assert.deepEqual(actions(esc(`Q1${EVIL}`)), ['accept', 'reject', 'edit']);
    assert.deepEqual(actions('Q2'), ['reject', 'edit']);
    assert.deepEqual(actions('Q3'), ['edit']);
    assert.deepEqual(actions('Q4'), ['edit']);
  });

  it('shows the cited section beside the answer, with its state and a link that opens it', () => {
    assert.match(body, /class="columns"><div class="answer">.*<div class="cited">/s);
    assert.match(body, /data-action="open" data-uri="file:\/\/\/w\/policies\/crypto.md" data-line="4"/);
    assert.match(body, /class="badge changed">changed since cited</);
    assert.match(body, /class="question s-stale"[^>]*><h3><span class="qid">Q2<\/span> <span class="badge accepted">Accepted<\/span> <span class="badge stale">/);
    assert.match(body, /3\/4 answered · 1 accepted · 1 stale/);
    assert.match(body, /data-action="answer"/, 'unanswered questions: offer drafting');
  });

  it('joins the lines a paragraph was wrapped into, keeping lists, tables and code as written', () => {
    const source = 'Sharing credentials or granting access are\nserious breaches.\n\n- first item\n- second item\n  continued\n\n| a | b |\n|---|---|\n\n```\ncode line\nnext\n```\n';
    assert.equal(reflow(source), 'Sharing credentials or granting access are serious breaches.\n\n- first item\n- second item continued\n\n| a | b |\n|---|---|\n\n```\ncode line\nnext\n```\n');
  });

  it('says why when there is nothing to show', () => {
    assert.match(renderReviewBody({ loading: true }), /Loading the questionnaire/);
    assert.match(renderReviewBody({ error: `no ${EVIL}` }), /role="alert">no &#60;img/);
  });

  it('has a strict CSP: no inline code, scripts only with the nonce', () => {
    const page = renderReviewPage({ cspSource: 'vscode-resource:', nonce: 'abc123', scriptUri: 'x.js', styleUri: 'q.css', baseStyleUri: 'g.css' }, body);
    assert.ok(page.includes(`content="${esc("default-src 'none'; style-src vscode-resource:; img-src vscode-resource:; font-src vscode-resource:; script-src 'nonce-abc123'")}"`));
    assert.equal([...page.matchAll(/<script/g)].length, 1);
    assert.match(page, /<script nonce="abc123" src="x.js"><\/script>/);
    assert.ok(!/ on[a-z]+="/.test(page), 'no inline event handlers');
    assert.ok(!/<style/.test(page), 'no inline style');
  });
});
