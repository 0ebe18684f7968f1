import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { buildServer, copyWorkspace, LspClient, uriOf } from './lspHarness';

const DEBOUNCE_MS = 400;

/** The stdio suite against a push-only client (pull capabilities off), as Neovim 0.7 is. */
describe('language server over stdio: push diagnostics', function () {
  this.timeout(60000);
  let workspace: ReturnType<typeof copyWorkspace>;
  let client: LspClient;
  let capabilities: Record<string, unknown>;
  let configUri: string;

  const codes = (params: PublishDiagnosticsParams | undefined) => (params?.diagnostics ?? []).map((d) => d.code);
  const uncovered = (params: PublishDiagnosticsParams | undefined) =>
    (params?.diagnostics ?? []).filter((d: Diagnostic) => d.code === 'uncovered-criterion').map((d) => (d.data as { subject: string }).subject).sort();

  before(async () => {
    buildServer();
    workspace = copyWorkspace();
    configUri = uriOf(path.join(workspace.dir, 'soc2-policy.yaml'));
    const started = await LspClient.start({ workspace: workspace.dir, pull: false, settings: { diagnostics: { debounceMs: DEBOUNCE_MS } } });
    client = started.client;
    capabilities = started.init.capabilities as Record<string, unknown>;
    await client.indexed();
  });

  after(async () => {
    await client?.stop();
    workspace?.cleanup();
  });

  it('announces no pull diagnostics and publishes workspace findings, soc2-policy.yaml included', async () => {
    assert.equal(capabilities.diagnosticProvider, undefined);
    const config = await client.waitFor('soc2-policy.yaml diagnostics', () => client.published.get(configUri));
    assert.deepEqual(uncovered(config), ['C1.2', 'CC1.2', 'CC3.3', 'CC4.2', 'CC9.1']);
    const watched = client.serverRequests.find((r) => r.method === 'client/registerCapability' && JSON.stringify(r.params).includes('workspace/didChangeWatchedFiles'));
    assert.ok(watched, 'the server asks to be told about files changed outside the editor');
  });

  it('publishes unknown-criterion for an opened policy, with its version', async () => {
    const uri = await client.open('policies/vendor-management-policy.md');
    const published = await client.waitFor('vendor policy diagnostics at version 1', () => {
      const p = client.published.get(uri);
      return p?.version === 1 && p;
    });
    const unknown = published.diagnostics.find((d) => d.code === 'unknown-criterion')!;
    assert.deepEqual(unknown.range.start, { line: 14, character: 4 });
    assert.ok((unknown.data as { fixes: unknown[] }).fixes.length > 0);
  });

  it('debounces edits and never publishes an older version after a newer one', async () => {
    const uri = await client.open('policies/access-control-policy.md');
    await client.waitFor('first publish', () => client.published.get(uri)?.version === 1);
    const start = client.publishLog.length;
    let text = client.text(uri);
    for (let i = 0; i < 4; i++) {
      text = text.replace('## Definitions\n', `## Definitions\n\nTerm ${i}.\n`);
      await client.change(uri, text);
    }
    const final = client.version(uri);
    const last = await client.waitFor('the final version', () => {
      const p = client.published.get(uri);
      return p?.version === final && p;
    });
    assert.ok(!codes(last).includes('empty-section'), 'the edit filled the empty section');
    const versions = client.publishLog.slice(start).filter((p) => p.uri === uri).map((p) => p.version!);
    assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'versions only go forward');
    assert.ok(versions.length < 4, `a burst of edits is checked once, not per keystroke (published ${versions.join(', ')})`);
  });

  it('re-publishes soc2-policy.yaml when an edit elsewhere covers a criterion', async () => {
    const uri = await client.open('policies/risk-management-policy.md');
    await client.change(uri, client.text(uri).replace('controls: [', 'controls: [CC3.3, '));
    await client.waitFor('CC3.3 no longer uncovered', () => !uncovered(client.published.get(configUri)).includes('CC3.3'));
    assert.deepEqual(uncovered(client.published.get(configUri)), ['C1.2', 'CC1.2', 'CC4.2', 'CC9.1']);
  });

  it('follows files created outside the editor (didChangeWatchedFiles)', async () => {
    const file = path.join(workspace.dir, 'policies/confidentiality-standard.md');
    const policy = readFileSync(path.join(workspace.dir, 'policies/data-handling-standard.md'), 'utf8')
      .replace(/^id: .*$/m, 'id: confidentiality-standard')
      .replace(/^controls: .*$/m, 'controls: [C1.2]');
    writeFileSync(file, policy);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 1 }] });
    await client.waitFor('C1.2 covered by the new file', () => !uncovered(client.published.get(configUri)).includes('C1.2'));
  });

  it('reloads soc2-policy.yaml when it changes on disk, and diagnoses it as its own document', async () => {
    const file = path.join(workspace.dir, 'soc2-policy.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('  categories: [security, availability, confidentiality]\n', '  categories: [security, availability, confidentiality]\n  exclusions:\n    - criteria: [CC9.1]\n      reason: Not applicable to the system.\n'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    await client.waitFor('CC9.1 excluded', () => !uncovered(client.published.get(configUri)).includes('CC9.1'));
    // An unsaved broken config in the editor wins over the disk, and is reported at its position.
    await client.open('soc2-policy.yaml', original.replace('scope:', 'scope:\n  categories: [security, nonsense]\n  bogus: 1\nscope_again:'));
    const broken = await client.waitFor('config-invalid', () => codes(client.published.get(configUri)).includes('config-invalid') && client.published.get(configUri));
    assert.ok(broken.diagnostics.every((d) => d.source === 'soc2-policy'));
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: configUri } });
    await client.waitFor('config valid again', () => {
      const p = client.published.get(configUri);
      return p && !codes(p).includes('config-invalid') && uncovered(p).length > 0;
    });
  });
});
