/**
 * The extension in real VS Code, on examples/acme-saas. The example is shared with the core tests (which hold
 * its hand count), so this suite only adds files of its own and removes them again, before and after.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Soc2PolicyApi } from '../../../client/src/extension';
import type { CoverageNode } from '../../../client/src/views/coverageTree';
import {
  EXTENSION_ID, WEBVIEW_FRAMES, codeOf, controlDir, diagnostics, hoverText, nonEmpty, page, positionOf, screenshot, sleep, waitFor, within,
} from './helpers';

const TODAY = '2026-12-01';
/** vscode-languageclient's State.Running (not imported: the suite bundle stays free of the client library). */
const CLIENT_RUNNING = 2;

const BAD_POLICY = `---
title: E2E Bad Policy
id: zz-e2e-bad-policy
type: policy
owner: QA
status: draft
controls: [CC2.1, CC9.9]
---

# E2E Bad Policy

## Purpose

Written by the end-to-end suite; removed when it ends.
`;

export function defineExtensionSuite(): void {
  describe('SOC 2 Policy Studio in VS Code', function () {
    let api: Soc2PolicyApi;
    let root: vscode.Uri;
    const created: vscode.Uri[] = [];
    const rel = (p: string) => vscode.Uri.joinPath(root, p);

    function removeOwnFiles(): void {
      for (const file of [rel('policies/zz-e2e-bad-policy.md'), ...created]) fs.rmSync(file.fsPath, { force: true });
      // newPolicy names its file after the template: remove one left by an interrupted run, and only that.
      const leftover = rel('policies/encryption.md').fsPath;
      if (fs.existsSync(leftover) && fs.readFileSync(leftover, 'utf8').includes('E2E-CREATED')) fs.rmSync(leftover);
    }

    before(async function () {
      this.timeout(180_000);
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the launcher opens examples/acme-saas');
      root = folder.uri;
      removeOwnFiles();
      const extension = vscode.extensions.getExtension<Soc2PolicyApi>(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is installed`);
      api = await extension.activate();
      // Pin "today" so review findings match EXPECTED.md; the extension restarts its server for it.
      const config = vscode.workspace.getConfiguration('soc2Policy');
      if (config.get('today') !== TODAY) {
        const restarted = new Promise<void>((resolve) => {
          const listener = api.client.onDidChangeState((e) => { if (e.newState === CLIENT_RUNNING) { listener.dispose(); resolve(); } });
        });
        await config.update('today', TODAY, vscode.ConfigurationTarget.Global);
        await within('the language server to restart with the new date', restarted, 60_000);
      }
      const risk = await vscode.workspace.openTextDocument(rel('policies/risk-management-policy.md'));
      await vscode.window.showTextDocument(risk);
      await waitFor(`review-overdue on risk-management-policy.md (today = ${TODAY})`,
        () => diagnostics(risk.uri, 'review-overdue').length > 0, 120_000);
      await waitFor('the first coverage snapshot', () => api.coverage.current, 60_000);
    });

    after(async function () {
      this.timeout(30_000);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      removeOwnFiles();
      await vscode.workspace.getConfiguration('soc2Policy').update('today', undefined, vscode.ConfigurationTarget.Global);
    });

    it('activates and starts the language server', () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension?.isActive);
      assert.ok(api.client.isRunning());
      const roots = api.coverage.current?.coverage.roots ?? [];
      assert.equal(roots.length, 1);
      assert.deepEqual(roots[0].summary.categories.filter((c) => c.inScope).map((c) => c.id), ['security', 'availability', 'confidentiality']);
    });

    it('lists categories, series, criteria and documents in the coverage tree', async () => {
      const categories = api.tree.getChildren();
      const label = (n: CoverageNode) => String(api.tree.getTreeItem(n).label);
      assert.deepEqual(categories.map(label), ['Security', 'Availability', 'Confidentiality']);
      const cc6 = api.tree.getChildren(categories[0]).find((n) => label(n).startsWith('CC6 '));
      assert.ok(cc6, 'series CC6 under Security');
      const criteria = api.tree.getChildren(cc6);
      const cc61 = criteria.find((n) => label(n).startsWith('CC6.1 · '));
      assert.ok(cc61);
      assert.ok(api.tree.getChildren(cc61).map(label).includes('Access Control Policy'));
      const cc64 = criteria.find((n) => label(n).startsWith('CC6.4 · '));
      assert.match(String(api.tree.getTreeItem(cc64!).description), /carved out/);
      const cc3 = api.tree.getChildren(categories[0]).find((n) => label(n).startsWith('CC3 '))!;
      const cc33 = api.tree.getChildren(cc3).find((n) => label(n).startsWith('CC3.3 · '))!;
      assert.match(String(api.tree.getTreeItem(cc33).description), /uncovered/);

      assert.ok(await api.tree.reveal('CC6.1'));
      if (!controlDir) return;
      await page({ action: 'waitFor', selector: '.monaco-list-row[aria-label^="CC6.1 "]', timeoutMs: 15_000 });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(rel('policies/access-control-policy.md')));
      await api.tree.reveal('CC6.1');
      await vscode.commands.executeCommand('list.expand');
      // Room for criterion titles: narrow the editor (the part these commands resize), so the side bar widens.
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
      await vscode.commands.executeCommand('notifications.clearAll');
      await sleep(500);
      await screenshot('coverage-tree');
    });

    it('shows the gap panel with a heat map', async function () {
      await vscode.commands.executeCommand('soc2Policy.showGapPanel');
      const panel = await waitFor('the gap panel', () => api.gapPanel.webviewPanel);
      assert.equal(panel.title, 'SOC 2 Gap Analysis');
      assert.match(panel.webview.html, /Content-Security-Policy/);
      if (!controlDir) this.skip();

      await page({ action: 'waitFor', selector: '.heatmap .cell', frames: WEBVIEW_FRAMES, timeoutMs: 20_000 });
      const cells = Number(await page({ action: 'count', selector: '.heatmap .cell', frames: WEBVIEW_FRAMES }));
      assert.ok(cells >= 61, `every criterion has a cell (${cells})`);
      const overall = String(await page({ action: 'text', selector: '.overall .big', frames: WEBVIEW_FRAMES }));
      assert.match(overall, /^\d+(\.\d+)?%$/);
      const uncovered = Number(await page({ action: 'count', selector: 'ul.gaps.uncovered > li', frames: WEBVIEW_FRAMES }));
      const expected = api.coverage.current?.gaps.filter((g) => g.status === 'uncovered').length;
      assert.ok(uncovered >= 4, `uncovered criteria listed (${uncovered})`);
      assert.equal(uncovered, expected, 'the list matches the server\'s gaps');
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await vscode.commands.executeCommand('notifications.clearAll');
      await sleep(500);
      await screenshot('gap-panel');
      await vscode.commands.executeCommand(`soc2Policy.coverage.focus`);

      // A click on a cell reveals its criterion in the tree (page -> extension message passing).
      await page({ action: 'click', selector: '.cell[data-id="CC1.2"]', frames: WEBVIEW_FRAMES });
      await waitFor('CC1.2 selected in the coverage tree', () => {
        const [selected] = api.tree.treeView.selection;
        return selected?.kind === 'criterion' && selected.criterion.id === 'CC1.2';
      });
    });

    it('reports diagnostics for a bad policy', async () => {
      const uri = rel('policies/zz-e2e-bad-policy.md');
      fs.writeFileSync(uri.fsPath, BAD_POLICY);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const [unknown] = await waitFor('unknown-criterion on CC9.9', () => nonEmpty(diagnostics(uri, 'unknown-criterion')));
      assert.equal(document.getText(unknown.range), 'CC9.9');
      assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
      const missing = await waitFor('missing-section findings', () => nonEmpty(diagnostics(uri, 'missing-section')));
      assert.ok(missing.some((d) => /Scope/.test(d.message)), missing.map((d) => d.message).join('\n'));
    });

    it('explains a criterion on hover', async () => {
      const document = await vscode.workspace.openTextDocument(rel('policies/access-control-policy.md'));
      const editor = await vscode.window.showTextDocument(document);
      const position = positionOf(document, 'CC6.1', 'controls:').translate(0, 2);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      const text = hoverText(hovers);
      assert.match(text, /CC6\.1/);
      assert.match(text, /access-control-policy|Access Control Policy/, 'the hover lists the covering documents');

      if (!controlDir) return;
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
      await vscode.commands.executeCommand('editor.action.showHover');
      await page({ action: 'waitFor', selector: '.monaco-hover .monaco-hover-content', timeoutMs: 15_000 });
      await sleep(300); // let the hover finish laying out
      await vscode.commands.executeCommand('notifications.clearAll');
      await screenshot('hover');
    });

    it('completes criterion ids in the controls: list', async () => {
      const document = await vscode.workspace.openTextDocument(rel('policies/zz-e2e-bad-policy.md'));
      await vscode.window.showTextDocument(document);
      const position = positionOf(document, '[', 'controls:').translate(0, 1);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(labels.includes('CC6.2'), `CC6.2 offered; got ${labels.slice(0, 20).join(', ')}`);
      assert.ok(labels.every((l) => !/^(CC|A1|C1|PI1|P\d)/.test(l) || /^(CC[1-9]|A1|C1|PI1|P[1-8])\.\d+(\.\d+)?$/.test(l)));
    });

    it('applies a quick fix and the diagnostic goes away', async () => {
      const uri = rel('policies/zz-e2e-bad-policy.md');
      const document = await vscode.workspace.openTextDocument(uri);
      const [unknown] = diagnostics(uri, 'unknown-criterion');
      assert.ok(unknown, 'the unknown-criterion diagnostic is there');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider', uri, unknown.range, vscode.CodeActionKind.QuickFix.value, 10);
      const fixes = actions.filter((a) => (a.edit || a.command) && (!a.diagnostics?.length || a.diagnostics.some((d) => codeOf(d) === 'unknown-criterion')));
      assert.ok(fixes.length, `a quick fix for CC9.9; got ${actions.map((a) => a.title).join(' | ')}`);
      const fix = fixes.find((a) => a.isPreferred) ?? fixes[0];
      if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), `applied "${fix.title}"`);
      if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      assert.ok(!document.getText().includes('CC9.9'), `"${fix.title}" replaced CC9.9`);
      await waitFor('unknown-criterion to disappear', () => diagnostics(uri, 'unknown-criterion').length === 0);
      await document.save();
    });

    it('marks a document as reviewed today', async () => {
      const document = await vscode.workspace.openTextDocument(rel('policies/zz-e2e-bad-policy.md'));
      await vscode.window.showTextDocument(document);
      assert.equal(await vscode.commands.executeCommand('soc2Policy.markReviewed'), true);
      assert.match(document.getText(), new RegExp(`^last_reviewed: ${TODAY}$`, 'm'));
      await document.save();
    });

    it('creates a policy from a template with newPolicy', async () => {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('soc2Policy.newPolicy', { templateId: 'encryption', criterion: 'CC6.7', title: 'Encryption' });
      assert.ok(uri, 'newPolicy returns the new document');
      created.push(uri);
      assert.equal(path.basename(uri.fsPath), 'encryption.md');
      const text = fs.readFileSync(uri.fsPath, 'utf8');
      assert.match(text, /^template: encryption$/m);
      assert.match(text, /^id: encryption$/m);
      assert.match(text, /^controls: \[CC6\.7(, [A-Z0-9.]+)*\]$/m);
      assert.match(text, /^## Purpose$/m);
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, uri.fsPath);
      // Mark it, so a run that dies before `after` still lets the next one clean up.
      fs.appendFileSync(uri.fsPath, '\n<!-- E2E-CREATED -->\n');
    });

    it('initialises a workspace without overwriting anything', async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-e2e-init-'));
      try {
        const args = { folder: vscode.Uri.file(folder).toString(), categories: ['availability'], templates: ['access-control', 'backup-restore'] };
        type Result = { created: vscode.Uri[]; kept: vscode.Uri[] };
        const first = await vscode.commands.executeCommand<Result>('soc2Policy.initWorkspace', args);
        assert.deepEqual(first.created.map((u) => path.relative(folder, u.fsPath)).sort(), ['policies/access-control.md', 'policies/backup-restore.md', 'soc2-policy.yaml']);
        assert.match(fs.readFileSync(path.join(folder, 'soc2-policy.yaml'), 'utf8'), /^ {2}categories: \[security, availability\]$/m);
        fs.writeFileSync(path.join(folder, 'policies/access-control.md'), 'edited by hand\n');
        const second = await vscode.commands.executeCommand<Result>('soc2Policy.initWorkspace', args);
        assert.equal(second.created.length, 0);
        assert.equal(second.kept.length, 3);
        assert.equal(fs.readFileSync(path.join(folder, 'policies/access-control.md'), 'utf8'), 'edited by hand\n');
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });

    it('exports the coverage report', async () => {
      const target = vscode.Uri.file(path.join(os.tmpdir(), `soc2-e2e-report-${process.pid}.csv`));
      created.push(target);
      const saved = await vscode.commands.executeCommand<vscode.Uri>('soc2Policy.exportReport', { format: 'csv', target: target.toString() });
      assert.equal(saved?.fsPath, target.fsPath);
      assert.match(fs.readFileSync(target.fsPath, 'utf8'), /CC6\.1/);
    });
  });
}
