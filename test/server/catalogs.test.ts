import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CompletionItem, CompletionList, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { CatalogSet } from '../../server/src/core/catalog/catalog';
import { loadBuiltins } from '../../server/src/node/builtins';
import { buildServer, LspClient, positionOf, REPO, uriOf } from './lspHarness';

type WorkspaceReport = { items: { uri: string; kind: string; items?: Diagnostic[] }[] };

const FIXTURES = path.join(REPO, 'test/core/fixtures/catalogs');

const CONFIG = 'catalogs:\n  - { path: catalogs/mini.json, id: mini }\n';

const POLICY = `---
title: Access Reviews Policy
id: access-reviews
type: policy
owner: Head of Security
status: approved
last_reviewed: 2026-10-01
controls: [CC6.1, CC6.2]
frameworks: {mini: [AC-1, AC-9], iso27001: [A.5.15]}
---

# Access Reviews Policy

## Purpose

Access is reviewed every quarter (CC6.1) so that people keep only what they need.
`;

/** The same policy with \`frameworks\` as a block mapping, as many authors write it. */
const BLOCK_POLICY = POLICY.replace('frameworks: {mini: [AC-1, AC-9], iso27001: [A.5.15]}', 'frameworks:\n  mini: [AC-1, AC-9]\n  iso27001: [A.5.15]');

/** An OSCAL catalog whose only control has no title. */
const BROKEN = '{\n  "catalog": {\n    "groups": [\n      { "id": "g", "controls": [ { "id": "x" } ] }\n    ]\n  }\n}\n';

/** A scratch workspace: soc2-policy.yaml, the catalogs it names and the policies, from file contents. */
function scratchWorkspace(files: Record<string, string | { copy: string }>): { dir: string; cleanup: () => void } {
  const parent = mkdtempSync(path.join(tmpdir(), 'soc2-lsp-catalogs-'));
  const dir = path.join(parent, 'workspace');
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof content === 'string') writeFileSync(file, content);
    else copyFileSync(content.copy, file);
  }
  return { dir, cleanup: () => rmSync(parent, { recursive: true, force: true }) };
}

/** The range `needle` occupies (its first occurrence after `after`). */
function rangeOf(text: string, needle: string, after = ''): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const start = positionOf(text, needle, after);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

/** Diagnostic messages may be Markdown in LSP 3.18; ours are plain strings. */
function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  return (hover.contents as MarkupContent).value;
}

