import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { openWorkspace, ROOT } from '../helpers/coreHarness';
import { RULES } from '../../server/src/core/rules';
import { fixUntilStable } from '../../server/src/core/fixes/applyFixes';
import { readExpectations, type Expectation } from './inlineExpectations';

/**
 * Rule fixtures carry their expectations inline, as markdownlint's do:
 *   `# rules: a, b`              which rule codes the fixture is about (others are ignored)
 *   `expect: a, b`               findings starting on this line (in a YAML `#` or an HTML comment)
 *   `expect-line: N a, b`        findings starting on line N (1-based), for lines that cannot carry a comment
 * Every fix of the listed rules is then applied and the output checked again.
 */
const FIXTURES = path.join(__dirname, 'fixtures', 'rules');

const key = (e: Expectation) => `${e.line}:${e.code}`;

describe('rule fixtures', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.md'));
  const config = readFileSync(path.join(FIXTURES, 'soc2-policy.yaml'), 'utf8');

  it('cover every rule that checks documents', () => {
    const tested = new Set(files.flatMap((f) => readExpectations(readFileSync(path.join(FIXTURES, f), 'utf8')).rules));
    // Workspace fixtures (a folder with its own soc2-policy.yaml naming its rules) run in workspaceFixtures.test.ts.
    for (const folder of readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(path.join(FIXTURES, d.name, 'soc2-policy.yaml')))) {
      readExpectations(readFileSync(path.join(FIXTURES, folder.name, 'soc2-policy.yaml'), 'utf8')).rules.forEach((code) => tested.add(code));
    }
    const untested = RULES.filter((r) => r.kind === 'document' && !tested.has(r.code)).map((r) => r.code);
    assert.deepEqual(untested, []);
  });

  for (const name of files) {
    const text = readFileSync(path.join(FIXTURES, name), 'utf8');
    const { rules, expected } = readExpectations(text);

    it(`${name}: reports exactly the marked findings`, async () => {
      assert.ok(rules.length, 'fixture names its rules');
      const { analyzer } = await openWorkspace({ 'soc2-policy.yaml': config, [name]: text, 'missing-section.md': readFileSync(path.join(FIXTURES, 'missing-section.md'), 'utf8') });
      const actual = analyzer.findings(`${ROOT}/${name}`).filter((f) => rules.includes(f.code)).map((f) => ({ line: f.range.start.line + 1, code: f.code }));
      assert.deepEqual(actual.map(key).sort(), expected.map(key).sort());
    });

    it(`${name}: fixes remove what they fix, and the fixed text checks clean for them`, async () => {
      const file = `${ROOT}/${name}`;
      const { analyzer } = await openWorkspace({ 'soc2-policy.yaml': config, [name]: text });
      const before = analyzer.findings(file).filter((f) => rules.includes(f.code));
      const fixable = before.filter((f) => f.fixes?.length);
      // Only the fixture's own rules are fixed, so other rules' fixes do not muddy the comparison.
      const ofRules = (t: string) => {
        analyzer.updateDocument(file, t);
        return analyzer.findings(file).filter((f) => rules.includes(f.code));
      };
      // Every fix is exercised (the first of each finding), not only the ones --fix applies.
      const fixed = fixUntilStable(text, ofRules, { editsOf: (findings) => findings.flatMap((f) => f.fixes?.[0]?.edits ?? []) });
      if (!fixable.length) {
        assert.equal(fixed.text, text, 'nothing to fix leaves the text alone');
        return;
      }
      assert.notEqual(fixed.text, text);
      analyzer.updateDocument(file, fixed.text);
      const after = analyzer.findings(file).filter((f) => rules.includes(f.code));
      assert.equal(after.filter((f) => f.fixes?.length).length, 0, `still fixable after fixing:\n${fixed.text}`);
      assert.equal(after.length, before.length - fixable.length, `fixing must not create new findings:\n${after.map((f) => f.message).join('\n')}`);
      assert.equal(analyzer.findings(file).filter((f) => f.code === 'frontmatter-invalid').length, before.filter((f) => f.code === 'frontmatter-invalid').length, 'fixed front matter stays valid YAML');
    });
  }
});
