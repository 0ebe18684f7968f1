import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, LocationLink, MarkupContent, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { buildServer, copyWorkspace, LspClient, positionOf } from './lspHarness';

type WorkspaceReport = { items: { uri: string; kind: string; items?: Diagnostic[] }[] };

/** The stdio suite against a client with pull diagnostics (VS Code's model), on a copy of examples/acme-saas. */
describe('language server over stdio: pull diagnostics', function () {
  this.timeout(60000);
  let workspace: ReturnType<typeof copyWorkspace>;
  let client: LspClient;
  let capabilities: Record<string, unknown>;

  before(async () => {
    buildServer();
    workspace = copyWorkspace();
    const started = await LspClient.start({ workspace: workspace.dir, pull: true });
    client = started.client;
    capabilities = started.init.capabilities as Record<string, unknown>;
    await client.indexed();
  });

  after(async () => {
    await client?.stop();
    workspace?.cleanup();
  });

  it('initializes with pull diagnostics and reports indexing progress', () => {
    assert.deepEqual(capabilities.diagnosticProvider, { identifier: 'soc2-policy', interFileDependencies: true, workspaceDiagnostics: true });
    const messages = client.progress.map((p) => (p as { value: { message?: string } }).value.message).filter(Boolean);
    assert.ok(messages.some((m) => /^Indexing policies \d+\/\d+$/.test(m!)), `progress messages: ${messages.join(', ')}`);
  });

  it('opens a policy that maps CC9.9 and reports unknown-criterion with quick fixes', async () => {
    const uri = await client.open('policies/vendor-management-policy.md');
    const report = await client.pullDiagnostics(uri);
    assert.equal(report.kind, 'full');
    const unknown = report.items!.filter((d) => d.code === 'unknown-criterion');
    assert.equal(unknown.length, 1);
    assert.deepEqual(unknown[0].range.start, { line: 14, character: 4 });
    assert.equal(unknown[0].source, 'soc2-policy');
    // The rules reference shipped with the extension, at the rule's heading (the published URL may not exist).
    const href = unknown[0].codeDescription!.href;
    const line = Number(/^file:.*\/docs\/rules\.md#L(\d+)$/.exec(href)?.[1]);
    assert.equal(readFileSync(fileURLToPath(href.replace(/#.*$/, '')), 'utf8').split('\n')[line - 1], '## unknown-criterion');
    const data = unknown[0].data as { version: number; fixes: { title: string }[] };
    assert.equal(data.version, 1);
    assert.ok(data.fixes.some((f) => f.title.startsWith('Change to CC9.1')));
    assert.ok(!data.fixes.some((f) => f.title.startsWith('Change to CC9.2')), 'CC9.2 is already listed');
  });

  it('answers an unchanged pull with the same result id', async () => {
    const uri = await client.open('policies/change-management-policy.md');
    const first = await client.pullDiagnostics(uri);
    const second = await client.request<{ kind: string }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.equal(second.kind, 'unchanged');
  });

  it('hovers a criterion with its title, catalog facts and covering documents', async () => {
    const uri = await client.open('policies/access-control-policy.md');
    for (const position of [positionOf(client.text(uri), 'CC6.1'), positionOf(client.text(uri), 'CC6.1', '<!-- controls:')]) {
      const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position });
      const value = (hover.contents as MarkupContent).value;
      assert.match(value, /\*\*CC6\.1\*\* — Logical access security/);
      assert.match(value, /Security · CC6 Logical and Physical Access Controls/);
      assert.match(value, /Points of focus\*\* \(13\)/);
      assert.match(value, /\[Access Control Policy\]\(file:\/\/.*access-control-policy\.md\) \(approved\)/);
      assert.match(value, /ISO\/IEC 27001:2022 Annex A: .*A\.5\.15.*\(indicative\)/);
    }
  });

  it('hovers a COSO criterion with its principle, and a front-matter key with its values', async () => {
    const uri = await client.open('policies/information-security-policy.md');
    const coso = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(client.text(uri), 'CC1.1') });
    assert.match((coso.contents as MarkupContent).value, /COSO principle 1\b/);
    const key = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(client.text(uri), 'status:') });
    assert.match((key.contents as MarkupContent).value, /Allowed values: draft, in-review, approved, retired/);
  });

  it('completes criterion ids in a mapping list, by scope, without those listed', async () => {
    const uri = await client.open('policies/access-control-policy.md');
    const text = client.text(uri).replace('controls: [CC6.1, CC6.2, CC6.3, CC6.6]', 'controls: [CC6.1, CC6.2, CC6.3, CC6.6, ]');
    await client.change(uri, text);
    const position = positionOf(text, ']', 'controls:');
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('CC6.7') && labels.includes('A1.2') && labels.includes('C1.2'), 'in-scope criteria are offered');
    assert.ok(!labels.includes('CC6.1'), 'already listed');
    assert.ok(labels.includes('CC6.4'), 'carved out to AWS: still in scope');
    assert.ok(!labels.includes('PI1.1') && !labels.includes('P1.1'), 'categories out of scope');
    const item = list.items.find((i) => i.label === 'CC6.7')!;
    assert.match(item.detail!, /transmission|movement|transfer/i);
    const resolved = await client.request<CompletionItem>('completionItem/resolve', item);
    assert.ok((resolved.documentation as MarkupContent).value.length > 20);
  });

  it('completes enum values, section tags and missing headings', async () => {
    const uri = await client.open('policies/human-resources-security-policy.md');
    const original = client.text(uri);
    const typed = original.replace(/^type: policy$/m, 'type: ').replace(/\n## Purpose\n/, '\n## Purpose\n<!-- controls: CC1.4, -->\n') + '\n## Exc';
    await client.change(uri, typed);
    const values = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { ...positionOf(typed, 'type: '), character: 6 } });
    assert.deepEqual(values.items.map((i) => i.label), ['policy', 'procedure', 'standard', 'plan', 'narrative']);
    const tag = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { ...positionOf(typed, ' -->', '<!-- controls: CC1.4') } });
    const tagLabels = tag.items.map((i) => i.label);
    assert.ok(tagLabels.includes('CC1.5') && !tagLabels.includes('CC1.4'));
    assert.equal(tag.items.find((i) => i.label === 'CC1.5')!.sortText![0], '0', 'ids the front matter maps come first');
    const lines = typed.split('\n');
    const heading = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: lines.length - 1, character: lines[lines.length - 1].length } });
    assert.ok(heading.items.some((i) => i.label === 'Exceptions'), JSON.stringify(heading.items.map((i) => i.label)));
    await client.change(uri, original);
  });

  it('goes from a criterion id to its entry in the catalog file', async () => {
    const uri = await client.open('policies/access-control-policy.md');
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(client.text(uri), 'CC6.1') });
    assert.equal(links.length, 1);
    assert.match(links[0].targetUri, /controls-catalog\/tsc\/catalog\.yaml$/);
    assert.equal(links[0].targetSelectionRange.start.line, 294);
    assert.deepEqual(links[0].originSelectionRange, { start: { line: 11, character: 11 }, end: { line: 11, character: 16 } });
  });

  it('finds every mapping, tag and mention of a criterion across the workspace', async () => {
    const uri = await client.open('policies/access-control-policy.md');
    const locations = await client.request<{ uri: string; range: { start: { line: number } } }[]>('textDocument/references', {
      textDocument: { uri },
      position: positionOf(client.text(uri), 'CC6.1'),
      context: { includeDeclaration: true },
    });
    const files = locations.map((l) => l.uri.split('/').pop());
    assert.ok(files.filter((f) => f === 'access-control-policy.md').length >= 2, 'front matter and section tag');
    assert.ok(files.includes('catalog.yaml'), 'the declaration');
  });

  it('lists document symbols, workspace symbols and a coverage code lens', async () => {
    const uri = await client.open('policies/access-control-policy.md');
    const symbols = await client.request<{ name: string; children?: { name: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols[0].name, 'Front matter');
    assert.deepEqual(symbols[0].children!.map((c) => c.name), ['controls']);
    // Headings are the Markdown extension's outline; the server adds the section tags.
    assert.ok(symbols.slice(1).every((s) => s.name.startsWith('Tag: ')));
    const found = await client.request<{ name: string }[]>('workspace/symbol', { query: 'access control' });
    assert.ok(found.some((s) => s.name === 'Access Control Policy'));
    const criteria = await client.request<{ name: string }[]>('workspace/symbol', { query: 'CC6.1 logical' });
    assert.ok(criteria.some((s) => s.name.startsWith('CC6.1 ')));
    const lenses = await client.request<{ command: { title: string; command: string } }[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses[0].command.title, 'Covers 4 criteria · 1 finding');
    assert.equal(lenses[0].command.command, 'soc2Policy.showDocumentCoverage');
  });

  it('applies a quick fix and the diagnostics change', async () => {
    const uri = await client.open('policies/vendor-management-policy.md');
    const before = await client.pullDiagnostics(uri);
    const diagnostic = before.items!.find((d) => d.code === 'unknown-criterion')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const fix = actions.find((a) => a.kind === 'quickfix' && a.title.startsWith('Change to CC9.1'))!;
    assert.deepEqual(fix.diagnostics, [diagnostic]);
    const change = fix.edit!.documentChanges![0] as TextDocumentEdit;
    assert.equal(change.textDocument.version, client.version(uri));
    await client.applyEdits(uri, change.edits as TextEdit[]);
    const after = await client.pullDiagnostics(uri);
    assert.equal(after.items!.filter((d) => d.code === 'unknown-criterion').length, 0);
  });

  it('offers source.fixAll.soc2Policy and applying it removes the fixable findings', async () => {
    const uri = await client.open('policies/human-resources-security-policy.md');
    const before = await client.pullDiagnostics(uri);
    assert.ok(before.items!.some((d) => d.code === 'missing-section'));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    const fixAll = actions.find((a) => a.kind === 'source.fixAll.soc2Policy')!;
    assert.ok(fixAll?.edit, 'an explicitly requested fix-all comes with its edit');
    await client.applyEdits(uri, (fixAll.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[]);
    const after = await client.pullDiagnostics(uri);
    assert.equal(after.items!.filter((d) => d.code === 'missing-section').length, 0);
    assert.match(client.text(uri), /^## Exceptions$/m);
  });

  it('clears uncovered-criterion on soc2-policy.yaml when another file maps the criterion', async () => {
    const initial = await client.request<WorkspaceReport>('workspace/diagnostic', { previousResultIds: [] });
    const config = (report: WorkspaceReport) => report.items.find((i) => i.uri.endsWith('/soc2-policy.yaml'));
    const uncovered = (report: WorkspaceReport) => (config(report)?.items ?? []).filter((d) => d.code === 'uncovered-criterion').map((d) => (d.data as { subject: string }).subject);
    // The hand count has five; an earlier test may have mapped CC9.1 with a quick fix.
    const before = uncovered(initial).sort();
    assert.ok(before.includes('CC3.3') && before.includes('CC1.2'), before.join(', '));
    const refreshes = client.countRequests('workspace/diagnostic/refresh');
    const uri = await client.open('policies/risk-management-policy.md');
    await client.change(uri, client.text(uri).replace('controls: [', 'controls: [CC3.3, '));
    await client.pullDiagnostics(uri);
    await client.waitFor('workspace/diagnostic/refresh', () => client.countRequests('workspace/diagnostic/refresh') > refreshes);
    await client.waitFor('coverageChanged for CC3.3', () => client.notifications.find((n) => n.method === 'soc2Policy/coverageChanged' && (n.params as { criteria: string[] }).criteria.includes('CC3.3')));
    const after = await client.request<WorkspaceReport>('workspace/diagnostic', { previousResultIds: [] });
    assert.deepEqual(uncovered(after).sort(), before.filter((id) => id !== 'CC3.3'));
  });

  it('answers the custom coverage, gaps, catalog and report requests', async () => {
    const coverage = await client.request<{ roots: { summary: { overall: { covered: number; applicable: number } }; criteria: { id: string; status: string; documents: { uri: string }[] }[] }[] }>('soc2Policy/coverage', {});
    assert.equal(coverage.roots.length, 1);
    const cc61 = coverage.roots[0].criteria.find((c) => c.id === 'CC6.1')!;
    assert.equal(cc61.status, 'covered');
    assert.match(cc61.documents[0].uri, /^file:.*access-control-policy\.md$/);
    const gaps = await client.request<{ gaps: { id: string; status: string; finding?: { uri: string } }[] }>('soc2Policy/gaps', {});
    assert.ok(gaps.gaps.some((g) => g.id === 'CC1.2' && g.status === 'uncovered' && g.finding?.uri.endsWith('soc2-policy.yaml')));
    assert.ok(gaps.gaps.some((g) => g.id === 'A1.3' && g.status === 'draft-only'));
    const catalog = await client.request<{ catalogs: { id: string; controls: { id: string; definition?: { uri: string } }[] }[]; rules: unknown[] }>('soc2Policy/catalog', { catalogId: 'tsc' });
    assert.equal(catalog.catalogs[0].controls.length, 61);
    assert.match(catalog.catalogs[0].controls[0].definition!.uri, /catalog\.yaml$/);
    for (const format of ['markdown', 'html', 'csv'] as const) {
      const report = await client.request<{ content: string; mimeType: string }>('soc2Policy/report', { format });
      assert.ok(report.content.includes('CC1.2'), `${format} report lists the criteria`);
    }
    await assert.rejects(client.request('soc2Policy/report', { format: 'pdf' }), /Unknown report format/);
  });

  it('asks for settings once per change of configuration, not per request', async () => {
    const uri = await client.open('policies/access-control-policy.md');
    await client.pullDiagnostics(uri);
    const asked = client.countRequests('workspace/configuration');
    for (let i = 0; i < 3; i++) await client.pullDiagnostics(uri);
    await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(client.text(uri), 'CC6.1') });
    assert.equal(client.countRequests('workspace/configuration'), asked, 'cached');
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.pullDiagnostics(uri);
    assert.ok(client.countRequests('workspace/configuration') > asked, 're-read after didChangeConfiguration');
  });

  it('drops a stale pull result and asks the client to retrigger', async () => {
    const uri = await client.open('policies/operations-security-policy.md');
    await client.pullDiagnostics(uri);
    const release = client.holdConfiguration();
    const asked = client.countRequests('workspace/configuration');
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const pending = client.pullDiagnostics(uri);
    await client.waitFor('the server to ask for settings', () => client.countRequests('workspace/configuration') > asked);
    // The document changes while the pull waits: its result would describe an old version.
    await client.change(uri, client.text(uri) + '\nMore text.\n');
    release();
    await assert.rejects(pending, (error: { code?: number; data?: { retriggerRequest?: boolean } }) => error.code === -32802 && error.data?.retriggerRequest === true);
    assert.equal((await client.pullDiagnostics(uri)).kind, 'full');
  });

  it('cancels a request the client gave up on, and keeps serving afterwards', async () => {
    const uri = await client.open('policies/access-control-policy.md');
    const { CancellationTokenSource } = await import('vscode-languageserver-protocol');
    // Settings are re-read after a configuration change; holding that answer holds the pull mid-flight.
    const release = client.holdConfiguration();
    const asked = client.countRequests('workspace/configuration');
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
    await client.waitFor('the server to ask for settings', () => client.countRequests('workspace/configuration') > asked);
    source.cancel();
    release();
    await assert.rejects(pending, (error: { code?: number }) => error.code === -32800);
    // Cancelled before it even started: the server sees a cancelled token at once.
    const early = new CancellationTokenSource();
    early.cancel();
    await client.connection.sendRequest('textDocument/references', { textDocument: { uri }, position: positionOf(client.text(uri), 'CC6.1'), context: { includeDeclaration: false } }, early.token).then(
      (result) => assert.ok(Array.isArray(result)),
      (error: { code?: number }) => assert.equal(error.code, -32800),
    );
    const report = await client.pullDiagnostics(uri);
    assert.equal(report.kind, 'full');
  });

  it('gives empty answers for unknown documents and positions outside a document', async () => {
    const unknown = { uri: 'file:///nowhere/at/all.md' };
    assert.equal(await client.request('textDocument/hover', { textDocument: unknown, position: { line: 0, character: 0 } }), null);
    assert.deepEqual((await client.request<CompletionList>('textDocument/completion', { textDocument: unknown, position: { line: 0, character: 0 } })).items, []);
    assert.deepEqual(await client.request('textDocument/diagnostic', { textDocument: unknown }), { kind: 'full', items: [] });
    assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri: 'untitled:Untitled-1' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }), []);
    const uri = await client.open('policies/access-control-policy.md');
    for (const position of [{ line: 9999, character: 0 }, { line: 0, character: 9999 }, { line: -1, character: -1 }]) {
      assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position }), null);
      assert.equal(await client.request('textDocument/definition', { textDocument: { uri }, position }), null);
      assert.deepEqual(await client.request('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } }), []);
    }
    assert.ok(await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(client.text(uri), 'CC6.1') }), 'still serving');
  });
});
