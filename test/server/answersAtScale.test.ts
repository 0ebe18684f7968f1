import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ClientCapabilities, CompletionItem, CompletionList, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { buildServer, capabilities, LspClient, positionOf } from './lspHarness';

/** Documents covering CC6.7 in the workspace: enough that listing them all would be tens of KB. */
const COVERING = 400;

function policy(n: number): string {
  const id = `transmission-${String(n).padStart(3, '0')}`;
  return [
    '---',
    `title: Transmission Standard ${n}`,
    'owner: Network Team',
    'status: approved',
    'effective: 2026-01-01',
    'last_reviewed: 2026-06-01',
    'controls: [CC6.7]',
    '---',
    `# Transmission Standard ${n}`,
    '',
    '## Purpose',
    `Document ${id} says how data in transit is protected.`,
    '',
  ].join('\n');
}

/** Answers stay small however many documents the workspace holds (issue 13: a few KB at 5,000 documents). */
describe('language server over stdio: answers in a large workspace', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    buildServer();
    dir = mkdtempSync(path.join(tmpdir(), 'soc2-lsp-scale-'));
    mkdirSync(path.join(dir, 'policies'));
    for (let n = 0; n < COVERING; n++) writeFileSync(path.join(dir, 'policies', `transmission-${String(n).padStart(3, '0')}.md`), policy(n));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  /** What VS Code's client says it can do with completion lists: label details, one edit range and data for all items. */
  function vscodeLike(): ClientCapabilities {
    const caps = capabilities(true);
    caps.textDocument!.completion = {
      completionItem: { documentationFormat: ['markdown', 'plaintext'], snippetSupport: true, labelDetailsSupport: true },
      completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
    };
    return caps;
  }

  async function hoverOnCriterion(settings?: Record<string, unknown>, caps?: ClientCapabilities): Promise<{ value: string; bytes: number; completion: CompletionList; resolved?: CompletionItem }> {
    const { client } = await LspClient.start({ workspace: dir, pull: true, settings, capabilities: caps });
    try {
      await client.indexed();
      const uri = await client.open('policies/transmission-007.md');
      const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(client.text(uri), 'CC6.7') });
      const completion = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(client.text(uri), ']', 'controls:') });
      // As the client does before resolving: the list's data goes onto the item that lacks its own.
      const first = completion.items.find((i) => i.label === 'CC6.1');
      const resolved = first && (await client.request<CompletionItem>('completionItem/resolve', { ...first, data: first.data ?? completion.itemDefaults?.data }));
      return { value: (hover.contents as MarkupContent).value, bytes: Buffer.byteLength(JSON.stringify(hover)), completion, resolved };
    } finally {
      await client.stop();
    }
  }

  const listed = (value: string) => value.split('\n').filter((line) => /^- \[/.test(line));

  it(`a criterion hover lists five of the ${COVERING} covering documents, then "and ${COVERING - 5} more", in a few KB`, async () => {
    const { value, bytes, completion } = await hoverOnCriterion();
    assert.equal(listed(value).length, 5, value);
    assert.match(value, new RegExp(`and ${COVERING - 5} more \\(see the coverage view\\)`));
    assert.ok(bytes < 4096, `hover answer is ${bytes} bytes`);
    // Completion offers criteria, not documents: its size depends on the catalog, not on the workspace.
    const completionJson = JSON.stringify(completion);
    assert.ok(completion.items.length > 0);
    assert.doesNotMatch(completionJson, /transmission-(?!007)\d{3}/, 'no other document is named');
    assert.ok(Buffer.byteLength(completionJson) < 64 * 1024, `completion answer is ${Buffer.byteLength(completionJson)} bytes`);
  });

  it('completion for an editor like VS Code lists every criterion in under 8 KB; resolve adds the description', async () => {
    const { completion, resolved } = await hoverOnCriterion(undefined, vscodeLike());
    assert.equal(completion.items.length, 60, 'the 61 criteria but the one listed');
    const bytes = Buffer.byteLength(JSON.stringify(completion));
    assert.ok(bytes < 8192, `completion answer is ${bytes} bytes`);
    assert.ok(completion.itemDefaults?.editRange && completion.items.every((i) => !i.textEdit && !i.documentation && i.labelDetails?.detail));
    assert.match(resolved!.labelDetails!.detail!, /Logical access/);
    assert.match(resolved!.detail!, /Logical access/);
    assert.ok(((resolved!.documentation as MarkupContent).value).length > 40);
  });

  it('soc2Policy.hover.maxDocuments sets how many are listed', async () => {
    const { value } = await hoverOnCriterion({ hover: { maxDocuments: 2 } });
    assert.equal(listed(value).length, 2, value);
    assert.match(value, new RegExp(`and ${COVERING - 2} more`));
  });
});
