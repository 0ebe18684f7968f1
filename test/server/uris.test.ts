import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { InMemoryWorkspace } from '../../server/src/core/workspace';
import { pullWorkspaceDiagnostics } from '../../server/src/features/diagnostics';
import { FULL_CLIENT } from '../../server/src/session/capabilities';
import { MemoryDocuments } from '../../server/src/session/memoryDocuments';
import { PolicySession } from '../../server/src/session/session';
import { canonicalUri, pathToUri } from '../../server/src/session/uris';
import { sharedBuiltins, TODAY } from '../helpers/coreHarness';
import { buildServer, copyWorkspace, LspClient } from './lspHarness';

type WorkspaceReport = { items: { uri: string; kind: string; resultId?: string; version?: number | null; items?: Diagnostic[] }[] };

/** File names with characters Node's pathToFileURL leaves alone and VS Code percent-encodes. */
const NAMES = ['access control (v2).md', 'zugriff & passwörter.md', "o'brien, +1!=$;@.md"];

/** An approved policy reviewed long ago: review-overdue whatever "today" is. */
const overdue = (title: string) => `---
title: ${title}
owner: Head of Security
status: approved
effective: 2020-01-01
last_reviewed: 2020-01-01
controls: [CC6.1]
---

# ${title}

Access follows least privilege (CC6.1).
`;

function addPolicies(dir: string): string[] {
  return NAMES.map((name, i) => {
    const file = path.join(dir, 'policies', name);
    writeFileSync(file, overdue(`Odd name ${i}`));
    return file;
  });
}

/** VS Code's spelling of a file's URI. */
const vscodeUri = (file: string) => URI.file(file).toString();

