import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseSkeletons, snippetToText } from '../../client/src/templates/skeletons';
import { categoryOfId, escapeSnippetText, restrictToScope, sessionSnippet, slugOf } from '../../client/src/templates/snippetSession';
import { addControlEdit } from '../../client/src/text/frontMatter';
import { escapeMarkdown } from '../../client/src/text/markdown';

const REPO = path.resolve(__dirname, '..', '..');
const skeletons = parseSkeletons(readFileSync(path.join(REPO, 'snippets/soc2-policy.code-snippets'), 'utf8'));
const skeleton = (id: string) => skeletons.find((s) => s.templateId === id)!;

/** Tab stop number -> the first placeholder's default, in the order VS Code visits them (1, 2, ..., 0 last). */
function tabStops(snippet: string): [number, string][] {
  const seen = new Map<number, string>();
  for (const m of snippet.matchAll(/\$\{(\d+):((?:\\.|[^\\}])*)\}/g)) if (!seen.has(Number(m[1]))) seen.set(Number(m[1]), m[2]);
  return [...seen].sort((a, b) => a[0] - b[0]);
}

describe('new documents from skeletons', () => {
  it('knows the category of criteria and points of focus', () => {
    assert.deepEqual(['CC6.1', 'CC6.1.3', 'A1.2', 'C1.1', 'PI1.4', 'P4.2', 'ISO-1'].map(categoryOfId),
      ['security', 'security', 'availability', 'confidentiality', 'processing-integrity', 'privacy', undefined]);
  });

  it('drops out-of-scope ids from controls and section tags, and tags left empty', () => {
    const inScope = (id: string) => ['security', 'availability'].includes(categoryOfId(id) ?? '');
    const text = snippetToText(restrictToScope(skeleton('incident-response').body, inScope));
    assert.doesNotMatch(text, /\bP\d\.\d/, 'no privacy criterion is left');
    assert.match(text, /^controls: \[CC[^\]]*\]$/m);
    for (const tag of text.match(/<!-- controls: .* -->/g) ?? []) assert.doesNotMatch(tag, /controls: {2}|controls: -->/);
    const onlyPrivacy = snippetToText(restrictToScope(skeleton('privacy').body, inScope));
    assert.match(onlyPrivacy, /^controls: \[\]$/m);
    assert.doesNotMatch(onlyPrivacy, /<!-- controls:/);
  });

  it('drops out-of-scope criteria from evidence obligations too, keeping the obligation', () => {
    const securityOnly = (id: string) => categoryOfId(id) === 'security';
    const restore = snippetToText(restrictToScope(skeleton('backup-restore-test').body, securityOnly));
    assert.match(restore, /^evidence:\n {2}- id: restore-test\n {4}kind: restore test\n {4}every: quarter\n {4}owner: [^\n]+\n {4}grace: 10d$/m);
    assert.doesNotMatch(restore, /^ {4}criteria:/m, 'an obligation left without criteria evidences what the document maps');
    const onboarding = snippetToText(restrictToScope(skeleton('onboarding-offboarding').body, securityOnly));
    assert.match(onboarding, /^ {4}criteria: \[CC1\.4, CC6\.2\]$/m);
  });

  it('keeps the evidence obligations of a template in a session, as text rather than tab stops', () => {
    const snippet = sessionSnippet(skeleton('access-review'), { title: 'Quarterly Access Review', id: 'quarterly-access-review', today: '2026-12-01' });
    assert.match(snippet, /^evidence:\n {2}- id: access-review\n {4}kind: access review\n {4}every: quarter\n {4}owner: Security lead\n {4}criteria: \[CC6\.2, CC6\.3\]\n {4}grace: 10d\n---$/m);
    assert.match(snippet, /^owner: \$\{1:Owner role\}$/m, 'the obligation owner does not take the document owner\'s tab stop');
  });

  it('turns a skeleton into a session: fixed title and id, then owner, approver, dates, controls, sections', () => {
    const snippet = sessionSnippet(skeleton('access-control'), { title: 'Access $ Policy}', id: 'access-policy', criterion: 'CC6.8', today: '2026-12-01' });
    const stops = tabStops(snippet);
    assert.deepEqual(stops.slice(0, 5), [[1, 'Owner role'], [2, 'Approver role'], [3, '2026-12-01'], [4, '12 months'], [5, 'CC6.8, CC6.1, CC6.2, CC6.3, CC6.6, CC5.2']]);
    assert.ok(stops.length > 10, 'each section guidance is a tab stop');
    const text = snippetToText(snippet.split('\n'));
    assert.match(text, /^title: Access \$ Policy\}$/m);
    assert.match(text, /^# Access \$ Policy\}$/m);
    assert.match(text, /^id: access-policy$/m);
    assert.match(text, /^effective: 2026-12-01\nreview_cycle: 12 months$/m);
    assert.doesNotMatch(snippet, /\$\{?1\}?$/m, 'no title mirror left');
    assert.equal(escapeSnippetText('a$b}c\\'), 'a\\$b\\}c\\\\');
  });

  it('makes file names from titles', () => {
    assert.equal(slugOf('Access Control Policy'), 'access-control-policy');
    assert.equal(slugOf('  Política de Privacidad / 2026 '), 'politica-de-privacidad-2026');
    assert.equal(slugOf('***'), '');
  });
});

describe('mapping a criterion into a document', () => {
  it('appends to a flow list, a block list or a scalar, or adds the key', () => {
    assert.deepEqual(addControlEdit('---\ntitle: A\ncontrols: [CC6.1, CC6.2]\n---\n', 'CC3.3'), { line: 2, insert: false, text: 'controls: [CC6.1, CC6.2, CC3.3]', column: 25 });
    assert.deepEqual(addControlEdit('---\ncontrols: []\n---\n', 'CC3.3'), { line: 1, insert: false, text: 'controls: [CC3.3]', column: 11 });
    assert.deepEqual(addControlEdit('---\ncontrols: CC6.1\n---\n', 'CC3.3'), { line: 1, insert: false, text: 'controls: [CC6.1, CC3.3]', column: 18 });
    assert.deepEqual(addControlEdit('---\ncontrols:\n  - CC6.1\n  - CC6.2\nowner: B\n---\n', 'CC3.3'), { line: 4, insert: true, text: '  - CC3.3', column: 4 });
    assert.deepEqual(addControlEdit('---\ntitle: A\n---\n# A\n', 'CC3.3'), { line: 2, insert: true, text: 'controls: [CC3.3]', column: 11 });
  });

  it('leaves documents alone that map it already or have no native front matter', () => {
    assert.equal(addControlEdit('---\ncontrols: [CC3.3]\n---\n', 'CC3.3'), undefined);
    assert.equal(addControlEdit('name: comply doc\nsatisfies:\n  TSC: [CC1.1]\n---\n', 'CC3.3'), undefined);
  });
});

describe('tree tooltips', () => {
  it('escape Markdown without turning spaces into &nbsp; (so they wrap)', () => {
    const escaped = escapeMarkdown('The entity *selects* [controls] <b>#1</b> and so on.');
    assert.doesNotMatch(escaped, /&nbsp;/);
    assert.equal(escaped, 'The entity \\*selects\\* \\[controls\\] \\<b\\>\\#1\\</b\\> and so on\\.');
  });
});