/** Custom catalogs (an OSCAL one) and the ISO 27001 lens, over stdio. */
describe('language server over stdio: custom catalogs and frameworks', function () {
  this.timeout(60000);
  let workspace: ReturnType<typeof scratchWorkspace>;
  let client: LspClient;

  before(async () => {
    buildServer();
    workspace = scratchWorkspace({
      'soc2-policy.yaml': CONFIG,
      'catalogs/mini.json': { copy: path.join(FIXTURES, 'oscal-mini.json') },
      'policies/access-reviews.md': POLICY,
      'policies/access-reviews-block.md': BLOCK_POLICY.replace('id: access-reviews', 'id: access-reviews-block'),
    });
    ({ client } = await LspClient.start({ workspace: workspace.dir, pull: true }));
    await client.indexed();
  });

  after(async () => {
    await client?.stop();
    workspace?.cleanup();
  });

  it('loads the OSCAL catalog without problems in soc2-policy.yaml', async () => {
    const report = await client.request<WorkspaceReport>('workspace/diagnostic', { previousResultIds: [] });
    const config = report.items.find((i) => i.uri.endsWith('/soc2-policy.yaml'));
    assert.deepEqual((config?.items ?? []).filter((d) => /catalog/.test(String(d.code)) || /catalog/i.test(messageOf(d))), []);
    assert.ok(!report.items.some((i) => i.uri.endsWith('/mini.json') && i.items?.length), 'no findings on the catalog file');
  });

  it('reports unknown-criterion on the unknown OSCAL id exactly, and nothing on known ids', async () => {
    for (const file of ['policies/access-reviews.md', 'policies/access-reviews-block.md']) {
      const uri = await client.open(file);
      const report = await client.pullDiagnostics(uri);
      const unknown = report.items!.filter((d) => d.code === 'unknown-criterion');
      assert.equal(unknown.length, 1, `${file}: ${JSON.stringify(unknown.map((d) => messageOf(d)))}`);
      assert.deepEqual(unknown[0].range, rangeOf(client.text(uri), 'AC-9'), file);
      assert.match(messageOf(unknown[0]), /AC-9/);
      assert.equal((unknown[0].data as { subject?: string }).subject, 'AC-9');
    }
  });

  it('hovers an OSCAL id with its title and statement', async () => {
    const uri = await client.open('policies/access-reviews.md');
    const position = positionOf(client.text(uri), 'AC-1');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position });
    const value = hoverText(hover);
    assert.match(value, /\*\*AC-1\*\* — Account reviews/);
    assert.match(value, /Managers confirm every quarter that their reports still need the access they hold\./);
    assert.match(value, /Mini control set \(test fixture\)/, 'names the catalog');
    assert.match(value, /Mapped by.*\n- \[Access Reviews Policy\]\(file:/, 'lists the documents that map it, as links');
    assert.deepEqual(hover.range, rangeOf(client.text(uri), 'AC-1'));
  });

  it('hovers an ISO 27001 id with its TSC mappings, marked indicative', async () => {
    const builtins = await loadBuiltins();
    const catalogs = new CatalogSet(builtins.catalogs);
    const expected = catalogs.control('A.5.15', 'iso27001')!.mappings.tsc;
    assert.ok(expected.length > 0, 'the built-in ISO catalog maps A.5.15 to TSC');
    for (const file of ['policies/access-reviews.md', 'policies/access-reviews-block.md']) {
      const uri = await client.open(file);
      const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(client.text(uri), 'A.5.15') });
      const value = hoverText(hover);
      assert.match(value, /\*\*A\.5\.15\*\* — /);
      const line = value.split('\n').find((l) => /Trust Services Criteria|TSC/.test(l) && l.startsWith('- '));
      assert.ok(line, `a mapped-controls line for TSC in:\n${value}`);
      for (const id of expected) assert.ok(line.includes(id), `${id} in "${line}"`);
      assert.match(line, /indicative/);
    }
  });

  it('hovers a TSC criterion with the ISO controls that map to it (the reverse direction)', async () => {
    const builtins = await loadBuiltins();
    const catalogs = new CatalogSet(builtins.catalogs);
    const expected = catalogs.mappedFrom('CC6.1').filter((m) => m.catalogId === 'iso27001').map((m) => m.id);
    assert.ok(expected.includes('A.5.15'));
    const uri = await client.open('policies/access-reviews.md');
    for (const position of [positionOf(client.text(uri), 'CC6.1'), positionOf(client.text(uri), 'CC6.1', '## Purpose')]) {
      const value = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position }));
      assert.match(value, /\*\*CC6\.1\*\* — /);
      const line = value.split('\n').find((l) => l.startsWith('- ISO/IEC 27001'));
      assert.ok(line, `an ISO line in:\n${value}`);
      for (const id of expected) assert.ok(line.includes(id), `${id} in "${line}"`);
      assert.match(line, /indicative/);
    }
  });

  it('completes OSCAL ids inside the mini list, without those listed, and not TSC ids', async () => {
    const uri = await client.open('policies/access-reviews.md');
    const original = client.text(uri);
    const typed = original.replace('mini: [AC-1, AC-9]', 'mini: [AC-1, AC-9, ]');
    await client.change(uri, typed);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(typed, ']', 'mini: [') });
    assert.deepEqual(list.items.map((i) => i.label).sort(), ['AC-1(1)', 'AC-2']);
    const item = list.items.find((i) => i.label === 'AC-2')!;
    assert.equal(item.detail, 'Strong sign-in');
    const resolved = await client.request<CompletionItem>('completionItem/resolve', item);
    assert.match((resolved.documentation as MarkupContent).value, /second factor/);
    // The ISO list in the same flow mapping offers ISO ids.
    const iso = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(typed, 'A.5.15') });
    const isoLabels = iso.items.map((i) => i.label);
    assert.ok(isoLabels.includes('A.5.16') && !isoLabels.includes('AC-2') && !isoLabels.includes('CC6.1'), isoLabels.slice(0, 10).join(' '));
    await client.change(uri, original);
  });

  it('completes OSCAL ids in a block frameworks mapping', async () => {
    const uri = await client.open('policies/access-reviews-block.md');
    const original = client.text(uri);
    const typed = original.replace('mini: [AC-1, AC-9]', 'mini: [AC-9, ]');
    await client.change(uri, typed);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(typed, ']', 'mini: [') });
    assert.deepEqual(list.items.map((i) => i.label).sort(), ['AC-1', 'AC-1(1)', 'AC-2']);
    await client.change(uri, original);
  });

  it('diagnoses the catalog while it is edited, with a position, and recovers when it is fixed', async () => {
    const uri = await client.open('catalogs/mini.json');
    const original = client.text(uri);
    const broken = original.replace('"title": "Strong sign-in",', '');
    await client.change(uri, broken);
    const report = await client.pullDiagnostics(uri);
    const invalid = report.items!.filter((d) => d.code === 'catalog-invalid');
    assert.equal(invalid.length, 1, JSON.stringify(report.items));
    assert.match(messageOf(invalid[0]), /needs an "id" and a "title"/);
    const control = positionOf(broken, '{', '"Account reviews"');
    assert.ok(invalid[0].range.start.line > control.line, `points into the second control: ${JSON.stringify(invalid[0].range)}`);
    await client.change(uri, original);
    assert.deepEqual((await client.pullDiagnostics(uri)).items, []);
    const policy = await client.open('policies/access-reviews.md');
    const unknown = (await client.pullDiagnostics(policy)).items!.filter((d) => d.code === 'unknown-criterion');
    assert.deepEqual(unknown.map((d) => (d.data as { subject?: string }).subject), ['AC-9']);
  });
});

