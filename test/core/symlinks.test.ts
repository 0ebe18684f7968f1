import { strict as assert } from 'node:assert';
import { PolicyAnalyzer } from '../../server/src/core/analyzer';
import { loadCatalog } from '../../server/src/core/catalog/loadCatalog';
import { InMemoryWorkspace, confinement } from '../../server/src/core/workspace';
import type { Finding } from '../../server/src/core/types';
import { sharedBuiltins, TODAY } from '../helpers/coreHarness';

/**
 * Issue 15, item 6: custom catalogs are confined to the workspace by where their files really are.
 * A catalog path, a folder on it, a `parts:` entry or an OSCAL file that is a symlink out of the
 * workspace is refused before it is read, so nothing of the outside file reaches findings, hover or completion.
 */

const ROOT = '/ws';
const CONFIG = `${ROOT}/soc2-policy.yaml`;

/** A valid catalog whose titles must never show up when it lies outside. */
const OUTSIDE_CATALOG = 'id: outside\ntitle: Secret Outside Catalog\ncontrols:\n  - { id: OUT-01, title: Secret control title, description: Secret description. }\n';
/** A YAML file that is not a catalog: its key names leaked as `unknown property` findings. */
const CREDENTIALS = 'aws_access_key_id: AKIAEXAMPLE\naws_secret_access_key: wJalrEXAMPLEKEY\n';
const INSIDE_CATALOG = 'id: inside\ntitle: Inside Catalog\ncontrols:\n  - { id: IN-01, title: Inside control, description: Inside description. }\n';
const OSCAL = JSON.stringify({ catalog: { metadata: { title: 'Secret OSCAL Catalog' }, groups: [{ id: 'g', title: 'Secret group', controls: [{ id: 'sc-1', title: 'Secret OSCAL control' }] }] } });

async function open(files: Record<string, string>, links: Record<string, string> = {}, root = ROOT) {
  const workspace = new InMemoryWorkspace(files);
  for (const [from, to] of Object.entries(links)) workspace.link(from, to);
  const analyzer = await PolicyAnalyzer.open({ root, workspace, builtins: await sharedBuiltins(), today: () => TODAY });
  return { analyzer, workspace, all: analyzer.allFindings() };
}

/** Nothing of the outside files, in any finding or catalog (what hover and completion read). */
function assertNoLeak(analyzer: PolicyAnalyzer | string, all: Finding[] = []) {
  const text =
    typeof analyzer === 'string'
      ? analyzer
      : JSON.stringify(all) + JSON.stringify(analyzer.catalogSet.catalogs.map((c) => [c.id, c.title, c.controls.map((x) => [x.id, x.title, x.description, x.pointsOfFocus])]));
  for (const secret of ['Secret', 'OUT-01', 'aws_secret_access_key', 'aws_access_key_id', 'AKIAEXAMPLE', 'sc-1']) {
    assert.ok(!text.includes(secret), `"${secret}" leaked: ${text.slice(0, 2000)}`);
  }
}

const configFindings = (all: Finding[]) => all.filter((f) => f.file === CONFIG);
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;

