/**
 * The risk register in real VS Code, on examples/acme-saas: the Risks tree by level, hover on a risk id, and a
 * deliberate risk finding of the example as a diagnostic. Reads the example only: nothing is written.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Soc2PolicyApi } from '../../../client/src/extension';
import type { RiskNode } from '../../../client/src/views/riskTree';
import { readyApi } from './clientHelpers';
import { WEBVIEW_FRAMES, controlDir, diagnostics, hoverText, page, positionOf, waitFor } from './helpers';

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
