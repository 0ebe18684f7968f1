import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildServer, LspClient, uriOf } from './lspHarness';

/** A document whose bytes on disk are not UTF-8: after the editor closes it, the server reports what the CLI does. */
describe('language server over stdio: a closed document that is not UTF-8 on disk', function () {
  this.timeout(60000);
  let dir: string;
  let client: LspClient;

  before(async () => {
    buildServer();
    dir = mkdtempSync(path.join(tmpdir(), 'soc2-encoding-'));
    mkdirSync(path.join(dir, 'policies'));
    writeFileSync(path.join(dir, 'soc2-policy.yaml'), 'scope:\n  categories: [security]\n');
    writeFileSync(path.join(dir, 'policies/generated.md'), Buffer.from([0x92]));
    ({ client } = await LspClient.start({ workspace: dir, pull: true }));
    await client.indexed();
  });

  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports invalid-encoding again once the edited document is closed', async () => {
    const uri = uriOf(path.join(dir, 'policies/generated.md'));
    assert.deepEqual((await client.pullDiagnostics(uri)).items!.map((d) => d.code), ['invalid-encoding']);
    await client.open('policies/generated.md', '\ufffd');
    await client.change(uri, '---\ncontrols: [CC6.1]\n---\n# x\n');
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual((await client.pullDiagnostics(uri)).items!.map((d) => d.code), ['invalid-encoding']);
  });
});