describe('URIs of files with reserved characters in their names', function () {
  this.timeout(60000);
  before(() => buildServer());

  it('canonical URIs are VS Code\'s spelling, and other spellings compare equal to them', () => {
    const file = '/ws/policies/access control (v2).md';
    assert.equal(pathToUri(file), 'file:///ws/policies/access%20control%20%28v2%29.md');
    assert.equal(pathToUri(file), vscodeUri(file));
    assert.equal(canonicalUri(pathToFileURL(file).href), pathToUri(file));
    assert.equal(canonicalUri('file:///c:/ws/x.md'), canonicalUri('file:///C%3A/ws/x.md'));
  });

  describe('pull diagnostics (VS Code\'s model)', () => {
    let workspace: ReturnType<typeof copyWorkspace>;
    let client: LspClient;
    let files: string[];

    before(async () => {
      workspace = copyWorkspace();
      files = addPolicies(workspace.dir);
      ({ client } = await LspClient.start({ workspace: workspace.dir, pull: true }));
      await client.indexed();
    });

    after(async () => {
      await client?.stop();
      workspace?.cleanup();
    });

    const overdueIn = (report: WorkspaceReport, uri: string) => report.items.find((i) => i.uri === uri)?.items?.filter((d) => d.code === 'review-overdue') ?? [];

    it('reports unopened files under canonical URIs, and answers "unchanged" when nothing changed', async () => {
      const first = await client.request<WorkspaceReport>('workspace/diagnostic', { previousResultIds: [] });
      for (const file of files) assert.equal(overdueIn(first, vscodeUri(file)).length, 1, `review-overdue for ${path.basename(file)} under ${vscodeUri(file)}`);
      const previousResultIds = first.items.map((i) => ({ uri: i.uri, value: i.resultId! }));
      // Several polling rounds, as the client repeats them every 2 s: nothing flips.
      for (let round = 0; round < 3; round++) {
        const next = await client.request<WorkspaceReport>('workspace/diagnostic', { previousResultIds });
        assert.deepEqual(next.items.filter((i) => i.kind !== 'unchanged').map((i) => i.uri), [], `round ${round}: everything unchanged`);
        assert.equal(next.items.length, first.items.length);
      }
    });

    it('matches previous result ids in another spelling of the same files', async () => {
      const first = await client.request<WorkspaceReport>('workspace/diagnostic', { previousResultIds: [] });
      const respelled = first.items.map((i) => ({ uri: pathToFileURL(URI.parse(i.uri).fsPath).href, value: i.resultId! }));
      assert.ok(respelled.some((p, i) => p.uri !== first.items[i].uri), 'the test really uses another spelling');
      const next = await client.request<WorkspaceReport>('workspace/diagnostic', { previousResultIds: respelled });
      assert.deepEqual(next.items.filter((i) => i.kind !== 'unchanged').map((i) => i.uri), []);
    });

    it('pulls an opened file in either spelling, and the workspace report then names it as the client opened it', async () => {
      const [parens, ampersand] = files;
      const opened = vscodeUri(parens);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: opened, languageId: 'markdown', version: 1, text: overdue('Odd name 0') } });
      const overdueCount = async (uri: string) => (await client.pullDiagnostics(uri)).items!.filter((d) => d.code === 'review-overdue').length;
      assert.equal(await overdueCount(opened), 1);
      const nodeSpelling = await client.open(path.relative(workspace.dir, ampersand));
      assert.notEqual(nodeSpelling, vscodeUri(ampersand));
      assert.equal(await overdueCount(nodeSpelling), 1);
      const all = await client.request<WorkspaceReport>('workspace/diagnostic', { previousResultIds: [] });
      assert.equal(all.items.find((i) => i.uri === opened)?.version, 1);
      assert.equal(all.items.find((i) => i.uri === nodeSpelling)?.version, 1);
      assert.equal(all.items.filter((i) => canonicalUri(i.uri) === vscodeUri(ampersand)).length, 1, 'one report per file');
    });
  });

  describe('push diagnostics', () => {
    let workspace: ReturnType<typeof copyWorkspace>;
    let client: LspClient;
    let files: string[];

    before(async () => {
      workspace = copyWorkspace();
      files = addPolicies(workspace.dir);
      ({ client } = await LspClient.start({ workspace: workspace.dir, pull: false, settings: { diagnostics: { debounceMs: 50 } } }));
      await client.indexed();
    });

    after(async () => {
      await client?.stop();
      workspace?.cleanup();
    });

    it('publishes each file under one URI and never clears it while it still has problems', async () => {
      for (const file of files) await client.waitFor(`review-overdue on ${path.basename(file)}`, () => client.published.get(vscodeUri(file))?.diagnostics.length);
      // Open one as VS Code spells it, edit it, and change the settings (a reset: everything is published again).
      const uri = vscodeUri(files[2]);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: overdue('Odd name 2') } });
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: overdue('Odd name 2, edited') }] });
      await client.waitFor('the edit published', () => client.published.get(uri)?.version === 2);
      const before = client.publishLog.length;
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await client.waitFor('a reset re-publishing the files', () => client.publishLog.slice(before).some((p) => p.uri === vscodeUri(files[0])));
      const ours = new Set(files.map(vscodeUri));
      const spellings = new Set(client.publishLog.map((p) => p.uri).filter((u) => canonicalUri(u) !== u && ours.has(canonicalUri(u))));
      assert.deepEqual([...spellings], [], 'no other spelling of these files');
      const cleared = client.publishLog.filter((p) => ours.has(p.uri) && !p.diagnostics.length);
      assert.deepEqual(cleared.map((p) => p.uri), [], 'never cleared');
    });
  });

  describe('idle workspace-diagnostic polling (in process)', () => {
    it('rebuilds nothing while nothing changes, and rebuilds after an edit', async () => {
      const documents = new MemoryDocuments();
      const disk = new InMemoryWorkspace({ '/ws/soc2-policy.yaml': 'scope:\n  categories: [security]\n', '/ws/policies/o\'brien (v2).md': overdue('Odd') });
      const session = new PolicySession({ documents, disk, builtins: await sharedBuiltins(), today: () => TODAY });
      const ctx = { session, client: FULL_CLIENT };
      try {
        await session.start([{ uri: pathToUri('/ws'), name: 'ws' }]);
        const [{ analyzer }] = await session.rootsFor(undefined);
        let builds = 0;
        const allFindings = analyzer.allFindings.bind(analyzer);
        analyzer.allFindings = () => (builds++, allFindings());
        const first = await pullWorkspaceDiagnostics(ctx, { previousResultIds: [] });
        const previousResultIds = first.items.map((i) => ({ uri: i.uri, value: i.resultId! }));
        assert.equal(builds, 1);
        for (let round = 0; round < 3; round++) {
          const next = await pullWorkspaceDiagnostics(ctx, { previousResultIds });
          assert.ok(next.items.every((i) => i.kind === 'unchanged'));
        }
        assert.equal(builds, 1, 'idle polls reuse the reports');

        const uri = pathToUri("/ws/policies/o'brien (v2).md");
        documents.open(uri, overdue('Odd').replace('last_reviewed: 2020-01-01', 'last_reviewed: 2026-11-30'));
        session.didOpen(uri);
        const edited = await pullWorkspaceDiagnostics(ctx, { previousResultIds });
        assert.equal(builds, 2, 'an edit rebuilds');
        const report = edited.items.find((i) => i.uri === uri);
        assert.equal(report?.kind, 'full');
        assert.deepEqual(report.kind === 'full' ? report.items.filter((d) => d.code === 'review-overdue') : undefined, []);
      } finally {
        session.dispose();
      }
    });
  });
});
