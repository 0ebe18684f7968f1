/**
 * The client as a user meets it, in real VS Code: the status bar, the tree's gap actions and filter, new
 * documents as snippet sessions, the gap panel's layout, troubleshooting output and rule links. Runs on
 * examples/acme-saas and leaves it as it found it; the other scenarios (an empty folder, Restricted Mode) are in
 * clientNewUser.e2e.ts and clientRestricted.e2e.ts, selected by the launcher (see clientHelpers.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Soc2PolicyApi } from '../../../client/src/extension';
import { overallPercent } from '../../../client/src/status';
import type { CoverageNode } from '../../../client/src/views/coverageTree';
import { defineNewUserSuite } from './clientNewUser.e2e';
import { defineRestrictedSuite } from './clientRestricted.e2e';
import { clickNotificationButton, notification, outputText, pickRow, QUICK_INPUT, quickPickLabels, readyApi, STATUS_ITEM } from './clientHelpers';
import { controlDir, diagnostics, nonEmpty, page, WEBVIEW_FRAMES, waitFor } from './helpers';

export { selectScenario } from './clientHelpers';

export function defineClientSuite(): void {
  defineAcmeSuite();
  defineNewUserSuite();
  defineRestrictedSuite();
}

function defineAcmeSuite(): void {
  describe('SOC 2 client on examples/acme-saas', function () {
    let api: Soc2PolicyApi;
    let root: vscode.Uri;
    const rel = (p: string) => vscode.Uri.joinPath(root, p);
    const label = (n: CoverageNode) => String(api.tree.getTreeItem(n).label);

    before(async function () {
      this.timeout(180_000);
      root = vscode.workspace.workspaceFolders![0].uri;
      api = await readyApi();
    });

    beforeEach(async function () {
      if (!controlDir) this.skip(); // these tests look at the page: only under run-in-code-server.mjs
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      // Closing saves dirty editors under test: revert first, so the example stays as it was.
      await vscode.commands.executeCommand('_workbench.revertAllDirty');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('shows the coverage figure in the status bar', async () => {
      const expected = `SOC 2 ${Math.round(overallPercent(api.coverage.current!)!)}%`;
      await waitFor(`"${expected}" in the status bar`, async () => String(await page({ action: 'text', selector: STATUS_ITEM })).includes(expected));
    });

    it('offers to create a policy or map the criterion when an uncovered one is clicked', async () => {
      const gap = api.coverage.current!.gaps.find((g) => g.status === 'uncovered')!;
      assert.ok(await api.tree.reveal(gap.id));
      const tooltip = api.tree.getTreeItem(api.tree.treeView.selection[0]).tooltip as vscode.MarkdownString;
      assert.doesNotMatch(tooltip.value, /&nbsp;/, 'tooltips wrap like any text');
      await page({ action: 'click', selector: `.monaco-list-row[aria-label^="${gap.id} "]` });
      const choices = await quickPickLabels();
      assert.match(choices, new RegExp(`Create a policy from "${gap.suggestedTemplates[0].title}"`));
      assert.match(choices, new RegExp(`Map ${gap.id.replace('.', '\\.')} into an existing document`));
      await pickRow(`Map ${gap.id} into`);
      const documents = await quickPickLabels();
      const target = api.coverage.current!.coverage.roots[0].criteria.find((c) => c.series === gap.series && c.documents.length)!.documents[0];
      assert.ok(documents.includes(target.title), `documents of the same series come first: ${documents}`);
      await pickRow(target.title);
      const editor = await waitFor(`${target.title} open`, () => vscode.window.activeTextEditor?.document.uri.toString() === target.uri && vscode.window.activeTextEditor);
      try {
        await waitFor(`${gap.id} mapped and selected`, () => editor.document.getText(editor.selection) === gap.id);
        assert.ok(editor.document.isDirty, 'mapped, not saved: the author decides');
      } finally {
        await vscode.commands.executeCommand('_workbench.revertAllDirty');
      }
      assert.ok(!editor.document.isDirty);
    });

    it('says in the view description when the tree is filtered to one document, with a way back', async () => {
      const uri = rel('policies/access-control-policy.md').toString();
      await vscode.commands.executeCommand('soc2Policy.showDocumentCoverage', uri);
      const mapped = api.coverage.current!.coverage.roots[0].criteria.filter((c) => c.documents.some((d) => d.uri === uri));
      const description = String(api.tree.treeView.description);
      assert.match(description, new RegExp(`^policies/access-control-policy\\.md · maps ${mapped.length} criteria: \\d+ covered, \\d+ draft only$`));
      const message = String(api.tree.treeView.message);
      assert.match(message, new RegExp(`^Only what policies/access-control-policy\\.md maps: ${mapped.length} criteria.*"Clear Document Filter" in the title bar`));
      await page({ action: 'waitFor', selector: `.part.sidebar :text(${JSON.stringify(message)})` });
      await page({ action: 'click', selector: '.part.sidebar .action-label[aria-label^="Clear Document Filter"]' });
      await waitFor('the filter to be cleared', () => api.tree.treeView.description === undefined);
      assert.deepEqual(api.tree.getChildren().map(label), ['Security', 'Availability', 'Confidentiality']);
    });

    it('asks for a title and opens the new document as a snippet session: owner, approver, dates', async () => {
      const file = rel('policies/physical-security-policy.md');
      assert.ok(!fs.existsSync(file.fsPath));
      const created = vscode.commands.executeCommand<vscode.Uri | undefined>('soc2Policy.newPolicy', { templateId: 'physical-security' });
      try {
        await page({ action: 'waitFor', selector: `${QUICK_INPUT} .quick-input-box input` });
        await waitFor('the input box to name the file', async () => /Creates policies\/physical-security-policy\.md/.test(String(await page({ action: 'text', selector: QUICK_INPUT }))));
        await page({ action: 'press', key: 'Enter' });
        assert.equal((await created)?.fsPath, file.fsPath);
        const editor = vscode.window.activeTextEditor!;
        const selected = () => editor.document.getText(editor.selection);
        assert.equal(selected(), 'Owner role', 'the cursor starts on the owner');
        assert.ok(!editor.document.isDirty, 'saved as written: only what the author types makes it dirty');
        await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
        assert.equal(selected(), 'Approver role');
        await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
        assert.match(selected(), /^\d{4}-\d{2}-\d{2}$/, 'then the effective date');
        assert.match(fs.readFileSync(file.fsPath, 'utf8'), /^title: Physical Security Policy$/m);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        fs.rmSync(file.fsPath, { force: true });
      }
    });

    it('refuses a duplicate title, says so and offers to open the existing document', async () => {
      const before = fs.readdirSync(rel('policies').fsPath).sort();
      const result = await vscode.commands.executeCommand('soc2Policy.newPolicy', { templateId: 'access-control', title: 'Access Control Policy' });
      assert.equal(result, undefined);
      assert.deepEqual(fs.readdirSync(rel('policies').fsPath).sort(), before, 'nothing was written');
      assert.match(await notification('already exists'), /"Access Control Policy" already exists \(policies\/access-control-policy\.md\)/);
      await clickNotificationButton('Open Existing');
      await waitFor('the existing document to open', () => vscode.window.activeTextEditor?.document.uri.fsPath === rel('policies/access-control-policy.md').fsPath);
    });

    it('collapses out-of-scope categories, keeps the cell detail in view, and has one primary action', async () => {
      await vscode.commands.executeCommand('soc2Policy.showGapPanel');
      await page({ action: 'waitFor', selector: '.heatmap .cell', frames: WEBVIEW_FRAMES, timeoutMs: 20_000 });
      const count = async (selector: string) => Number(await page({ action: 'count', selector, frames: WEBVIEW_FRAMES }));
      assert.equal(await count('details.out-of-scope'), 1);
      assert.equal(await count('details.out-of-scope[open]'), 0, 'closed by default');
      assert.equal(await count('.cell[data-id^="P1."]'), await count('details.out-of-scope .cell[data-id^="P1."]'));
      assert.equal(await count('button.primary'), 1);
      assert.equal(await count('.toolbar button.secondary[data-action="export"]'), 3);
      // The last in-scope cell is far down; its detail must still be on screen.
      await page({ action: 'hover', selector: '.heatmap .cell[data-id="C1.2"]', frames: WEBVIEW_FRAMES });
      assert.match(String(await page({ action: 'text', selector: '.cell-detail', frames: WEBVIEW_FRAMES })), /^C1\.2 · /);
      assert.equal(await page({ action: 'inViewport', selector: '.cell-detail', frames: WEBVIEW_FRAMES }), true);
    });

    it('writes versions, the start line and an index summary to the output, and restarts on command', async () => {
      await vscode.commands.executeCommand('soc2Policy.showOutput');
      const first = await outputText();
      assert.match(first, /SOC 2 Policy Studio \d+\.\d+\.\d+ starting the language server \(VS Code \d+\.\d+/);
      assert.match(first, /Indexed acme-saas: \d+ policy document\(s\), soc2-policy\.yaml/);
      const running = new Promise<void>((resolve) => {
        const listener = api.client.onDidChangeState((e) => { if (e.newState === 2) { listener.dispose(); resolve(); } });
      });
      await vscode.commands.executeCommand('soc2Policy.restartServer');
      await running;
      await waitFor('the restart in the output', async () => /Restarting the language server: requested/.test(await outputText()));
      await waitFor('a new index summary', async () => (await outputText()).split('Restarting the language server')[1]?.includes('Indexed acme-saas'));
    });

    it('traces the server with soc2Policy.trace.server alone', async () => {
      const config = vscode.workspace.getConfiguration('soc2Policy');
      await config.update('trace.server', 'messages', vscode.ConfigurationTarget.Global);
      try {
        await waitFor('a traced request', async () => {
          await api.coverage.refresh();
          api.trace.show(true);
          return /Sending request 'soc2Policy\/coverage/.test(await outputText());
        });
      } finally {
        await config.update('trace.server', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('links each rule to the reference shipped with the extension, at its heading', async () => {
      const uri = rel('policies/vendor-management-policy.md');
      await vscode.window.showTextDocument(uri);
      const [finding] = await waitFor('a finding', () => nonEmpty(diagnostics(uri)));
      const code = finding.code as { value: string; target: vscode.Uri };
      assert.equal(code.target.scheme, 'file');
      const line = Number(/^L(\d+)$/.exec(code.target.fragment)?.[1]);
      assert.equal(fs.readFileSync(code.target.fsPath, 'utf8').split('\n')[line - 1], `## ${code.value}`);
    });
  });
}
