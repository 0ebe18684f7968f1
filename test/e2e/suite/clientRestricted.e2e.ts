/**
 * An untrusted policy workspace (scenario restricted: workspace trust on, test/e2e/fixtures/restricted): only
 * the built-in catalogs load, and the commands that write files say why they do nothing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Soc2PolicyApi } from '../../../client/src/extension';
import { notification, outputText, readyApi, tag } from './clientHelpers';
import { page } from './helpers';

export function defineRestrictedSuite(): void {
  describe(`${tag('restricted')} SOC 2 client in Restricted Mode`, function () {
    let api: Soc2PolicyApi;
    let root: vscode.Uri;

    before(async function () {
      this.timeout(180_000);
      root = vscode.workspace.workspaceFolders![0].uri;
      api = await readyApi();
    });

    beforeEach(() => vscode.commands.executeCommand('notifications.clearAll'));

    it('runs with the built-in catalogs only and says so in the output', async () => {
      assert.equal(vscode.workspace.isTrusted, false, 'the launcher opens this folder untrusted');
      const catalog = await api.client.sendRequest<{ catalogs: { id: string }[] }>('soc2Policy/catalog', {});
      assert.deepEqual(catalog.catalogs.map((c) => c.id).sort(), ['iso27001', 'tsc'], 'the custom catalog "mini" is not loaded');
      assert.ok(api.coverage.active, 'coverage still works: the folder has soc2-policy.yaml');
      await vscode.commands.executeCommand('soc2Policy.showOutput');
      assert.match(await outputText(), /Restricted Mode: built-in catalogs only, no file writes/);
    });

    it('disables the commands that write files, with a message that says why', async () => {
      const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-e2e-restricted-'));
      const report = path.join(elsewhere, 'report.csv');
      try {
        const before = fs.readdirSync(root.fsPath, { recursive: true }).sort();
        assert.equal(await vscode.commands.executeCommand('soc2Policy.initWorkspace', { categories: [], templates: ['access-control'] }), undefined);
        assert.match(await notification('Restricted Mode'), /Initialize Workspace writes files into the workspace, which Restricted Mode does not allow/);
        assert.equal(await vscode.commands.executeCommand('soc2Policy.newPolicy', { templateId: 'access-control', title: 'Another Access Policy' }), undefined);
        assert.match(await notification('New Policy writes'), /Restricted Mode/);
        assert.equal(await vscode.commands.executeCommand('soc2Policy.exportReport', { format: 'csv', target: vscode.Uri.file(report).toString() }), undefined);
        assert.match(await notification('Export Coverage Report writes'), /Restricted Mode/);
        assert.deepEqual(fs.readdirSync(root.fsPath, { recursive: true }).sort(), before, 'no file was written');
        assert.ok(!fs.existsSync(report));
      } finally {
        fs.rmSync(elsewhere, { recursive: true, force: true });
      }
    });

    it('refuses to record evidence, and says why', async () => {
      const before = fs.readdirSync(root.fsPath, { recursive: true }).sort();
      assert.equal(await vscode.commands.executeCommand('soc2Policy.recordEvidence', { obligation: 'access-review', date: '2026-01-01' }), undefined);
      // Asserted in the notification center: the toast of a fourth refusal in a row is not always shown.
      await vscode.commands.executeCommand('notifications.showList');
      const center = String(await page({ action: 'text', selector: '.notifications-center', timeoutMs: 15_000 }));
      await vscode.commands.executeCommand('notifications.hideList');
      assert.match(center, /Record Evidence writes files into the workspace, which Restricted Mode does not allow/);
      assert.deepEqual(fs.readdirSync(root.fsPath, { recursive: true }).sort(), before, 'no file was written');
    });

    it('refuses to import a questionnaire or accept an answer, and says why', async () => {
      const before = fs.readdirSync(root.fsPath, { recursive: true }).sort();
      const file = vscode.Uri.file(path.join(os.tmpdir(), 'customer.xlsx')).toString();
      assert.equal(await vscode.commands.executeCommand('soc2Policy.importQuestionnaire', { file }), undefined);
      const questionnaire = vscode.Uri.joinPath(root, 'questionnaires', 'customer.yaml').toString();
      assert.equal(await vscode.commands.executeCommand('soc2Policy.acceptAnswer', { uri: questionnaire, questionId: 'Q1' }), false);
      await vscode.commands.executeCommand('notifications.showList');
      const center = String(await page({ action: 'text', selector: '.notifications-center', timeoutMs: 15_000 }));
      await vscode.commands.executeCommand('notifications.hideList');
      assert.match(center, /Import Questionnaire writes files into the workspace, which Restricted Mode does not allow/);
      assert.match(center, /Accept Answer writes files into the workspace/);
      assert.deepEqual(fs.readdirSync(root.fsPath, { recursive: true }).sort(), before, 'no file was written');
    });
  });
}
