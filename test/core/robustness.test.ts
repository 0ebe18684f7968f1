import { strict as assert } from 'node:assert';
import { openWorkspace, ROOT } from '../helpers/coreHarness';
import type { Finding } from '../../server/src/core/types';

/**
 * Regression tests for hostile input (issue 15, items 1 to 4), each from its minimal input. Cost is measured by
 * `npm run fuzz` and `npm run bench`; these hold the behaviour: no crash, one document's trouble stays on it,
 * and `--fix` twice is `--fix` once.
 */
const CONFIG = 'scope:\n  categories: [security]\n';
const policy = (frontMatter: string, body = '# Policy\n\nText about CC6.1.\n') => `---\ntitle: T\nowner: O\ncontrols: [CC6.1]\n${frontMatter}---\n${body}`;
const codes = (findings: Finding[]) => findings.map((f) => f.code);

async function check(files: Record<string, string>) {
  const { analyzer } = await openWorkspace({ 'soc2-policy.yaml': CONFIG, ...files });
  return { analyzer, findings: (file: string) => analyzer.findings(`${ROOT}/${file}`) };
}

describe('hostile input', () => {
  describe('keys that name Object.prototype members (item 1)', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      it(`type: ${name} is reported as an invalid type, not a crash`, async () => {
        const { findings } = await check({ 'policies/a.md': policy(`type: ${name}\n`) });
        assert.ok(codes(findings('policies/a.md')).includes('frontmatter-invalid'), JSON.stringify(findings('policies/a.md')));
      });
    }

    it('a folder named "constructor" gives the default type', async () => {
      const { analyzer } = await check({ 'constructor/a.md': policy('') });
      assert.equal(analyzer.document(`${ROOT}/constructor/a.md`)?.type, 'policy');
    });

    it('requiredSections and rules keyed by prototype names are plain entries', async () => {
      const config = `${CONFIG}requiredSections:\n  constructor: [Purpose]\n  toString: [Scope]\nrules:\n  __proto__: off\n  constructor: off\n`;
      const { analyzer } = await openWorkspace({ 'soc2-policy.yaml': config, 'policies/a.md': policy('type: policy\n') });
      const all = analyzer.allFindings();
      assert.ok(all.some((f) => f.code === 'config-invalid' && /Unknown rule "constructor"/.test(f.message)), all.map((f) => f.message).join('\n'));
      assert.equal(Object.getPrototypeOf(analyzer.currentConfig.rules), Map.prototype);
      // Types are an enum, so the key is refused; the built-in lists stay, and a lookup by "constructor" finds nothing.
      assert.ok(all.some((f) => f.code === 'config-invalid' && /requiredSections/.test(f.message)), all.map((f) => f.message).join('\n'));
      assert.equal(analyzer.currentConfig.requiredSections.get('constructor'), undefined);
      assert.ok(analyzer.currentConfig.requiredSections.get('policy')?.length);
    });

    it('front-matter keys named like prototype members are not fields', async () => {
      const { analyzer, findings } = await check({ 'policies/a.md': '---\nconstructor: x\ncontrols: [CC6.1]\n---\n# A\n' });
      assert.ok(codes(findings('policies/a.md')).includes('missing-field'));
      assert.equal(analyzer.document(`${ROOT}/policies/a.md`)?.owner, undefined);
    });
  });

  describe('deep nesting (item 2)', () => {
    const cases: Record<string, string> = {
      'a blockquote nested 5,000 deep': '>'.repeat(5000) + ' deep\n',
      'a list nested 2,000 deep on one line': '- '.repeat(2000) + 'deep\n',
      'a list nested 300 deep by indentation': Array.from({ length: 300 }, (_, i) => ' '.repeat(2 * i) + '- item').join('\n') + '\n',
      'quotes and lists alternating 1,000 deep': '> - '.repeat(1000) + 'deep\n',
      'a blockquote 3,000 deep in a file with lone CR line breaks': 'text\r' + '>'.repeat(3000) + ' deep\r',
    };
    for (const [name, body] of Object.entries(cases)) {
      it(`${name}: one finding on that document, and the others are still checked`, async () => {
        const { findings } = await check({ 'policies/deep.md': policy('', `# Deep\n\n${body}`), 'policies/other.md': policy('', '# Other\n\n## Scope\n') });
        const deep = findings('policies/deep.md');
        assert.equal(deep.filter((f) => f.code === 'check-incomplete').length, 1, JSON.stringify(deep));
        assert.match(deep.find((f) => f.code === 'check-incomplete')!.message, /deeper than 32 levels/);
        assert.ok(codes(findings('policies/other.md')).includes('empty-section'), 'the other document was checked');
      });
    }

    it('nesting within the limits is parsed and reported as usual', async () => {
      const { findings, analyzer } = await check({ 'policies/a.md': policy('', '# A\n\n' + '> '.repeat(20) + 'See CC9.9.\n') });
      assert.deepEqual(codes(findings('policies/a.md')).filter((c) => c === 'check-incomplete'), []);
      assert.ok(codes(findings('policies/a.md')).includes('unknown-criterion'), 'a mention 20 quotes deep is still read');
      assert.equal(analyzer.document(`${ROOT}/policies/a.md`)?.body.limits.length, 0);
    });

    it('emphasis markers past the limit are not parsed, and the text around them is', async () => {
      const dense = '*a ' .repeat(400) + 'x' + ' a*'.repeat(400);
      const { findings } = await check({ 'policies/a.md': policy('', `# A\n\n${dense}\n\nSee CC9.9.\n`) });
      const found = findings('policies/a.md');
      assert.match(found.find((f) => f.code === 'check-incomplete')?.message ?? '', /800 emphasis markers/);
      assert.ok(codes(found).includes('unknown-criterion'));
    });
  });

  describe('inputs that were slow (item 3): still correct', () => {
    it('15,000 links in one paragraph: the first 10,000 markers are read, the rest is plain text', async () => {
      const { findings } = await check({ 'policies/a.md': policy('', `# A\n\nSee CC6.1. ${'[a](b)'.repeat(15000)}\n`) });
      const found = findings('policies/a.md');
      assert.match(found.find((f) => f.code === 'check-incomplete')?.message ?? '', /more than 10,000 link, emphasis, code and HTML markers/);
      // 10,000 markers: the front matter's `[` and `]`, then 4,999 links of two markers each.
      assert.equal(found.filter((f) => f.code === 'broken-link').length, 4999, 'links before the limit are still checked');
    });

    for (const [name, run] of Object.entries({ 'unclosed inline comments': '<!--', backticks: '`a', 'inline HTML openings': '<b ' })) {
      it(`4,000 ${name} in one paragraph: not parsed as such, and reported`, async () => {
        const { findings } = await check({ 'policies/a.md': policy('', `# A\n\nSee CC9.9. ${run.repeat(4000)}\n`) });
        const found = findings('policies/a.md');
        assert.match(found.find((f) => f.code === 'check-incomplete')?.message ?? '', /more than 500/);
        assert.ok(codes(found).includes('unknown-criterion'), 'the rest of the paragraph is still read');
      });
    }

    it('a table of 440,000 cells (25 s to parse as a table) is read as plain text, and reported', async () => {
      const row = (cell: string) => `|${Array.from({ length: 20000 }, () => cell).join('|')}|\n`;
      const table = row(' a ') + row('---') + row(' b ').repeat(20);
      const { findings, analyzer } = await check({ 'policies/a.md': policy('', `# A\n\nSee CC9.9.\n\n${table}`) });
      const found = findings('policies/a.md');
      assert.match(found.find((f) => f.code === 'check-incomplete')?.message ?? '', /440,022 "\|" characters, more than 5,000; its tables were read as plain text/);
      assert.ok(codes(found).includes('unknown-criterion'), 'the rest of the document is still read');
      assert.ok(!analyzer.document(`${ROOT}/policies/a.md`)!.body.statements.some((s) => s.kind === 'tableRow'));
    });

    it('a table within the limit is still a table', async () => {
      const row = (cell: string) => `|${Array.from({ length: 10 }, () => cell).join('|')}|\n`;
      const { analyzer } = await check({ 'policies/a.md': policy('', `# A\n\n${row(' a ') + row('---') + row(' the owner reviews it ').repeat(400)}`) });
      const doc = analyzer.document(`${ROOT}/policies/a.md`)!;
      assert.equal(doc.body.limits.length, 0);
      assert.equal(doc.body.statements.filter((s) => s.kind === 'tableRow').length, 400);
    });

    it('YAML nested 1,300 deep is one finding, the same in every process (no stack overflow)', async () => {
      const { findings, analyzer } = await openWorkspace({ 'soc2-policy.yaml': `controls: ${'['.repeat(1300)}CC6.1]]]\n`, 'policies/a.md': `---\ncontrols: ${'['.repeat(1300)}CC6.1${']'.repeat(31)}\n---\n# A\n` }).then(({ analyzer }) => ({ analyzer, findings: (f: string) => analyzer.findings(`${ROOT}/${f}`) }));
      const doc = findings('policies/a.md').find((f) => f.code === 'frontmatter-invalid');
      assert.match(doc?.message ?? '', /nested deeper than 64 levels/);
      assert.equal(doc?.span.start, 'controls: '.length + 4 + 64);
      const config = analyzer.allFindings().find((f) => f.code === 'config-invalid');
      assert.match(config?.message ?? '', /nested deeper than 64 levels/);
      assert.doesNotMatch(JSON.stringify(analyzer.allFindings()), /call stack/);
    });

    it('a YAML error one past the end of the config stays inside it', async () => {
      const { analyzer } = await openWorkspace({ 'soc2-policy.yaml': '[' });
      const finding = analyzer.allFindings().find((f) => f.code === 'config-invalid')!;
      assert.ok(finding.span.end <= 1, JSON.stringify(finding.span));
    });

    it('no range ends between the CR and LF of a line break', async () => {
      const { findings } = await check({ 'policies/a.md': '---\n"\ncontrols:\r\n---' });
      for (const f of findings('policies/a.md')) assert.ok(f.range.end.character <= 'controls:'.length || f.range.end.line !== 2, JSON.stringify(f.range));
    });

    it('a lone CR ends a line, as it does for LSP clients', async () => {
      const { findings } = await check({ 'policies/a.md': policy('', '# A\r\rSee CC9.9.\r') });
      const unknown = findings('policies/a.md').find((f) => f.code === 'unknown-criterion');
      assert.deepEqual(unknown?.range.start, { line: 7, character: 4 }); // lines 5 to 7: `# A`, an empty line, the mention
    });

    it('10,000 unknown ids get one finding each, with suggestions', async () => {
      const ids = Array.from({ length: 10000 }, (_, i) => `CC${(i % 90) + 10}.${i % 97}`);
      const { findings } = await check({ 'policies/a.md': policy('', `# A\n\n${ids.join(' ')}\n`) });
      const unknown = findings('policies/a.md').filter((f) => f.code === 'unknown-criterion');
      assert.equal(unknown.length, 10000);
      assert.match(findings('policies/a.md').find((f) => f.subject === 'CC10.1')?.message ?? '', /Did you mean CC1\.1/);
    });

    it('a section tag with one id 10,000 times: each duplicate removes its own separator', async () => {
      const tag = `<!-- controls: ${Array(10000).fill('CC6.1').join(', ')} -->`;
      const { findings } = await check({ 'policies/a.md': policy('', `# A\n\n## Policy\n${tag}\nText.\n`) });
      const duplicates = findings('policies/a.md').filter((f) => f.code === 'duplicate-criterion');
      assert.equal(duplicates.length, 9999);
      const edit = duplicates[0].fixes![0].edits[0];
      assert.equal(edit.span.end - edit.span.start, ', CC6.1'.length);
    });

    it('10,000 headings are matched against the required sections once each', async () => {
      const headings = Array.from({ length: 10000 }, (_, i) => `## Heading ${i}\n\ntext\n`).join('') + '## Scope\n\ntext\n';
      const { findings } = await check({ 'policies/a.md': policy('type: policy\n', `# A\n\n${headings}`) });
      const missing = findings('policies/a.md').filter((f) => f.code === 'missing-section').map((f) => f.subject);
      assert.ok(!missing.includes('Scope') && missing.includes('Purpose'), missing.join(', '));
    });

    it('a heading of 50,000 commas is normalised', async () => {
      const { findings } = await check({ 'policies/a.md': policy('type: policy\n', `# A\n\n## Scope${','.repeat(50000)}\n\ntext\n`) });
      assert.ok(!findings('policies/a.md').some((f) => f.code === 'missing-section' && f.subject === 'Scope'));
    });
  });

  describe('--fix is idempotent and never derives data from its own insertions (item 4)', () => {
    async function fixTwice(text: string) {
      const { analyzer } = await check({ 'policies/a.md': text });
      const file = `${ROOT}/policies/a.md`;
      const once = analyzer.fixText(file, text).text;
      const twice = analyzer.fixText(file, once).text;
      return { once, twice };
    }

    for (const [name, tail] of Object.entries({ 'an unclosed HTML comment': '<!-- note\nstill in the comment\n', 'an unclosed <script> block': '<script>\nvar x = 1\n', 'an unclosed <pre> block': '<pre>\nraw\n' })) {
      it(`a document ending inside ${name}: nothing is inserted into it`, async () => {
        const text = policy('type: policy\n', `# A\n\n## Purpose\n\nText about CC6.1.\n\n${tail}`);
        const { once, twice } = await fixTwice(text);
        assert.equal(twice, once, 'a second --fix changed the file again');
        assert.ok(once.endsWith(tail), 'the comment or block is untouched');
      });
    }

    it('a stray BOM inside the heading is not copied into the title', async () => {
      const { once } = await fixTwice('---\ncontrols: [CC6.1]\nowner: O\n---\n# U\ufeffT\n');
      assert.match(once, /^title: "UT"$/m);
      assert.ok(!once.slice(0, once.indexOf('# U')).includes('\ufeff'));
    });

    it('a document with no level-1 heading gets level-2 sections, and its title is not taken from them', async () => {
      const text = '---\nowner: O\ncontrols: [CC6.1]\ntype: policy\n---\nText about CC6.1.\n';
      const { once, twice } = await fixTwice(text);
      assert.equal(twice, once);
      assert.match(once, /^## Purpose$/m);
      assert.doesNotMatch(once, /^# /m);
      assert.doesNotMatch(once, /^title:/m);
    });
  });
});
