import { strict as assert } from 'node:assert';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { buildServer, copyWorkspace, LspClient } from './lspHarness';

interface Report {
  items: { uri: string; kind: string; items?: Diagnostic[] }[];
}

/**
 * The server's warm start: with `initializationOptions.cacheFolder` (VS Code passes the extension's workspace storage),
 * the first index writes per-document results there and the next start reuses them. What the user sees must be the
 * same either way, and nothing is written into the workspace.
 */
describe('language server over stdio: warm start from the client\'s cache folder', function () {
  this.timeout(90000);
  let workspace: ReturnType<typeof copyWorkspace>;
  let cacheFolder: string;

  before(() => {
    buildServer();
    workspace = copyWorkspace('examples/acme-type2');
    cacheFolder = mkdtempSync(path.join(tmpdir(), 'soc2-server-cache-'));
  });

  after(() => {
    workspace?.cleanup();
    rmSync(cacheFolder, { recursive: true, force: true });
  });

  /** What the server logged about its warm start, e.g. "warm start: 38 documents reused from the cache, 0 checked". */
  let warmStart = '';
  let onWorkers = '';

  async function diagnosticsOnce(options: { cache: boolean }): Promise<string[]> {
    const { client } = await LspClient.start({ workspace: workspace.dir, pull: true, initializationOptions: options.cache ? { cacheFolder } : {} });
    try {
      await client.indexed();
      const logged = client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
      warmStart = logged.find((m) => m.startsWith('warm start:')) ?? '';
      onWorkers = logged.find((m) => m.endsWith('documents analysed on worker threads')) ?? '';
      const report = await client.request<Report>('workspace/diagnostic', { previousResultIds: [] });
      return report.items.flatMap((item) => (item.items ?? []).map((d) => `${path.basename(item.uri)}:${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${d.message}`)).sort();
    } finally {
      await client.stop();
    }
  }

  it('indexes on worker threads with the same results as on one thread', async () => {
    const single = await diagnosticsOnce({ cache: false });
    assert.equal(onWorkers, '', 'a small folder is indexed on one thread');
    const saved = { workers: process.env.SOC2_POLICY_WORKERS, min: process.env.SOC2_POLICY_PARALLEL_MIN };
    // The server inherits the environment: force two workers even for this small example.
    Object.assign(process.env, { SOC2_POLICY_WORKERS: '2', SOC2_POLICY_PARALLEL_MIN: '0' });
    try {
      assert.deepEqual(await diagnosticsOnce({ cache: false }), single);
      assert.match(onWorkers, /^[1-9]\d* documents analysed on worker threads$/);
    } finally {
      for (const [key, value] of [['SOC2_POLICY_WORKERS', saved.workers], ['SOC2_POLICY_PARALLEL_MIN', saved.min]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('writes the cache outside the workspace and reports the same from it', async () => {
    const cold = await diagnosticsOnce({ cache: false });
    assert.ok(cold.length > 5, 'the example has findings');
    assert.deepEqual(await diagnosticsOnce({ cache: true }), cold, 'first start with a cache folder');
    assert.match(warmStart, /^warm start: 0 documents reused from the cache, [1-9]\d* checked$/);
    const written = readdirSync(cacheFolder, { recursive: true }).map(String);
    assert.ok(written.some((f) => f.endsWith('facts.json')), `cache files: ${written.join(', ')}`);
    assert.ok(!existsSync(path.join(workspace.dir, '.soc2-policy')), 'nothing is written into the workspace');
    assert.deepEqual(await diagnosticsOnce({ cache: true }), cold, 'warm start');
    assert.match(warmStart, /^warm start: [1-9]\d* documents reused from the cache, 0 checked$/);
    // A file changed while the editor was closed is checked again.
    appendFileSync(path.join(workspace.dir, 'policies/access-control.md'), '\nSee [the runbook](no-such-runbook.md).\n');
    const changed = await diagnosticsOnce({ cache: true });
    assert.match(warmStart, /reused from the cache, 1 checked$/);
    assert.ok(changed.some((d) => d.startsWith('access-control.md:') && d.includes('broken-link')), changed.join('\n'));
    assert.deepEqual(changed, await diagnosticsOnce({ cache: false }));
  });
});
