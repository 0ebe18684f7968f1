import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCli, copyFixture, runCli, tempDir } from './harness';

const TODAY = ['--today', '2026-12-01'];
const HR = 'policies/human-resources-security-policy.md';
const OPS = 'policies/operations-security-policy.md';

/** Every file under a folder, relative to it. */
function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(root, full) : [path.relative(root, full)];
  });
}

function codesOf(stdout: string): string[] {
  return JSON.parse(stdout).findings.map((f: { file: string; code: string }) => `${f.file} ${f.code}`);
}

describe('cli: check --fix', () => {
  let dir: string;
  let cleanup: () => void;
  let acme: string;
  const read = (file: string) => readFileSync(path.join(acme, file), 'utf8');
  before(() => buildCli());
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    acme = copyFixture('examples/acme-saas', dir);
    // A second safe fix, in another file: a criterion listed twice.
    writeFileSync(path.join(acme, OPS), read(OPS).replace('controls: [CC6.8, CC7.2, A1.1]', 'controls: [CC6.8, CC7.2, A1.1, CC7.2]'));
  });
  afterEach(() => cleanup());

  it('writes the fixed files only, and a re-check no longer shows the fixed findings', () => {
    const beforeFix = codesOf(runCli(['check', '--format', 'json', ...TODAY], { cwd: acme }).stdout);
    assert.ok(beforeFix.includes(`${HR} missing-section`) && beforeFix.includes(`${OPS} duplicate-criterion`));
    const files = listFiles(acme);
    // An old mtime makes any rewrite visible, however coarse the file system's clock.
    const old = new Date('2020-01-01T00:00:00Z');
    for (const f of files) utimesSync(path.join(acme, f), old, old);
    const contents = Object.fromEntries(files.map((f) => [f, read(f)]));

    const result = runCli(['check', '--fix', ...TODAY], { cwd: acme });
    assert.equal(result.code, 1, 'the unknown CC9.9 has no safe fix and stays an error');
    assert.match(result.stdout, new RegExp(`^Fixed ${HR.replace(/[./]/g, '\\$&')}$`, 'm'));
    assert.match(result.stdout, new RegExp(`^Fixed ${OPS.replace(/[./]/g, '\\$&')}$`, 'm'));
    assert.doesNotMatch(result.stdout, /missing-section|duplicate-criterion/, 'the report shows what is left');

    const changed = files.filter((f) => read(f) !== contents[f]).sort();
    assert.deepEqual(changed, [HR, OPS]);
    for (const f of files.filter((f) => !changed.includes(f))) assert.equal(statSync(path.join(acme, f)).mtimeMs, old.getTime(), `${f} was rewritten`);
    assert.match(read(OPS), /^controls: \[CC6\.8, CC7\.2, A1\.1\]$/m);
    assert.match(read(HR), /^## Exceptions$/m);

    const afterFix = codesOf(runCli(['check', '--format', 'json', ...TODAY], { cwd: acme }).stdout);
    // The inserted section's TODO: placeholder is left for a person to write (an error: the policy is approved).
    const expected = [...beforeFix.filter((c) => c !== `${HR} missing-section` && c !== `${OPS} duplicate-criterion`), `${HR} template-leftover`];
    assert.deepEqual([...afterFix].sort(), expected.sort());
  });

  it('fixes only under the given paths, and keeps CRLF line endings and a BOM', () => {
    writeFileSync(path.join(acme, HR), '\ufeff' + read(HR).replace(/\n/g, '\r\n'));
    const result = runCli(['check', HR, '--fix', '--format', 'json', ...TODAY], { cwd: acme });
    // All that is left is the inserted section's TODO: placeholder, which a person has to write.
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).findings.map((f: { code: string }) => f.code), ['template-leftover']);
    assert.match(result.stderr, /Fixed 1 file/);
    const text = read(HR);
    assert.ok(text.startsWith('\ufeff---\r\n'), 'the BOM is kept');
    assert.ok(!/[^\r]\n/.test(text), 'every line still ends in CRLF');
    assert.match(text, /\r\n## Exceptions\r\n/);
    assert.match(read(OPS), /A1\.1, CC7\.2\]/, 'a file outside the paths is not touched');
  });
});
