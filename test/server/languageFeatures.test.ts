import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, CompletionItem, CompletionList, DocumentSymbol, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { parseSkeletons, snippetToText } from '../../client/src/templates/skeletons';
import { buildServer, copyWorkspace, LspClient, positionOf, REPO } from './lspHarness';

/** Editor features over stdio, on a copy of examples/acme-saas: quick fixes, template leftovers, outline, completion. */
describe('language server over stdio: editor experience', function () {
  this.timeout(60000);
  let workspace: ReturnType<typeof copyWorkspace>;
  let client: LspClient;

  before(async () => {
    buildServer();
    workspace = copyWorkspace();
    ({ client } = await LspClient.start({ workspace: workspace.dir, pull: true }));
    await client.indexed();
  });

  after(async () => {
    await client?.stop();
    workspace?.cleanup();
  });

  async function quickFixes(uri: string, id: string): Promise<CodeAction[]> {
    const report = await client.pullDiagnostics(uri);
    const diagnostic = report.items!.find((d) => d.code === 'unknown-criterion' && (d.data as { subject?: string }).subject === id);
    assert.ok(diagnostic, `unknown-criterion on ${id}`);
    return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  }

  async function apply(uri: string, action: CodeAction): Promise<void> {
    await client.applyEdits(uri, (action.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[]);
  }

  const codes = async (uri: string) => (await client.pullDiagnostics(uri)).items!.map((d) => d.code);

  describe('unknown-id quick fixes', () => {
    it('never offer an id the same list already holds, and remove the id from a block list', async () => {
      // vendor-management-policy.md lists CC2.3, CC9.2 and CC9.9 as a block list.
      const uri = await client.open('policies/vendor-management-policy.md');
      const titles = (await quickFixes(uri, 'CC9.9')).map((a) => a.title);
      assert.ok(titles.some((t) => t.startsWith('Change to CC9.1')), titles.join(' | '));
      assert.ok(!titles.some((t) => t.startsWith('Change to CC9.2')), `CC9.2 is already listed: ${titles.join(' | ')}`);
      await apply(uri, (await quickFixes(uri, 'CC9.9')).find((a) => a.title === 'Remove CC9.9')!);
      assert.match(client.text(uri), /^controls:\n {2}- CC2\.3\n {2}- CC9\.2\n---$/m);
      const after = await codes(uri);
      assert.ok(!after.includes('unknown-criterion') && !after.includes('frontmatter-invalid') && !after.includes('duplicate-criterion'), after.join(', '));
    });

    it('remove the id from a flow list and from section tags, one separator with it', async () => {
      const uri = await client.open('policies/access-control-policy.md');
      const original = client.text(uri);
      const text = original.replace('controls: [CC6.1, CC6.2, CC6.3, CC6.6]', 'controls: [CC6.1, CC9.9, CC9.1]').replace(/^(#+ [^\n]+\n)<!-- controls: ([^>]*) -->$/m, '$1<!-- controls: CC9.8, $2 -->');
      assert.notEqual(text, original);
      await client.change(uri, text);
      const flow = await quickFixes(uri, 'CC9.9');
      assert.ok(!flow.some((a) => a.title.startsWith('Change to CC9.1')), 'CC9.1 is already in the list');
      await apply(uri, flow.find((a) => a.title === 'Remove CC9.9')!);
      assert.match(client.text(uri), /^controls: \[CC6\.1, CC9\.1\]$/m);
      await apply(uri, (await quickFixes(uri, 'CC9.8')).find((a) => a.title === 'Remove CC9.8')!);
      assert.equal(client.text(uri), original.replace('controls: [CC6.1, CC6.2, CC6.3, CC6.6]', 'controls: [CC6.1, CC9.1]'));
      // A tag's only id takes the tag line with it.
      await client.change(uri, original.replace('<!-- controls: CC6.6 -->', '<!-- controls: CC9.7 -->'));
      await apply(uri, (await quickFixes(uri, 'CC9.7')).find((a) => a.title === 'Remove CC9.7')!);
      assert.equal(client.text(uri), original.replace('<!-- controls: CC6.6 -->\n', ''));
      await client.change(uri, original);
    });
  });

  describe('template-leftover', () => {
    const skeleton = parseSkeletons(readFileSync(path.join(REPO, 'snippets/soc2-policy.code-snippets'), 'utf8')).find((s) => s.templateId === 'vendor-management')!;
    const untouched = snippetToText(skeleton.body, new Date(2026, 11, 1));
    // A new document, open in the editor only, as "New Policy from Template" leaves it.
    const file = 'policies/untouched-template.md';

    it('reports an untouched template as warnings while it is a draft', async () => {
      const uri = await client.open(file, untouched);
      const report = await client.pullDiagnostics(uri);
      const leftovers = report.items!.filter((d) => d.code === 'template-leftover');
      assert.ok(leftovers.some((d) => /Owner role/.test(String(d.message))), 'the placeholder owner');
      // Every section still holds its guidance (a comment, or a paragraph for sections without example statements).
      const lines = untouched.split('\n');
      const headings = lines.flatMap((line, i) => (/^## /.test(line) ? [i] : []));
      const guidance = leftovers.filter((d) => (d.data as { subject?: string }).subject === 'guidance').map((d) => d.range.start.line);
      headings.forEach((line, i) => {
        const next = headings[i + 1] ?? lines.length;
        assert.ok(guidance.some((g) => g > line && g < next), `guidance reported under "${lines[line]}"`);
      });
      assert.ok(leftovers.every((d) => d.severity === 2), 'warnings on a draft');
    });

    it('makes them errors once approved, and asks an approved document for its dates', async () => {
      const uri = await client.open(file, untouched);
      await client.change(uri, untouched.replace(/^status: draft$/m, 'status: approved'));
      const report = await client.pullDiagnostics(uri);
      const leftovers = report.items!.filter((d) => d.code === 'template-leftover');
      assert.ok(leftovers.length > 0 && leftovers.every((d) => d.severity === 1), 'errors on an approved document');
      const missing = report.items!.filter((d) => d.code === 'missing-field').map((d) => (d.data as { subject: string }).subject);
      assert.deepEqual(missing.sort(), ['effective', 'last_reviewed']);
    });
  });

  describe('outline', () => {
    it('contributes the front matter and section tags only, each spanning its own lines', async () => {
      const uri = await client.open('policies/access-control-policy.md');
      const text = client.text(uri);
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.equal(symbols[0].name, 'Front matter');
      assert.deepEqual(symbols[0].children!.map((c) => c.name), ['controls']);
      assert.equal(symbols[0].range.end.line, text.split('\n').indexOf('---', 1), 'the front matter ends at its closing ---');
      const tags = symbols.slice(1);
      const tagLines = text.split('\n').flatMap((line, i) => (/^<!-- controls:/.test(line) ? [i] : []));
      assert.deepEqual(tags.map((s) => s.range.start.line), tagLines, 'one symbol per section tag, on its line');
      assert.ok(tags.every((s) => s.range.end.line === s.range.start.line && /^Tag: /.test(s.name) && s.children!.length > 0));
      const headings = text.split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => l.replace(/^#+ /, ''));
      const named = (list: DocumentSymbol[]): string[] => list.flatMap((s) => [s.name, ...named(s.children ?? [])]);
      assert.deepEqual(named(symbols).filter((n) => headings.includes(n)), [], 'no heading symbols: the Markdown outline has them');
    });
  });

  describe('completion after `controls: [`', () => {
    it('shows each criterion\'s title and offers uncovered criteria first', async () => {
      const uri = await client.open('policies/access-control-policy.md');
      const text = client.text(uri).replace('controls: [CC6.1, CC6.2, CC6.3, CC6.6]', 'controls: []');
      await client.change(uri, text);
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, ']', 'controls:') });
      const items = [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
      const cc61 = items.find((i) => i.label === 'CC6.1')!;
      assert.match(cc61.labelDetails!.detail!, /Logical access security/);
      assert.ok(items.every((i) => i.labelDetails?.detail?.trim() === i.detail), 'every row shows its title');
      // Carved-out criteria rank with the covered ones.
      const rank = (i: CompletionItem) => (i.labelDetails!.description === 'carved-out' ? 2 : ['uncovered', 'draft-only', 'covered'].indexOf(i.labelDetails!.description!));
      assert.equal(items[0].labelDetails!.description, 'uncovered');
      assert.ok(items.some((i) => i.label === 'CC3.3' && rank(i) === 0), 'CC3.3 is uncovered in the example');
      assert.deepEqual(items.map(rank), [...items.map(rank)].sort((a, b) => a - b), 'uncovered, then draft-only, then covered');
      await client.change(uri, client.text(uri).replace('controls: []', 'controls: [CC6.1, CC6.2, CC6.3, CC6.6]'));
    });
  });

  describe('hover at scale', () => {
    it('lists at most five covering documents, then "and N more"', async () => {
      // Eight more approved documents covering CC6.7, opened in the editor so no disk write is needed.
      const extra = Array.from({ length: 8 }, (_, i) => `zz-hover-${i}.md`);
      for (const name of extra) {
        await client.open(`policies/${name}`, `---\ntitle: Hover ${name}\nowner: QA\nstatus: approved\neffective: 2026-01-01\nlast_reviewed: 2026-06-01\ncontrols: [CC6.7]\n---\n# Hover\n`);
      }
      const uri = await client.open('policies/access-control-policy.md');
      const text = client.text(uri);
      await client.change(uri, text.replace('controls: [CC6.1,', 'controls: [CC6.7, CC6.1,'));
      const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: positionOf(client.text(uri), 'CC6.7') });
      const listed = hover.contents.value.split('\n').filter((l) => /^- \[/.test(l));
      assert.equal(listed.length, 5, hover.contents.value);
      assert.match(hover.contents.value, /and \d+ more \(see the coverage view\)/);
      await client.change(uri, text);
    });
  });
});
