import { strict as assert } from 'node:assert';
import { openWorkspace, ROOT, markedRanges } from '../helpers/coreHarness';
import { applyEdits } from '../../server/src/core/fixes/applyFixes';

const policy = (controls: string, body = '# Policy\n\nCC6.1 applies.\n') =>
  `---\ntitle: Access\nowner: Security\nstatus: approved\ncontrols: ${controls}\n---\n\n${body}`;

describe('parsing and ranges', () => {
  it('underlines exactly CC9.9 inside controls: [CC6.1, CC9.9]', async () => {
    const { text, ranges } = markedRanges(policy('[CC6.1, [[CC9.9]]]'));
    const { analyzer } = await openWorkspace({ 'a.md': text });
    const [finding] = analyzer.findings(`${ROOT}/a.md`).filter((f) => f.code === 'unknown-criterion');
    assert.deepEqual(finding.span, ranges[0]);
    assert.deepEqual(finding.range, { start: { line: 4, character: 18 }, end: { line: 4, character: 23 } });
    assert.equal(text.slice(finding.span.start, finding.span.end), 'CC9.9');
  });

  it('underlines the id inside quotes, not the quotes', async () => {
    const { text, ranges } = markedRanges(policy('["[[CC9.9]]"]'));
    const { analyzer } = await openWorkspace({ 'a.md': text });
    assert.deepEqual(analyzer.findings(`${ROOT}/a.md`).find((f) => f.code === 'unknown-criterion')?.span, ranges[0]);
  });

  it('gives the same positions for CRLF and for UTF-8 with a BOM', async () => {
    const lf = policy('[CC6.1, CC9.9]', '# Policy\n\nSee CC7.3 here.\n');
    const crlf = lf.replace(/\n/g, '\r\n');
    const bom = '\uFEFF' + crlf;
    const { analyzer } = await openWorkspace({ 'lf.md': lf, 'crlf.md': crlf, 'bom.md': new TextEncoder().encode(bom) });
    const shape = (file: string) => analyzer.findings(`${ROOT}/${file}`).map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`);
    assert.ok(shape('lf.md').length >= 2);
    assert.deepEqual(shape('crlf.md'), shape('lf.md'));
    assert.deepEqual(shape('bom.md'), shape('lf.md'));
  });

  it('keeps CRLF line endings when a fix inserts lines', async () => {
    const crlf = policy('\n  - CC6.1', '# Policy\n\nSee CC7.3 here.\n').replace(/\n/g, '\r\n');
    const { analyzer } = await openWorkspace({ 'a.md': crlf });
    const finding = analyzer.findings(`${ROOT}/a.md`).find((f) => f.code === 'unmapped-reference')!;
    const fixed = applyEdits(crlf, finding.fixes![0].edits).text;
    assert.match(fixed, /- CC6\.1\r\n  - CC7\.3\r\n/);
    assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /\n/);
  });

  it('reports a file that is not UTF-8 as one clear finding', async () => {
    const bytes = new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x80, 0x0a]);
    const { analyzer } = await openWorkspace({ 'latin1.md': bytes });
    const findings = analyzer.findings(`${ROOT}/latin1.md`);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].code, 'invalid-encoding');
    assert.match(findings[0].message, /not UTF-8/);
  });

  it('reads strongdm/comply files that start with YAML keys', async () => {
    const comply = 'name: Access Policy\nacronym: AP\nsatisfies:\n  TSC:\n    - CC6.1\n    - CC9.9\nmajorRevisions:\n  - date: Jun 1 2026\n    comment: Initial\n---\n\n# Purpose and Scope\n\nCC6.1.\n\n# Policy\n\nText.\n';
    const { analyzer } = await openWorkspace({ 'policies/access.md': comply });
    const doc = analyzer.document(`${ROOT}/policies/access.md`)!;
    assert.equal(doc.frontMatter?.format, 'comply');
    assert.equal(doc.title?.value, 'Access Policy');
    assert.equal(doc.type, 'policy');
    assert.equal(doc.status, 'approved');
    assert.deepEqual(doc.body.sections.map((s) => s.heading), ['Purpose and Scope', 'Policy']);
    const findings = analyzer.findings(`${ROOT}/policies/access.md`);
    assert.deepEqual(findings.map((f) => `${f.code}@${f.range.start.line + 1}:${f.range.start.character + 1}`), ['unknown-criterion@6:7']);
  });

  it('does not mistake a Markdown thematic break for comply front matter', async () => {
    const text = 'Intro paragraph\n\n---\n\n# Notes\n\nNothing here maps CC6.1.\n';
    const { analyzer } = await openWorkspace({ 'notes.md': text });
    assert.equal(analyzer.document(`${ROOT}/notes.md`), undefined);
    assert.deepEqual(analyzer.allFindings(), []);
  });

  it('ignores Markdown without a mapping key, unless the include globs name it', async () => {
    const plain = '---\ntitle: Team notes\n---\n\n# Notes\n\nCC9.9\n';
    const without = await openWorkspace({ 'docs/notes.md': plain });
    assert.deepEqual(without.analyzer.allFindings(), []);
    const withInclude = await openWorkspace({ 'soc2-policy.yaml': 'include: ["docs/**/*.md"]\n', 'docs/notes.md': plain });
    assert.ok(withInclude.analyzer.findings(`${ROOT}/docs/notes.md`).some((f) => f.code === 'unknown-criterion'));
  });

  it('reports an unclosed front matter instead of reading the whole file as YAML', async () => {
    const { analyzer } = await openWorkspace({ 'a.md': '---\ntitle: x\ncontrols: [CC6.1]\n\n# Body\n' });
    const codes = analyzer.findings(`${ROOT}/a.md`).map((f) => f.code);
    assert.ok(codes.includes('frontmatter-invalid'), codes.join());
  });

  it('survives hostile input without throwing', async () => {
    const inputs = ['', '---', '---\n---', '---\n: : :\n---', 'controls:\n---', '---\ncontrols: [[[\n---', '---\ncontrols: &a [*a]\n---', '\u0000\u0001', '---\ncontrols: [' + 'CC6.1, '.repeat(5000) + ']\n---\n'];
    for (const [i, text] of inputs.entries()) {
      const { analyzer } = await openWorkspace({ [`x${i}.md`]: text });
      analyzer.allFindings();
      analyzer.coverage();
    }
  });
});

describe('tables (GFM)', () => {
  const table = [
    '# Policy', '', '## Access reviews', '',
    '| System | Frequency | Reviewer |', '|---|---|---|',
    '| Production AWS | Access is reviewed periodically | Security Lead |',
    '| Okta `admin` groups | Quarterly; the owner re-approves each member | IT \\| Ops |', '',
  ].join('\n');

  it('reads each row after the header as one statement, cells as words, offsets into the source', async () => {
    const { analyzer } = await openWorkspace({ 'a.md': policy('[CC6.2]', table) });
    const doc = analyzer.document(`${ROOT}/a.md`)!;
    const rows = doc.body.statements.filter((s) => s.kind === 'tableRow');
    assert.deepEqual(rows.map((s) => s.text.replace(/\s+/g, ' ')), [
      'Production AWS — Access is reviewed periodically — Security Lead',
      'Okta groups — Quarterly;',
      'the owner re-approves each member — IT \\| Ops',
    ]);
    for (const row of rows) assert.equal(row.text.length, row.span.end - row.span.start);
    assert.ok(!doc.body.statements.some((s) => /\bSystem\b.*\bFrequency\b/.test(s.text)), 'the header row is not a statement');
    assert.equal(doc.body.sections.length, 2);
    // The same rows from a CRLF file (the table syntax is switched on by the delimiter row, whatever the line ends).
    const crlf = await openWorkspace({ 'b.md': policy('[CC6.2]', table).replace(/\n/g, '\r\n') });
    assert.deepEqual(crlf.analyzer.document(`${ROOT}/b.md`)!.body.statements.filter((s) => s.kind === 'tableRow').map((s) => s.text), rows.map((s) => s.text));
  });

  it('checks wording inside a table cell at its exact place', async () => {
    const { analyzer } = await openWorkspace({ 'a.md': policy('[CC6.2]', table) });
    const vague = analyzer.findings(`${ROOT}/a.md`).filter((f) => f.code === 'vague-commitment');
    assert.deepEqual(vague.map((f) => f.subject), ['periodically']);
    const text = analyzer.document(`${ROOT}/a.md`)!.text;
    assert.equal(text.slice(vague[0].span.start, vague[0].span.end), 'periodically');
  });
});

describe('regressions from the rules review', () => {
  it('an empty last_reviewed does not crash the check', async () => {
    const { analyzer } = await openWorkspace({ 'a.md': '---\ntitle: t\nowner: o\nstatus: approved\nlast_reviewed:\ncontrols: [CC6.1]\n---\n\n# T\n\nCC6.1.\n' });
    assert.ok(Array.isArray(analyzer.findings(`${ROOT}/a.md`)));
  });

  it('adding a mapping to `controls: CC6.1` makes a list instead of a second key', async () => {
    const text = '---\ntitle: t\nowner: o\nstatus: approved\ntype: narrative\ncontrols: CC6.1\n---\n\n# T\n\nCC6.1 and CC7.2.\n';
    const { analyzer } = await openWorkspace({ 'a.md': text });
    const finding = analyzer.findings(`${ROOT}/a.md`).find((f) => f.code === 'unmapped-reference')!;
    assert.match(applyEdits(text, finding.fixes![0].edits).text, /^controls: \[CC6\.1, CC7\.2\]$/m);
  });

  it('--fix never writes a change that breaks the front matter', async () => {
    const text = '---\ntitle: t\nowner: o\nstatus: approved\ncontrols: [CC6.1, cc6.2]\n---\n\n# T\n\nCC6.1, CC6.2.\n';
    const { analyzer } = await openWorkspace({ 'a.md': text });
    const fixed = analyzer.fixText(`${ROOT}/a.md`, text).text;
    assert.match(fixed, /controls: \[CC6\.1, CC6\.2\]/);
    analyzer.updateDocument(`${ROOT}/a.md`, fixed);
    assert.ok(!analyzer.findings(`${ROOT}/a.md`).some((f) => f.code === 'frontmatter-invalid'));
  });

  it('a link to an existing folder is not broken', async () => {
    const { analyzer } = await openWorkspace({ 'a.md': '---\ntitle: t\nowner: o\ncontrols: [CC6.1]\n---\n\n# T\n\nCC6.1, see [runbooks](runbooks/) and [out](../elsewhere.md).\n', 'runbooks/x.md': 'x' });
    assert.ok(!analyzer.findings(`${ROOT}/a.md`).some((f) => f.code === 'broken-link'));
  });
});
