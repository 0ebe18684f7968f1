/**
 * The risk register and the vendor inventory in real VS Code, on examples/acme-saas: the heat map and both trees
 * (Risks by level, Vendors by their findings with AWS carved out), hover on a risk id, and a deliberate risk finding
 * of the example as a diagnostic. Reads the example only: nothing is written.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Soc2PolicyApi } from '../../../client/src/extension';
import type { RiskNode } from '../../../client/src/views/riskTree';
import type { VendorNode } from '../../../client/src/views/vendorTree';
import { readyApi } from './clientHelpers';
import { EXTENSION_ID, WEBVIEW_FRAMES, controlDir, diagnostics, hoverText, page, positionOf, screenshot, waitFor } from './helpers';

export function defineRisksSuite(): void {
  describe('risk register in VS Code', function () {
    let api: Soc2PolicyApi;
    let root: vscode.Uri;

    before(async function () {
      this.timeout(180_000);
      root = vscode.workspace.workspaceFolders![0].uri;
      api = await readyApi();
    });

    after(async function () {
      this.timeout(30_000);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('lists the example\'s risks in the Risks tree, grouped by level', async () => {
      await vscode.commands.executeCommand('soc2Policy.risks.focus');
      const levels = await waitFor('the Risks tree', () => {
        const nodes = api.risks.getChildren();
        return nodes.reduce((n, node) => n + (node.kind === 'level' ? node.risks.length : 0), 0) === 10 ? nodes : undefined;
      }, 60_000);
      const label = (node: RiskNode) => String(api.risks.getTreeItem(node).label);
      // Highest level first, as the built-in matrix names them; every group holds risks.
      const names = levels.map(label);
      const order = ['Critical', 'High', 'Moderate', 'Low'];
      assert.deepEqual(names, order.filter((n) => names.includes(n)));
      const byLevel = new Map(levels.map((level) => [label(level), api.risks.getChildren(level).map(label)]));
      assert.ok(byLevel.get('Moderate')?.includes('R-001'), JSON.stringify([...byLevel]));
      assert.ok(byLevel.get('High')?.includes('R-007'), JSON.stringify([...byLevel]));
      const r001 = api.risks.getChildren(levels.find((l) => label(l) === 'Moderate')!).find((n) => label(n) === 'R-001')!;
      const item = api.risks.getTreeItem(r001);
      assert.match(String(item.description), /Compromised administrator credentials · Critical → Moderate/);
      assert.equal(vscode.Uri.parse(String((item.command!.arguments![0] as vscode.Uri).toString())).toString(), vscode.Uri.joinPath(root, 'risks/R-001.md').toString());
      await vscode.commands.executeCommand(item.command!.command, ...item.command!.arguments!);
      await waitFor('R-001 open from the tree', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/risks/R-001.md'));
    });

    it('shows a risk\'s levels on hover over its id', async () => {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, 'risks/R-001.md'));
      await vscode.window.showTextDocument(document);
      const at = positionOf(document, 'R-001', 'id: ').translate(0, 2);
      const text = await waitFor('a hover on R-001', async () => {
        const found = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at));
        return /Inherent/.test(found) ? found : undefined;
      });
      assert.match(text, /Inherent: Critical \(likelihood 4 × impact 5 = 20\)/);
      assert.match(text, /Residual: Moderate \(likelihood 2 × impact 4 = 8\)/);
      assert.match(text, /Treatment: mitigate/);
    });

    it('shows the risk heat map in the gap panel, each cell listing its risks', async function () {
      await vscode.commands.executeCommand('soc2Policy.showGapPanel');
      const panel = await waitFor('the gap panel', () => api.gapPanel.webviewPanel);
      assert.match(panel.webview.html, /Content-Security-Policy/);
      if (!controlDir) this.skip();
      // inherent 4×5 (Critical), residual 2×4 (Moderate); the page shows both maps.
      await page({ action: 'waitFor', selector: '.risk-map .risk-cell button[data-key$=":R-001"]', frames: WEBVIEW_FRAMES, timeoutMs: 20_000 });
      const listed = Number(await page({ action: 'count', selector: '.risk-map .risk-cell button.risk', frames: WEBVIEW_FRAMES }));
      assert.equal(listed, 20, 'each of the 10 risks once per map');
      const critical = String(await page({ action: 'text', selector: '.risk-map:first-of-type .risk-cell[aria-label^="Likelihood 4, impact 5"]', frames: WEBVIEW_FRAMES }));
      assert.match(critical, /R-001/);
      await page({ action: 'click', selector: '.risk-map .risk-cell button[data-key$=":R-003"]', frames: WEBVIEW_FRAMES });
      await waitFor('R-003 opened from the heat map', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/risks/R-003.md'));
    });

    it('lists the example\'s vendors in the Vendors tree, grouped by their findings, with AWS\'s carved-out criteria', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('soc2Policy.vendors.focus');
      const groups = await waitFor('the Vendors tree', () => {
        const nodes = api.vendors.getChildren();
        return nodes.reduce((n, node) => n + (node.kind === 'group' ? node.vendors.length : 0), 0) === 6 ? nodes : undefined;
      }, 60_000);
      const label = (node: VendorNode) => String(api.vendors.getTreeItem(node).label);
      // EXPECTED.md: vendor-report-stale on datadog, vendor-report-missing on stripe; no other vendor finding.
      assert.deepEqual(groups.map(label), ['Report stale', 'Report missing', 'OK']);
      const byGroup = new Map(groups.map((group) => [label(group), api.vendors.getChildren(group).map(label)]));
      assert.deepEqual(byGroup.get('Report stale'), ['Datadog']);
      assert.deepEqual(byGroup.get('Report missing'), ['Stripe']);
      assert.deepEqual([...byGroup.get('OK')!].sort(), ['Amazon Web Services', 'GitHub', 'Okta', 'Slack']);
      assert.match(String(api.vendors.getTreeItem(api.vendors.getChildren(groups[0])[0]).description), /^high · report to 2025-09-30$/);
      assert.deepEqual(groups.map((group) => api.vendors.getTreeItem(group).description), ['1 vendor', '1 vendor', '4 vendors']);

      const aws = api.vendors.getChildren(groups[2]).find((n) => label(n) === 'Amazon Web Services')!;
      const item = api.vendors.getTreeItem(aws);
      assert.equal(item.description, 'critical · carve-out · report to 2026-03-31');
      assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
      const criteria = api.vendors.getChildren(aws);
      assert.deepEqual(criteria.map(label), ['CC6.4', 'CC6.5']);
      for (const criterion of criteria) assert.match(String(api.vendors.getTreeItem(criterion).description), / · monitored$/);
      // Vendors that carve nothing out have no children.
      assert.deepEqual(api.vendors.getChildren(api.vendors.getChildren(groups[2]).find((n) => label(n) === 'Okta')!), []);

      await vscode.commands.executeCommand(item.command!.command, ...item.command!.arguments!);
      await waitFor('aws.md open from the Vendors tree', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/vendors/aws.md'));
      if (!controlDir) return;
      // The side bar holds every SOC 2 view: hide the others for the shot, so the whole inventory is drawn.
      const others = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.views.soc2Policy as { id: string }[]).map((v) => v.id).filter((id) => id !== 'soc2Policy.vendors');
      for (const id of others) await vscode.commands.executeCommand(`${id}.toggleVisibility`);
      try {
        await vscode.commands.executeCommand('soc2Policy.vendors.focus');
        // The rows are drawn, not only provided: the last group's last vendor and the carve-out's criteria.
        await page({ action: 'waitFor', selector: '.monaco-list-row[aria-label*="Amazon Web Services"]', timeoutMs: 15_000 });
        await page({ action: 'waitFor', selector: '.monaco-list-row[aria-label*="CC6.5"]', timeoutMs: 15_000 });
        await page({ action: 'waitFor', selector: '.monaco-list-row[aria-label*="Slack"]', timeoutMs: 15_000 });
        await vscode.commands.executeCommand('notifications.clearAll');
        await vscode.commands.executeCommand('workbench.action.closePanel');
        await screenshot('vendors-tree');
      } finally {
        for (const id of others) await vscode.commands.executeCommand(`${id}.toggleVisibility`);
      }
    });

    it('reports the example\'s overdue High risk as a diagnostic', async () => {
      const uri = vscode.Uri.joinPath(root, 'risks/R-007.md');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const [overdue] = await waitFor('risk-review-overdue on R-007', () => {
        const found = diagnostics(uri, 'risk-review-overdue');
        return found.length ? found : undefined;
      }, 60_000);
      assert.equal(overdue.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(overdue.range.start.line, 12);
    });
  });
}
