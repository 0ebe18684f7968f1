import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { openWorkspace, ROOT } from '../helpers/coreHarness';
import { readExpectations } from './inlineExpectations';

/**
 * Workspace rule fixtures: a folder under fixtures/rules with its own soc2-policy.yaml (which names the rules in a
 * `# rules:` comment) and documents carrying inline `expect:` markers, as in rules.test.ts. Findings of the named
 * rules on every file must match the markers exactly.
 */
const FIXTURES = path.join(__dirname, 'fixtures', 'rules');

function filesUnder(folder: string, prefix = ''): string[] {
  return readdirSync(folder).flatMap((name) => (statSync(path.join(folder, name)).isDirectory() ? filesUnder(path.join(folder, name), `${prefix}${name}/`) : [`${prefix}${name}`]));
}

describe('workspace rule fixtures', () => {
  for (const folder of readdirSync(FIXTURES).filter((name) => existsSync(path.join(FIXTURES, name, 'soc2-policy.yaml')))) {
    it(`${folder}: reports exactly the marked findings`, async () => {
      const files = Object.fromEntries(filesUnder(path.join(FIXTURES, folder)).map((f) => [f, readFileSync(path.join(FIXTURES, folder, f), 'utf8')]));
      const { rules } = readExpectations(files['soc2-policy.yaml']);
      assert.ok(rules.length, 'the fixture config names its rules');
      const expected = Object.entries(files).flatMap(([file, text]) => readExpectations(text).expected.map((e) => `${file}:${e.line}:${e.code}`));
      const { analyzer } = await openWorkspace(files);
      const actual = analyzer
        .allFindings()
        .filter((f) => rules.includes(f.code))
        .map((f) => `${path.posix.relative(ROOT, f.file)}:${f.range.start.line + 1}:${f.code}`);
      assert.deepEqual(actual.sort(), expected.sort());
    });
  }
});