describe('language server over stdio: broken custom catalogs', function () {
  this.timeout(60000);
  let workspace: ReturnType<typeof scratchWorkspace>;
  let client: LspClient;

  before(async () => {
    buildServer();
    workspace = scratchWorkspace({
      'soc2-policy.yaml': 'catalogs:\n  - { path: catalogs/broken.json, id: broken }\n  - { path: catalogs/syntax.json, id: syntax }\n  - { path: ../outside.json, id: outside }\n',
      'catalogs/broken.json': BROKEN,
      'catalogs/syntax.json': '{\n  "catalog": {\n    "groups": [\n  }\n',
      'policies/a.md': POLICY.replace('frameworks: {mini: [AC-1, AC-9], iso27001: [A.5.15]}', 'frameworks: {broken: [X-1]}'),
    });
    ({ client } = await LspClient.start({ workspace: workspace.dir, pull: true }));
    await client.indexed();
  });

  after(async () => {
    await client?.stop();
    workspace?.cleanup();
  });

  it('reports each broken catalog on its file or on soc2-policy.yaml, with a position', async () => {
    const report = await client.request<WorkspaceReport>('workspace/diagnostic', { previousResultIds: [] });
    const on = (name: string) => report.items.find((i) => i.uri === uriOf(path.join(workspace.dir, name)))?.items ?? [];
    const structural = on('catalogs/broken.json');
    assert.ok(structural.length && structural.every((d) => d.code === 'catalog-invalid'), JSON.stringify(report.items.map((i) => [i.uri, i.items?.map((d) => messageOf(d))])));
    const untitled = structural.find((d) => /needs an "id" and a "title"/.test(messageOf(d)));
    assert.ok(untitled, JSON.stringify(structural.map((d) => messageOf(d))));
    assert.deepEqual(untitled.range.start, positionOf(BROKEN, '{ "id": "x" }'), 'the control without a title');

    const syntax = on('catalogs/syntax.json');
    assert.ok(syntax.length >= 1, 'a JSON syntax error');
    assert.ok(syntax.every((d) => d.code === 'catalog-invalid' && /JSON/.test(messageOf(d))));
    assert.ok(syntax[0].range.start.line >= 2, JSON.stringify(syntax[0].range));

    const config = on('soc2-policy.yaml');
    const outside = config.find((d) => /outside the workspace/.test(messageOf(d)));
    assert.ok(outside, JSON.stringify(config.map((d) => messageOf(d))));
    assert.equal(outside.range.start.line, 3);
    assert.ok(outside.range.end.character > outside.range.start.character);
  });

  it('answers a pull on the broken catalog file itself', async () => {
    const uri = await client.open('catalogs/broken.json');
    const report = await client.pullDiagnostics(uri);
    assert.ok(report.items!.some((d) => d.code === 'catalog-invalid' && d.range.start.line === positionOf(BROKEN, '{ "id": "x" }').line));
  });
});
