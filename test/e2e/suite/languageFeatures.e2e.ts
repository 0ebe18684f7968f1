/**
 * Language features in real VS Code, on examples/acme-saas: steady Problems for files whose names need
 * percent-encoding, and criterion completion. Works in a folder of its own inside the example, removed after.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { readyApi } from './clientHelpers';
import { diagnostics, positionOf, sleep, waitFor } from './helpers';

const FOLDER = 'zz-e2e-language-features';

/** Names with characters that Node's file URLs leave alone and VS Code percent-encodes. */
const NAMES = ['access control (v2).md', 'zugriff & passwörter.md', "o'brien, +1!=$;@.md"];

/** An approved policy reviewed long ago: review-overdue whatever the date. */
const overdue = (title: string) => `---
title: ${title}
owner: QA
status: approved
effective: 2020-01-01
last_reviewed: 2020-01-01
controls: [CC6.1]
---

# ${title}

Written by the end-to-end suite; removed when it ends (CC6.1).
`;

const COMPLETION_DOC = `---
title: E2E Completion
owner: QA
status: draft
controls: []
---

# E2E Completion

Written by the end-to-end suite; removed when it ends.
`;

/** The client polls workspace diagnostics every 2 s: three rounds. */
const STEADY_MS = 6_000;

const labelOf = (item: vscode.CompletionItem): vscode.CompletionItemLabel => (typeof item.label === 'string' ? { label: item.label } : item.label);

export function defineLanguageFeaturesSuite(): void {
  describe('language features in VS Code', function () {
    let folder: vscode.Uri;
    const remove = () => fs.rmSync(folder.fsPath, { recursive: true, force: true });

    before(async function () {
      this.timeout(180_000);
      await readyApi();
      folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, FOLDER);
      remove(); // left by an interrupted run
      fs.mkdirSync(folder.fsPath, { recursive: true });
    });

    after(async function () {
      this.timeout(30_000);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      remove();
    });

    it('keeps the Problems of files with reserved characters in their names steady while nothing changes', async function () {
      this.timeout(120_000);
      const uris = NAMES.map((name, i) => {
        const uri = vscode.Uri.joinPath(folder, name);
        fs.writeFileSync(uri.fsPath, overdue(`E2E odd name ${i}`));
        return uri;
      });
      await waitFor('review-overdue on every file', () => uris.every((uri) => diagnostics(uri, 'review-overdue').length === 1), 60_000);
      const counts = () => uris.map((uri) => diagnostics(uri).length).join(',');
      const baseline = counts();
      // Every change VS Code reports for these files, and a sample every 200 ms: a flicker shows in either.
      const seen: string[] = [];
      const ours = new Set(uris.map((uri) => uri.toString()));
      const listener = vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((uri) => ours.has(uri.toString()))) seen.push(counts());
      });
      try {
        for (const end = Date.now() + STEADY_MS; Date.now() < end; await sleep(200)) seen.push(counts());
      } finally {
        listener.dispose();
      }
      assert.deepEqual(seen.filter((c) => c !== baseline), [], `counts per file stay ${baseline}`);
      assert.ok(uris.every((uri) => diagnostics(uri, 'review-overdue').length === 1));
    });

    it('completes criteria after `controls: [` with their titles, uncovered ones first', async () => {
      const uri = vscode.Uri.joinPath(folder, 'completion.md');
      fs.writeFileSync(uri.fsPath, COMPLETION_DOC);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const position = positionOf(document, '[', 'controls:').translate(0, 1);
      const list = await waitFor('criteria offered', async () => {
        const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
        return result.items.some((i) => labelOf(i).label === 'CC6.1') && result;
      });
      const items = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Constant).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
      assert.match(labelOf(items.find((i) => labelOf(i).label === 'CC6.1')!).detail ?? '', /Logical access security/);
      assert.ok(items.every((i) => labelOf(i).detail?.trim()), 'every row shows a title');
      const rank = (i: vscode.CompletionItem) => (labelOf(i).description === 'carved-out' ? 2 : ['uncovered', 'draft-only', 'covered'].indexOf(labelOf(i).description ?? ''));
      assert.equal(labelOf(items[0]).description, 'uncovered', `first: ${labelOf(items[0]).label}`);
      const ranks = items.map(rank);
      assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'uncovered, then draft-only, then covered');
    });
  });
}
