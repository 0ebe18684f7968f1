/**
 * A new user in an empty folder (scenario new-user): the extension stays quiet until the folder is a policy
 * workspace, and Initialize Workspace writes documents that are clean against the scope just chosen.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Soc2PolicyApi } from '../../../client/src/extension';
import { clickNotificationButton, notification, pulledCodes, readyApi, STATUS_ITEM, tag } from './clientHelpers';
import { page, waitFor } from './helpers';

const TEMPLATES = ['information-security', 'incident-response', 'vendor-management', 'backup-restore', 'system-description', 'customer-responsibilities'];

export function defineNewUserSuite(): void {
  describe(`${tag('new-user')} SOC 2 client in a folder without policies`, function () {
    let api: Soc2PolicyApi;
    let root: vscode.Uri;

    before(async function () {
      this.timeout(180_000);
      root = vscode.workspace.workspaceFolders![0].uri;
      api = await readyApi();
    });

    beforeEach(() => vscode.commands.executeCommand('notifications.clearAll'));

    it('stays quiet in an unrelated folder: welcome view, no badge, no status bar entry', async () => {
      const readme = vscode.Uri.joinPath(root, 'README.md');
      fs.writeFileSync(readme.fsPath, '# My project\n\nNothing about SOC 2 here.\n');
      await vscode.window.showTextDocument(readme);
      await api.coverage.refresh();
      assert.equal(api.coverage.active, false);
      assert.deepEqual(api.tree.getChildren(), []);
      assert.equal(api.tree.treeView.badge, undefined);
      assert.equal(api.tree.treeView.message, undefined);
      await vscode.commands.executeCommand('soc2Policy.coverage.focus');
      await page({ action: 'waitFor', selector: '.welcome-view-content .monaco-button:has-text("Initialize Workspace")' });
      assert.equal(await page({ action: 'count', selector: STATUS_ITEM }), 0);
    });

    it('initializes Security and Availability with documents clean against that scope, then offers the next step', async () => {
      type Result = { created: vscode.Uri[]; kept: vscode.Uri[] };
      const result = await vscode.commands.executeCommand<Result>('soc2Policy.initWorkspace', { categories: ['availability'], templates: TEMPLATES });
      assert.equal(result.created.length, TEMPLATES.length + 1);
      for (const uri of result.created.filter((u) => u.path.endsWith('.md'))) {
        assert.doesNotMatch(fs.readFileSync(uri.fsPath, 'utf8'), /\b(P\d|C1|PI1)\.\d/, `${uri.path} maps only Security and Availability`);
        const codes = await pulledCodes(api, uri);
        assert.ok(!codes.includes('out-of-scope-criterion'), `${uri.path}: ${codes.join(', ')}`);
        // The customer document written with it states every responsibility the system description declares.
        assert.ok(!codes.includes('customer-responsibility-unstated'), `${uri.path}: ${codes.join(', ')}`);
      }
      const description = result.created.find((u) => u.path.endsWith('/policies/system-description.md'));
      assert.ok(description, 'the system description is written next to the policies');
      assert.match(fs.readFileSync(description.fsPath, 'utf8'), /^type: narrative$/m);
      const config = fs.readFileSync(vscode.Uri.joinPath(root, 'soc2-policy.yaml').fsPath, 'utf8');
      assert.match(config, /# exclusions: .*do not apply.*carve-out, written in vendors\/<id>\.md/, 'exclusions are not for carve-outs');
      await waitFor('the views to wake up', () => api.tree.getChildren().length > 0);
      assert.deepEqual(api.tree.getChildren().map((n) => String(api.tree.getTreeItem(n).label)), ['Security', 'Availability']);
      assert.ok(api.tree.treeView.badge, 'uncovered criteria are news now');
      await waitFor('the status bar entry', async () => /SOC 2 \d+%/.test(String(await page({ action: 'text', selector: STATUS_ITEM }))));

      assert.match(await notification('SOC 2: created'), /created 7 file/);
      await clickNotificationButton('Open Information Security Policy');
      await waitFor('the first policy to open', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/policies/information-security.md'));
    });

    it('offers the coverage view when everything already exists', async () => {
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      const again = await vscode.commands.executeCommand<{ created: vscode.Uri[] }>('soc2Policy.initWorkspace', { categories: ['availability'], templates: TEMPLATES });
      assert.equal(again.created.length, 0);
      assert.match(await notification('SOC 2: created'), /kept 7 existing file/);
      await clickNotificationButton('Show Coverage');
      await waitFor('the coverage view to show', () => api.tree.treeView.visible);
    });
  });
}
