import { strict as assert } from 'node:assert';
import type { CompletionList, Diagnostic } from 'vscode-languageserver-protocol';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LspClient, positionOf, uriOf, useServerOn } from './lspHarness';

/** Type II evidence in the language server, on a copy of examples/acme-type2 (today 2026-12-01). */
describe('language server over stdio: evidence', function () {
  this.timeout(60000);
  const server = useServerOn('examples/acme-type2');
  let client: LspClient;
  before(() => (client = server.client));

  const hoverAt = async (uri: string, needle: string, after = '') =>
    (await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(client.text(uri), needle, after) }))?.contents.value ?? '';

  it('hover on an obligation id shows its schedule, windows and status', async () => {
    const uri = await client.open('policies/access-control.md');
    const value = await hoverAt(uri, 'access-review', 'id: ');
    assert.match(value, /every quarter/);
    assert.match(value, /2 of 4 quarterly samples recorded, 1 missing/);
    assert.match(value, /2026-Q2/);
  });

  it('hover on a record\'s obligation explains the obligation it samples', async () => {
    const uri = await client.open('evidence/restore-test/2026-06-10.md');
    assert.match(await hoverAt(uri, 'restore-test', 'obligation: '), /every year[\s\S]*1 of 1 yearly samples recorded/);
  });

  it('completes obligation ids in records and every units in obligations', async () => {
    const uri = await client.open('evidence/restore-test/2026-06-10.md');
    await client.change(uri, client.text(uri).replace('obligation: restore-test', 'obligation: '));
    const ids = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(client.text(uri), '\n', 'obligation: ') });
    assert.deepEqual(ids.items.map((i) => i.label).sort(), ['access-review', 'incident-tabletop', 'offboarding-checklist', 'patch', 'restore-test', 'vuln-scan-review']);
    const policy = await client.open('policies/incident-response.md');
    await client.change(policy, client.text(policy).replace('every: half-year', 'every: '));
    const units = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: policy }, position: positionOf(client.text(policy), '\n', 'every: ') });
    assert.ok(units.items.some((i) => i.label === 'quarter'), units.items.map((i) => i.label).join(', '));
    const kinds = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: policy }, position: positionOf(client.text(policy), '\n', 'kind: ') });
    assert.ok(kinds.items.some((i) => i.label === 'incident tabletop'));
    // An obligation without a schedule is not declared: put both documents back for the next test.
    await client.change(policy, client.text(policy).replace('every: \n', 'every: half-year\n'));
    await client.change(uri, client.text(uri).replace('obligation: \n', 'obligation: restore-test\n'));
  });

  it('publishes evidence diagnostics on the obligation and updates them when a record is fixed', async () => {
    const uri = await client.open('evidence/incident-tabletop/2026-05-12.md');
    const before = (await client.pullDiagnostics(uri)).items as Diagnostic[];
    assert.deepEqual(before.map((d) => d.code), ['evidence-failed-unresolved']);
    await client.change(uri, client.text(uri) + '\n## Remediation\n\nA backup contact was added to the rota.\n');
    assert.deepEqual(((await client.pullDiagnostics(uri)).items as Diagnostic[]).map((d) => d.code), []);
  });

  it('re-hashes an attached file changed on disk while the server runs (evidence-hash-mismatch comes and goes)', async () => {
    const attached = path.join(server.workspace.dir, 'evidence/access-review/2026-Q1-export.csv');
    const record = uriOf(path.join(server.workspace.dir, 'evidence/access-review/2026-03-27.md'));
    const original = readFileSync(attached);
    const codes = async () => ((await client.pullDiagnostics(record)).items as Diagnostic[]).map((d) => d.code);
    assert.deepEqual(await codes(), []);
    const changeOnDisk = async (bytes: Buffer | string) => {
      const refreshes = client.countRequests('workspace/diagnostic/refresh');
      writeFileSync(attached, bytes);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(attached), type: 2 }] });
      await client.waitFor('workspace/diagnostic/refresh', () => client.countRequests('workspace/diagnostic/refresh') > refreshes);
    };
    await changeOnDisk(`${original.toString('utf8')}extra,row\n`);
    assert.deepEqual(await codes(), ['evidence-hash-mismatch']);
    await changeOnDisk(original);
    assert.deepEqual(await codes(), []);
  });
});
