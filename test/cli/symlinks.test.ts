import { strict as assert } from 'node:assert';
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { buildCli, CLEAN_POLICY, runCli, tempDir, writeFiles } from './harness';

/**
 * Issue 15, item 6, on a real disk: custom catalogs that are symlinks out of the workspace
 * (a catalog file, a folder, a `parts:` entry, an OSCAL file) and an absolute catalog path
 * are refused unread, reported on soc2-policy.yaml, and nothing of the outside files is printed.
 */

const OUTSIDE_CATALOG = 'id: outside\ntitle: Secret Outside Catalog\ncontrols:\n  - { id: OUT-01, title: Secret control title, description: Secret description. }\n';
const CREDENTIALS = 'aws_access_key_id: AKIAEXAMPLE\naws_secret_access_key: wJalrEXAMPLEKEY\n';
const OSCAL = JSON.stringify({ catalog: { metadata: { title: 'Secret OSCAL Catalog' }, groups: [{ id: 'g', title: 'Secret group', controls: [{ id: 'sc-1', title: 'Secret OSCAL control' }] }] } });
const FOCUS = 'pointsOfFocus:\n  IN-01:\n    - { id: IN-01.1, title: Secret point, summary: Secret summary. }\n';
const INSIDE_CATALOG = 'id: inside\ntitle: Inside Catalog\ncontrols:\n  - { id: IN-01, title: Inside control, description: Inside description. }\nparts: [focus.yaml]\n';
const LEAKS = ['Secret', 'OUT-01', 'aws_secret_access_key', 'aws_access_key_id', 'AKIAEXAMPLE', 'wJalr', 'sc-1'];

interface JsonFinding {
  file: string;
  code: string;
  message: string;
  range: { start: { line: number; character: number } };
}

describe('cli: custom catalogs behind symlinks (real disk)', () => {
  let dir: string;
  let cleanup: () => void;
  let ws: string;
  let config: string;
  before(function () {
    buildCli();
    ({ dir, cleanup } = tempDir());
    writeFiles(dir, {
      'outside/catalog.yaml': OUTSIDE_CATALOG,
      'outside/credentials.yaml': CREDENTIALS,
      'outside/nist.json': OSCAL,
      'outside/focus.yaml': FOCUS,
      'outside/folder/catalog.yaml': OUTSIDE_CATALOG,
    });
    ws = path.join(dir, 'ws');
    config = [
      'catalogs:',
      '  - catalogs/vendor.yaml',
      '  - { path: creds.yaml, id: creds }',
      '  - { path: nist.json, id: nist }',
      '  - linked/catalog.yaml',
      '  - catalogs/inside.yaml',
      `  - ${JSON.stringify(path.join(dir, 'outside', 'catalog.yaml'))}`,
      '  - catalogs/missing.yaml',
      '',
    ].join('\n');
    // Mapping ids of both catalogs: an unknown id's finding names its catalog's title and suggests its ids.
    const mapping = CLEAN_POLICY.replace('controls: [CC6.1]', 'controls: [CC6.1]\nframeworks:\n  outside: [OUT-02]\n  inside: [IN-02]');
    writeFiles(ws, { 'soc2-policy.yaml': config, 'catalogs/inside.yaml': INSIDE_CATALOG, 'policies/access.md': mapping });
    try {
      symlinkSync(path.join(dir, 'outside', 'catalog.yaml'), path.join(ws, 'catalogs', 'vendor.yaml'));
      symlinkSync(path.join('..', 'outside', 'credentials.yaml'), path.join(ws, 'creds.yaml'));
      symlinkSync(path.join(dir, 'outside', 'nist.json'), path.join(ws, 'nist.json'));
      symlinkSync(path.join(dir, 'outside', 'folder'), path.join(ws, 'linked'), 'dir');
      symlinkSync(path.join('..', '..', 'outside', 'focus.yaml'), path.join(ws, 'catalogs', 'focus.yaml'));
      // The whole workspace reached through a link (as /tmp is on macOS): the real paths of root and files agree.
      symlinkSync(ws, path.join(dir, 'alias'), 'dir');
    } catch (error) {
      // Windows without the symlink privilege.
      if ((error as NodeJS.ErrnoException).code === 'EPERM') this.skip();
      throw error;
    }
  });
  after(() => cleanup?.());

  const check = (root: string) => {
    const result = runCli(['check', root, '--format', 'json', '--today', '2026-12-01'], { cwd: dir });
    for (const leak of LEAKS) assert.ok(!(result.stdout + result.stderr).includes(leak), `"${leak}" leaked:\n${result.stdout}\n${result.stderr}`);
    return { ...result, findings: JSON.parse(result.stdout).findings as JsonFinding[] };
  };

  for (const root of ['ws', 'alias']) {
    it(`refuses every outside catalog on soc2-policy.yaml and prints nothing of them (root "${root}")`, () => {
      const { code, findings } = check(root);
      assert.equal(code, 2, 'config-invalid makes check exit 2');
      const summary = findings.filter((f) => f.file !== 'policies/access.md').map((f) => `${f.file}:${f.range.start.line}: ${f.code} ${f.message}`);
      const absolute = JSON.stringify(path.join(dir, 'outside', 'catalog.yaml'));
      assert.deepEqual(summary, [
        'catalogs/inside.yaml:4: catalog-invalid Catalog part "focus.yaml" is outside the workspace and was not loaded.',
        'soc2-policy.yaml:1: config-invalid Catalog "catalogs/vendor.yaml" is outside the workspace and was not loaded.',
        'soc2-policy.yaml:2: config-invalid Catalog "creds.yaml" is outside the workspace and was not loaded.',
        'soc2-policy.yaml:3: config-invalid Catalog "nist.json" is outside the workspace and was not loaded.',
        'soc2-policy.yaml:4: config-invalid Catalog "linked/catalog.yaml" is outside the workspace and was not loaded.',
        `soc2-policy.yaml:6: config-invalid Catalog "${JSON.parse(absolute)}" is outside the workspace and was not loaded.`,
        'soc2-policy.yaml:7: config-invalid Catalog "catalogs/missing.yaml" was not found.',
      ]);
      const creds = findings.find((f) => /creds\.yaml/.test(f.message))!;
      assert.equal(creds.range.start.character, config.split('\n')[2].indexOf('creds.yaml'), 'at the path value of a {path, id} entry');
      // The inside catalog is registered (hover and completion read the same set); the outside one is not.
      const policy = findings.filter((f) => f.file === 'policies/access.md').map((f) => `${f.code} ${f.message}`);
      assert.ok(policy.includes('unknown-criterion "IN-02" is not in the Inside Catalog catalog. Did you mean IN-01?'), policy.join('\n'));
      assert.ok(!policy.some((f) => /OUT-02/.test(f) && /unknown-criterion/.test(f)), policy.join('\n'));
    });
  }
});
