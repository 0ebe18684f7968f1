import { strict as assert } from 'node:assert';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, uriOf, useServerOn } from './lspHarness';
import * as path from 'node:path';

/**
 * On a copy of examples/acme-saas (AWS carves out CC6.4 and CC6.5): a user writes the carve-out as an exclusion in
 * soc2-policy.yaml, gets carve-out-as-exclusion, and the quick fix edits soc2-policy.yaml and vendors/aws.md at once.
 */
describe('language server over stdio: carve-out written as an exclusion', function () {
  this.timeout(60000);
  const server = useServerOn('examples/acme-saas');
  let client: LspClient;
  before(() => (client = server.client));

  it('offers one quick fix that removes the exclusion and names the criterion under the vendor\'s csocs', async () => {
    const config = await client.open('soc2-policy.yaml');
    const vendor = await client.open('vendors/aws.md');
    const vendorText = client.text(vendor);
    // CC6.4 is already a CSOC of AWS in the example; CC7.1 is not, so the fix must add it there.
    await client.change(config, client.text(config).replace('review:', '  exclusions:\n    - criteria: [CC6.4, CC7.1]\n      reason: Carved out to AWS.\nreview:'));
    const diagnostics = (await client.pullDiagnostics(config)).items as Diagnostic[];
    const carveOuts = diagnostics.filter((d) => d.code === 'carve-out-as-exclusion');
    assert.equal(carveOuts.length, 2, JSON.stringify(diagnostics.map((d) => d.code)));
    const cc71 = carveOuts.find((d) => String(d.message).startsWith('CC7.1'))!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: config }, range: cc71.range, context: { diagnostics: [cc71] } });
    const move = actions.find((a) => /^Move CC7\.1 .* vendors\/aws\.md/.test(a.title));
    assert.ok(move, actions.map((a) => a.title).join(' | '));
    const changes = move.edit!.documentChanges as TextDocumentEdit[];
    assert.deepEqual(changes.map((c) => c.textDocument.uri).sort(), [config, vendor].sort());
    for (const change of changes) await client.applyEdits(change.textDocument.uri, change.edits as TextEdit[]);
    assert.match(client.text(config), /- criteria: \[CC6\.4\]\n/);
    assert.equal(client.text(vendor).length > vendorText.length, true);
    assert.match(client.text(vendor), /criteria: \[CC7\.1\]/);
    const after = ((await client.pullDiagnostics(config)).items as Diagnostic[]).filter((d) => d.code === 'carve-out-as-exclusion' || d.code === 'config-invalid');
    assert.deepEqual(after.map((d) => String(d.message).slice(0, 5)), ['CC6.4']);
    const vendorFindings = ((await client.pullDiagnostics(vendor)).items as Diagnostic[]).filter((d) => d.severity === 1);
    assert.deepEqual(vendorFindings, [], 'the vendor file is still valid');
    assert.equal(uriOf(path.join(server.workspace.dir, 'vendors/aws.md')), vendor);
  });
});
