import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ClientCommands, DEFAULT_SETTINGS, SETTINGS_SECTION } from '../../server/src/protocol';
import { Commands, Views } from '../../client/src/ids';

const REPO = path.resolve(__dirname, '..', '..');
/** The manifest as VS Code shows it: `%key%` strings replaced from package.nls.json (see l10n.test.ts). */
const nls: Record<string, string> = JSON.parse(readFileSync(path.join(REPO, 'package.nls.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'), (_key, value) =>
  (typeof value === 'string' && /^%[\w.-]+%$/.test(value) ? nls[value.slice(1, -1)] ?? value : value));
const contributes = manifest.contributes;

/** { a: { b: 1 } } -> [['a.b', 1]] */
function flatten(value: object, prefix: string): [string, unknown][] {
  return Object.entries(value).flatMap(([k, v]) => (v && typeof v === 'object' ? flatten(v, `${prefix}.${k}`) : [[`${prefix}.${k}`, v] as [string, unknown]]));
}

describe('extension manifest', () => {
  it('names the extension, its engine and its activation', () => {
    assert.equal(manifest.name, 'soc2-policy-studio');
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.equal(manifest.main, './client/out/extension.js');
    assert.deepEqual(manifest.activationEvents, ['onLanguage:markdown', 'workspaceContains:soc2-policy.yaml']);
  });

  it('declares the public command and view ids, and every command the client registers', () => {
    const declared = contributes.commands.map((c: { command: string }) => c.command);
    for (const id of ['soc2Policy.showGapPanel', 'soc2Policy.newPolicy', 'soc2Policy.initWorkspace', 'soc2Policy.exportReport', 'soc2Policy.markReviewed', 'soc2Policy.refreshCoverage']) {
      assert.ok(declared.includes(id), id);
    }
    for (const id of Object.values(Commands)) assert.ok(declared.includes(id), id);
    // Commands the server's code lenses run are the client's too.
    for (const id of Object.values(ClientCommands)) assert.ok(declared.includes(id), id);
    assert.deepEqual(contributes.viewsContainers.activitybar.map((c: { id: string; title: string }) => [c.id, c.title]), [[Views.container, 'SOC 2']]);
    assert.deepEqual(contributes.views[Views.container].map((v: { id: string }) => v.id), [Views.coverage, Views.evidence, Views.risks, Views.vendors, Views.questionnaires]);
    for (const c of contributes.commands) assert.equal(c.category, 'SOC 2', c.command);
    for (const id of ['soc2Policy.restartServer', 'soc2Policy.showOutput']) assert.ok(declared.includes(id), id);
    const clearFilter = contributes.commands.find((c: { command: string }) => c.command === Commands.clearDocumentFilter);
    assert.match(clearFilter.title, /^Clear Document Filter/, 'the way back from a document filter says what it does');
  });

  it('works limited in Restricted Mode and not in virtual workspaces, and says why', () => {
    const { untrustedWorkspaces, virtualWorkspaces } = manifest.capabilities;
    assert.equal(untrustedWorkspaces.supported, 'limited');
    assert.match(untrustedWorkspaces.description, /built-in catalogs only/);
    assert.match(untrustedWorkspaces.description, /write files/);
    assert.equal(virtualWorkspaces.supported, false);
    assert.ok(virtualWorkspaces.description.length > 20);
  });

  it('keeps the welcome view until the folder is a policy workspace', () => {
    const whens = contributes.viewsWelcome.map((w: { when: string }) => w.when);
    assert.ok(whens.every((w: string) => /soc2Policy\.(indexed|active)/.test(w)), whens.join(' | '));
    assert.ok(contributes.viewsWelcome.some((w: { contents: string; when: string }) => /!isWorkspaceTrusted/.test(w.when) && /Restricted Mode/.test(w.contents)));
    assert.equal(contributes.configuration.title, 'SOC 2 Policy Studio');
  });

  it('has a setting with a description and the default of DEFAULT_SETTINGS for each server setting', () => {
    const properties = contributes.configuration.properties;
    for (const [key, value] of flatten(DEFAULT_SETTINGS, SETTINGS_SECTION)) {
      assert.ok(properties[key], `${key} is contributed`);
      assert.deepEqual(properties[key].default, value, `${key} default`);
    }
    for (const [key, p] of Object.entries<Record<string, unknown>>(properties)) {
      assert.ok(key.startsWith(`${SETTINGS_SECTION}.`), key);
      assert.ok('default' in p, `${key} has a default`);
      assert.ok(String(p.description ?? p.markdownDescription ?? '').length > 20, `${key} has a description`);
    }
  });

  it('has the walkthrough with four steps and Markdown media', () => {
    const [walkthrough] = contributes.walkthroughs;
    assert.equal(walkthrough.title, 'Get started with SOC 2 policies');
    assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['chooseScope', 'initWorkspace', 'corePolicies', 'gapAnalysis']);
    // One spelling, the command's: "Initialize".
    assert.equal(walkthrough.steps[1].title, 'Initialize the workspace');
    assert.doesNotMatch(JSON.stringify(manifest) + readFileSync(path.join(REPO, walkthrough.steps[1].media.markdown), 'utf8'), /[Ii]nitialis/);
    for (const step of walkthrough.steps) assert.ok(existsSync(path.join(REPO, step.media.markdown)), step.media.markdown);
  });

  it('points only at files that exist', () => {
    const files = [
      manifest.icon,
      ...contributes.viewsContainers.activitybar.map((c: { icon: string }) => c.icon),
      ...contributes.snippets.map((s: { path: string }) => s.path),
      ...contributes.grammars.map((g: { path: string }) => g.path),
    ];
    for (const f of files) assert.ok(existsSync(path.join(REPO, f)), f);
    for (const g of contributes.grammars) {
      assert.equal(JSON.parse(readFileSync(path.join(REPO, g.path), 'utf8')).scopeName, g.scopeName);
      assert.deepEqual(g.injectTo, ['text.html.markdown']);
    }
  });
});