describe('custom catalogs and symlinks (issue 15.6)', () => {
  it('refuses a catalog path that is a symlink to a catalog outside the workspace', async () => {
    const config = 'catalogs:\n  - catalogs/vendor.yaml\n';
    const { analyzer, all } = await open(
      { [CONFIG]: config, '/home/user/outside.yaml': OUTSIDE_CATALOG },
      { [`${ROOT}/catalogs/vendor.yaml`]: '/home/user/outside.yaml' },
    );
    assert.deepEqual(all.map((f) => [f.file, f.code, f.message]), [[CONFIG, 'config-invalid', 'Catalog "catalogs/vendor.yaml" is outside the workspace and was not loaded.']]);
    assert.equal(all[0].range.start.line, 1);
    assert.equal(analyzer.catalogSet.get('outside'), undefined, 'not in the set hover and completion read');
    assertNoLeak(analyzer, all);
  });

  it('never echoes the keys of an outside YAML file that is not a catalog', async () => {
    const { analyzer, all } = await open(
      { [CONFIG]: 'catalogs:\n  - { path: creds.yaml, id: creds }\n', '/home/user/.aws/credentials.yaml': CREDENTIALS },
      { [`${ROOT}/creds.yaml`]: '../home/user/.aws/credentials.yaml' },
    );
    assert.equal(all.length, 1, JSON.stringify(all));
    assert.equal(all[0].file, CONFIG);
    assert.match(all[0].message, /outside the workspace/);
    assertNoLeak(analyzer, all);
  });

  it('refuses a catalog under a folder that is a symlink out of the workspace', async () => {
    const { analyzer, all } = await open(
      { [CONFIG]: 'catalogs:\n  - vendor/catalog.yaml\n', '/secrets/catalog.yaml': OUTSIDE_CATALOG },
      { [`${ROOT}/vendor`]: '/secrets' },
    );
    assert.deepEqual(configFindings(all).map((f) => f.message), ['Catalog "vendor/catalog.yaml" is outside the workspace and was not loaded.']);
    assert.equal(all.length, 1);
    assertNoLeak(analyzer, all);
  });

  it('refuses a parts entry that is a symlink out of the workspace, and loads the rest of the catalog', async () => {
    const catalog = 'id: inside\ntitle: Inside Catalog\ncontrols:\n  - { id: IN-01, title: Inside control, description: Inside description. }\nparts:\n  - focus.yaml\n  - creds.yaml\n';
    const focus = 'pointsOfFocus:\n  IN-01:\n    - { id: IN-01.1, title: Secret point, summary: Secret summary. }\n';
    const { analyzer, all } = await open(
      { [CONFIG]: 'catalogs:\n  - catalogs/inside.yaml\n', [`${ROOT}/catalogs/inside.yaml`]: catalog, '/outside/focus.yaml': focus, '/outside/creds.yaml': CREDENTIALS },
      { [`${ROOT}/catalogs/focus.yaml`]: '/outside/focus.yaml', [`${ROOT}/catalogs/creds.yaml`]: '../../outside/creds.yaml' },
    );
    const inside = analyzer.catalogSet.get('inside');
    assert.ok(inside, 'the catalog itself is inside and loads');
    assert.deepEqual(inside.controls[0].pointsOfFocus, [], 'no point of focus from the outside part');
    const onCatalog = all.filter((f) => f.file === `${ROOT}/catalogs/inside.yaml`);
    assert.deepEqual(onCatalog.map((f) => [f.message, f.range.start.line]), [
      ['Catalog part "focus.yaml" is outside the workspace and was not loaded.', lineOf(catalog, 'focus.yaml')],
      ['Catalog part "creds.yaml" is outside the workspace and was not loaded.', lineOf(catalog, 'creds.yaml')],
    ]);
    assert.equal(all.length, 2, JSON.stringify(all));
    assertNoLeak(analyzer, all);
  });

  it('refuses an OSCAL catalog that is a symlink out of the workspace', async () => {
    const { analyzer, all } = await open(
      { [CONFIG]: 'catalogs:\n  - { path: nist.json, id: nist }\n', '/outside/nist.json': OSCAL },
      { [`${ROOT}/nist.json`]: '/outside/nist.json' },
    );
    assert.deepEqual(all.map((f) => [f.file, f.message]), [[CONFIG, 'Catalog "nist.json" is outside the workspace and was not loaded.']]);
    assert.equal(analyzer.catalogSet.get('nist'), undefined);
    assertNoLeak(analyzer, all);
  });

  it('treats an absolute catalog path as absolute: refused outside the root, loaded when really inside', async () => {
    const config = 'catalogs:\n  - /etc/outside.yaml\n  - /ws/catalogs/inside.yaml\n  - C:\\outside\\win.yaml\n';
    const { analyzer, all } = await open({
      [CONFIG]: config,
      '/etc/outside.yaml': OUTSIDE_CATALOG,
      // Before the fix, "/etc/outside.yaml" was joined under the root and this file was read instead.
      '/ws/etc/outside.yaml': OUTSIDE_CATALOG,
      [`${ROOT}/catalogs/inside.yaml`]: INSIDE_CATALOG,
    });
    assert.deepEqual(configFindings(all).map((f) => [f.message, f.range.start.line]), [
      ['Catalog "/etc/outside.yaml" is outside the workspace and was not loaded.', 1],
      ['Catalog "C:\\outside\\win.yaml" is outside the workspace and was not loaded.', 3],
    ]);
    assert.equal(all.length, 2);
    assert.ok(analyzer.catalogSet.get('inside'), 'an absolute path inside the root loads');
    assertNoLeak(analyzer, all);
  });

  it('reports a missing catalog on soc2-policy.yaml at the path value, not on the missing file', async () => {
    const config = 'catalogs:\n  - catalogs/missing.yaml\n  - { id: gone, path: catalogs/gone.yaml }\n  - catalogs/gone.json\n';
    const { all } = await open({ [CONFIG]: config });
    assert.deepEqual(all.map((f) => f.file), [CONFIG, CONFIG, CONFIG], JSON.stringify(all));
    assert.deepEqual(all.map((f) => f.code), ['config-invalid', 'config-invalid', 'config-invalid']);
    assert.deepEqual(all.map((f) => f.message), [
      'Catalog "catalogs/missing.yaml" was not found.',
      'Catalog "catalogs/gone.yaml" was not found.',
      'Catalog "catalogs/gone.json" was not found.',
    ]);
    const at = (f: Finding) => config.slice(f.span.start, f.span.end);
    assert.deepEqual(all.map(at), ['catalogs/missing.yaml', 'catalogs/gone.yaml', 'catalogs/gone.json'], 'the path value, also in the {path, id} form');
    assert.deepEqual(all[1].range.start, { line: 2, character: config.split('\n')[2].indexOf('catalogs/gone.yaml') });
  });

  it('says "outside" for any path outside the workspace, whether or not it exists', async () => {
    const { all } = await open({ [CONFIG]: 'catalogs:\n  - ../nowhere.yaml\n  - /nowhere/at/all.yaml\n' }, { [`${ROOT}/dangling.yaml`]: '/nowhere/else.yaml' });
    assert.deepEqual(all.map((f) => f.message), [
      'Catalog "../nowhere.yaml" is outside the workspace and was not loaded.',
      'Catalog "/nowhere/at/all.yaml" is outside the workspace and was not loaded.',
    ]);
  });

  it('loads catalogs through symlinks that stay inside, and under a root that is itself reached through a symlink', async () => {
    // Like macOS, where /tmp is a link to /private/tmp: the root's real path is compared, not its name.
    const files = {
      '/private/tmp/ws/soc2-policy.yaml': 'catalogs:\n  - current.yaml\n',
      '/private/tmp/ws/catalogs/v2/inside.yaml': INSIDE_CATALOG.replace('controls:', 'parts: [focus-link.yaml]\ncontrols:'),
      '/private/tmp/ws/shared/focus.yaml': 'pointsOfFocus:\n  IN-01:\n    - { id: IN-01.1, title: Inside point, summary: Inside summary. }\n',
    };
    const { analyzer, all } = await open(
      files,
      { '/tmp': '/private/tmp', '/private/tmp/ws/current.yaml': 'catalogs/v2/inside.yaml', '/private/tmp/ws/focus-link.yaml': 'shared/focus.yaml' },
      '/tmp/ws',
    );
    assert.deepEqual(all, []);
    const inside = analyzer.catalogSet.get('inside');
    assert.ok(inside);
    assert.deepEqual(inside.controls[0].pointsOfFocus.map((p) => p.title), ['Inside point']);
  });

  it('loadCatalog judges each part with the placement it is given, before reading it', async () => {
    const workspace = new InMemoryWorkspace({ '/ws/catalogs/main.yaml': INSIDE_CATALOG + 'parts:\n  - creds.yaml\n  - missing.yaml\n', '/outside/creds.yaml': CREDENTIALS });
    workspace.link('/ws/catalogs/creds.yaml', '/outside/creds.yaml');
    const read: string[] = [];
    const result = await loadCatalog('/ws/catalogs/main.yaml', (p) => (read.push(p), workspace.readFile(p)), { placement: confinement(workspace, ROOT) });
    assert.ok(result.catalog);
    assert.deepEqual(result.findings.map((f) => f.message), [
      'Catalog part "creds.yaml" is outside the workspace and was not loaded.',
      'Catalog part "missing.yaml" was not found.',
    ]);
    assert.deepEqual(read, ['/ws/catalogs/main.yaml'], 'the outside part is never opened');
    assertNoLeak(JSON.stringify(result.findings));
  });

  describe('InMemoryWorkspace symlinks', () => {
    it('follows links like the OS: relative targets, linked folders, .. after a link, cycles and dangling links', async () => {
      const ws = new InMemoryWorkspace({ '/a/file.txt': 'A', '/b/c/file.txt': 'C' });
      ws.link('/ws/to-a', '../a');
      ws.link('/ws/deep', '/b/c');
      ws.link('/ws/loop1', '/ws/loop2');
      ws.link('/ws/loop2', '/ws/loop1');
      ws.link('/ws/dangling', '/nowhere');
      assert.equal(await ws.realPath('/ws/to-a/file.txt'), '/a/file.txt');
      assert.equal(new TextDecoder().decode(await ws.readFile('/ws/to-a/file.txt')), 'A');
      assert.equal(await ws.realPath('/ws/deep/../c/file.txt'), '/b/c/file.txt', '.. climbs from the target');
      assert.equal(await ws.realPath('/ws/deep'), '/b/c', 'a folder');
      assert.equal(await ws.realPath('/ws/loop1'), undefined);
      assert.equal(await ws.realPath('/ws/dangling'), undefined);
      assert.equal(await ws.readFile('/ws/dangling'), undefined);
      assert.equal(await ws.realPath('/a/missing.txt'), undefined);
      assert.equal(await ws.realPath('/a/file.txt'), '/a/file.txt', 'identity without links');
    });
  });
});

