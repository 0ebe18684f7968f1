import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { WorkDoneProgress, type CodeAction, type Hover, type MarkupContent, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol';
import { MAP_SUGGESTED_KIND, type ImportPoliciesResult } from '../../server/src/protocol';
import { buildServer, copyWorkspace, LspClient, positionOf, uriOf } from './lspHarness';

/** An imported-looking procedure: front matter without mappings, sentences that speak to CC6.x. */
const UNTAGGED = `---
title: Access Management Procedure
owner: IT Operations
status: draft
type: procedure
controls: []
---

# Access Management Procedure

## Access reviews

System owners review every user's access at least quarterly and remove access that is no longer needed.

## Authentication

All users must sign in with multi-factor authentication.
`;

const SENTENCE = "System owners review every user's access";

/** Suggested criteria in the editor, and import, over stdio on a copy of examples/acme-saas. */
describe('language server over stdio: suggested criteria and import', function () {
  this.timeout(90000);
  let workspace: ReturnType<typeof copyWorkspace>;
  let client: LspClient;

  before(async () => {
    buildServer();
    workspace = copyWorkspace();
    writeFileSync(path.join(workspace.dir, 'procedures', 'access-management.md'), UNTAGGED);
    ({ client } = await LspClient.start({ workspace: workspace.dir, pull: true }));
    await client.indexed();
  });

  after(async () => {
    await client?.stop();
    workspace?.cleanup();
  });

  const actionsAt = (uri: string, needle: string) => {
    const at = positionOf(client.text(uri), needle);
    return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } });
  };
  const suggested = (actions: CodeAction[]) => actions.filter((a) => a.kind === MAP_SUGGESTED_KIND);
  const editsOf = (action: CodeAction) => (action.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];

  it('offers "Map suggested criterion" per criterion with its reason, and one mapping them all', async () => {
    const uri = await client.open('procedures/access-management.md');
    const actions = suggested(await actionsAt(uri, SENTENCE));
    const single = actions.filter((a) => a.title.startsWith('Map suggested criterion '));
    assert.ok(single.length >= 1, actions.map((a) => a.title).join(' | '));
    for (const action of single) assert.match(action.title, /^Map suggested criterion CC\d\.\d+ .+: ".+"$/, action.title);
    assert.ok(single.some((a) => a.title.includes(SENTENCE)), 'the sentence under the cursor is the reason shown');
    assert.ok(single.length > 1 && actions.some((a) => a.title.startsWith('Map all ')), 'several suggestions, and one action mapping them all');
    // The front matter also offers them; the body away from supporting sentences does not.
    assert.ok(suggested(await actionsAt(uri, 'status: draft')).length >= single.length);
    assert.deepEqual(suggested(await actionsAt(uri, '# Access Management Procedure')), []);

    const id = /criterion (CC\d\.\d+)/.exec(single[0].title)![1];
    await client.applyEdits(uri, editsOf(single[0]));
    assert.match(client.text(uri), new RegExp(`^controls: \\[${id.replace('.', '\\.')}\\]$`, 'm'));
    const after = suggested(await actionsAt(uri, 'status: draft'));
    assert.ok(!after.some((a) => a.title.startsWith(`Map suggested criterion ${id} `)), 'a mapped criterion is not suggested again');
    const codes = (await client.pullDiagnostics(uri)).items!.map((d) => d.code);
    assert.ok(!codes.includes('frontmatter-invalid') && !codes.includes('unknown-criterion'), codes.join(', '));
  });

  it('"Map all" adds every suggestion to a block list, one item each', async () => {
    const uri = await client.open('procedures/access-management-block.md', UNTAGGED.replace('controls: []', 'controls:\n  - CC1.4'));
    const all = suggested(await actionsAt(uri, 'status: draft')).find((a) => a.title.startsWith('Map all '));
    assert.ok(all, 'several suggestions, so a "Map all" action');
    const ids = /\(([^)]+)\)$/.exec(all.title)![1].split(', ');
    await client.applyEdits(uri, editsOf(all));
    assert.match(client.text(uri), new RegExp(`^controls:\\n  - CC1\\.4\\n${ids.map((id) => `  - ${id.replace('.', '\\.')}\\n`).join('')}---`, 'm'));
  });

  it('offers nothing on a tagged document', async () => {
    const uri = await client.open('policies/access-control-policy.md');
    assert.deepEqual(suggested(await actionsAt(uri, 'controls:')), []);
  });

  it('explains a supporting sentence on hover', async () => {
    const uri = await client.open('procedures/access-management-hover.md', UNTAGGED);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(client.text(uri), 'review every') });
    assert.ok(hover, 'a hover on the sentence');
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /Suggested criterion CC\d\.\d+/);
    assert.match(value, /reasons/);
    const none = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(client.text(uri), 'Procedure', '# Access') });
    assert.equal(none, null, 'no hover on a heading');
  });

  it('reports suggested-criterion only once soc2-policy.yaml enables it, at info', async () => {
    const uri = await client.open('procedures/access-management-diag.md', UNTAGGED);
    const codes = async () => (await client.pullDiagnostics(uri)).items!.filter((d) => d.code === 'suggested-criterion');
    assert.deepEqual(await codes(), [], 'off by default');
    const config = await client.open('soc2-policy.yaml');
    await client.change(config, `${client.text(config).trimEnd()}\nrules:\n  suggested-criterion: info\n`);
    // Every pull first applies pending edits (the config reload among them); a few pulls bound the wait.
    let diagnostics = await codes();
    for (let attempt = 0; !diagnostics.length && attempt < 10; attempt++) diagnostics = await codes();
    assert.ok(diagnostics.length, 'reported once enabled');
    for (const d of diagnostics) assert.equal(d.severity, 3, 'information');
    const fixes = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]] } });
    const quickFix = fixes.find((a) => a.kind === 'quickfix' && a.title.startsWith('Map '));
    assert.ok(quickFix, fixes.map((a) => a.title).join(' | '));
    const subject = (diagnostics[0].data as { subject: string }).subject;
    assert.ok(!suggested(fixes).some((a) => a.title.startsWith(`Map suggested criterion ${subject} `)), 'the quick fix is not offered twice');
  });

  it('imports an HTML file with work-done progress and says what it probably covers', async () => {
    const inbox = path.join(workspace.dir, 'inbox');
    mkdirSync(inbox);
    writeFileSync(path.join(inbox, 'backup.html'), '<h1>Backup Policy</h1><p>Owner: Head of IT</p><p>Production databases must be backed up daily and restores must be tested at least quarterly.</p><p>Backups are encrypted and stored in a second region.</p>');
    writeFileSync(path.join(inbox, 'broken.docx'), 'not a zip file');
    const token = 'import-test';
    // The client's own token: progress arrives on it without window/workDoneProgress/create.
    const kinds: string[] = [];
    const listening = client.connection.onProgress(WorkDoneProgress.type, token, (value) => void kinds.push(value.kind));
    const result = await client.request<ImportPoliciesResult>('soc2Policy/importPolicies', { inputs: [uriOf(inbox)], outFolder: uriOf(path.join(workspace.dir, 'imported')), workDoneToken: token });
    assert.equal(result.written.length, 1, JSON.stringify(result));
    const [written] = result.written;
    assert.equal(written.title, 'Backup Policy');
    assert.ok(existsSync(new URL(written.uri)), written.uri);
    assert.match(readFileSync(new URL(written.uri), 'utf8'), /^status: draft$/m);
    assert.ok(written.suggestions.every((s) => /^[A-Z]+\d*\.\d+$/.test(s.id) && s.title && s.because.length), JSON.stringify(written.suggestions));
    assert.equal(result.failed.length, 1);
    assert.match(result.failed[0].sourceUri, /broken\.docx$/);
    // Progress notifications precede the response on the wire, so they have all arrived by now.
    listening.dispose();
    assert.equal(kinds[0], 'begin');
    assert.ok(kinds.includes('report'), kinds.join(', '));
    assert.equal(kinds.at(-1), 'end');
    const again = await client.request<ImportPoliciesResult>('soc2Policy/importPolicies', { inputs: [uriOf(path.join(inbox, 'backup.html'))], outFolder: uriOf(path.join(workspace.dir, 'imported')) });
    assert.equal(again.written.length, 0);
    assert.equal(again.exists.length, 1, 'never overwrites without force');
  });

  it('refuses malformed import params with InvalidParams', async () => {
    await assert.rejects(client.request('soc2Policy/importPolicies', { inputs: 'x' }), (e: { code?: number }) => e.code === -32602);
  });
});
