/**
 * Type II evidence in real VS Code (scenario acme-type2: a copy of examples/acme-type2, "today" 2026-12-01):
 * evidence findings, hover on an obligation, code lenses, the Evidence tree, the calendar in the gap panel and the
 * Record Evidence command.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Soc2PolicyApi } from '../../../client/src/extension';
import type { EvidenceNode } from '../../../client/src/views/evidenceTree';
import { QUICK_INPUT, pickRow, readyApi, tag } from './clientHelpers';
import { WEBVIEW_FRAMES, controlDir, diagnostics, hoverText, page, positionOf, waitFor, within } from './helpers';

const TODAY = '2026-12-01';
/** vscode-languageclient's State.Running (not imported: the suite bundle stays free of the client library). */
const CLIENT_RUNNING = 2;

export function defineEvidenceSuite(): void {
  describe(`${tag('acme-type2')} Type II evidence in VS Code`, function () {
    let api: Soc2PolicyApi;
    let root: vscode.Uri;
    const created: vscode.Uri[] = [];
    const rel = (p: string) => vscode.Uri.joinPath(root, p);
    const q2Missing = (uri: vscode.Uri) => diagnostics(uri, 'evidence-missing').filter((d) => d.message.includes('access-review in 2026-Q2'));

    /** The access-review obligation's window nodes, as the tree shows them. */
    async function accessReviewWindows(): Promise<{ label: string; description: string }[]> {
      await api.evidence.refresh();
      const obligation = api.evidence.getChildren().find((n) => n.kind === 'obligation' && n.obligation.id === 'access-review');
      assert.ok(obligation, 'the tree lists access-review');
      return api.evidence.getChildren(obligation).map((n: EvidenceNode) => {
        const item = api.evidence.getTreeItem(n);
        return { label: String(item.label), description: String(item.description) };
      });
    }

    before(async function () {
      this.timeout(180_000);
      root = vscode.workspace.workspaceFolders![0].uri;
      api = await readyApi();
      // Pin "today" so the windows match EXPECTED.md; the extension restarts its server for it.
      const config = vscode.workspace.getConfiguration('soc2Policy');
      if (config.get('today') !== TODAY) {
        const restarted = new Promise<void>((resolve) => {
          const listener = api.client.onDidChangeState((e) => { if (e.newState === CLIENT_RUNNING) { listener.dispose(); resolve(); } });
        });
        await config.update('today', TODAY, vscode.ConfigurationTarget.Global);
        await within('the language server to restart with the new date', restarted, 60_000);
      }
    });

    after(async function () {
      this.timeout(30_000);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const file of created) fs.rmSync(file.fsPath, { force: true });
      await vscode.workspace.getConfiguration('soc2Policy').update('today', undefined, vscode.ConfigurationTarget.Global);
    });

    it('reports the missing access review on the policy declaring the obligation', async () => {
      const policy = await vscode.workspace.openTextDocument(rel('policies/access-control.md'));
      await vscode.window.showTextDocument(policy);
      const [finding] = await waitFor('evidence-missing for access-review 2026-Q2', () => (q2Missing(policy.uri).length ? q2Missing(policy.uri) : undefined), 60_000);
      assert.equal(finding.range.start.line, positionOf(policy, 'access-review', '  - id: ').line, 'on the obligation id');
      assert.equal(finding.severity, vscode.DiagnosticSeverity.Warning);
    });

    it('shows the schedule and the windows when hovering an obligation id', async () => {
      const policy = await vscode.workspace.openTextDocument(rel('policies/access-control.md'));
      const at = positionOf(policy, 'access-review', '  - id: ').translate(0, 3);
      const text = await waitFor('a hover on access-review', async () =>
        hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', policy.uri, at)) || undefined);
      assert.match(text, /every quarter/);
      assert.match(text, /grace 10 days/);
      assert.match(text, /Missing: 2026-Q2/);
    });

    it('lists the missing window in the Evidence tree, overdue obligations first', async () => {
      const windows = await accessReviewWindows();
      assert.deepEqual(windows.map((w) => w.label), ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
      assert.match(windows[1].description, /^missing · due by 2026-07-10$/);
      assert.match(windows[0].description, /^recorded$/);
      const first = api.evidence.getChildren()[0];
      assert.equal(first.kind === 'obligation' && first.obligation.windows.some((w) => w.status === 'missing'), true, 'an obligation with a missing window comes first');
      if (!controlDir) return; // the page itself only under run-in-code-server.mjs
      const obligation = api.evidence.getChildren().find((n) => n.kind === 'obligation' && n.obligation.id === 'access-review')!;
      const q2 = api.evidence.getChildren(obligation).find((n) => n.kind === 'window' && n.window.label === '2026-Q2')!;
      await vscode.commands.executeCommand('soc2Policy.evidence.focus');
      await api.evidence.reveal(q2);
      const row = String(await page({ action: 'text', selector: '.part.sidebar .monaco-list-row[aria-label^="2026-Q2"]', timeoutMs: 15_000 }));
      assert.match(row, /2026-Q2\s*missing/);
    });

    it('puts a code lens with the sample count on each obligation; a click shows it in the Evidence view', async () => {
      const procedure = await vscode.workspace.openTextDocument(rel('procedures/backup-restore.md'));
      const lensOf = async (uri: vscode.Uri, id: string) =>
        (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)).find((l) => l.command?.command === 'soc2Policy.showEvidenceObligation' && l.command.arguments?.[1] === id);
      const restore = await waitFor('the restore-test lens', () => lensOf(procedure.uri, 'restore-test'), 30_000);
      assert.equal(restore.command!.title, '1 of 1 yearly sample');
      assert.equal(restore.range.start.line, positionOf(procedure, 'restore-test', '  - id: ').line, 'on the obligation id');
      const policy = await vscode.workspace.openTextDocument(rel('policies/access-control.md'));
      const access = await waitFor('the access-review lens', () => lensOf(policy.uri, 'access-review'), 30_000);
      assert.equal(access.command!.title, '2 of 4 quarterly samples · 1 missing · 1 failed · next due 2027-01-10');
      if (!controlDir) {
        assert.equal(await vscode.commands.executeCommand(access.command!.command, ...access.command!.arguments!), true);
        return;
      }
      await vscode.window.showTextDocument(policy);
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      const lens = '.codelens-decoration a:has-text("2 of 4 quarterly samples")';
      await page({ action: 'waitFor', selector: lens, timeoutMs: 20_000 });
      await page({ action: 'click', selector: lens });
      // The click opens the Evidence view with access-review selected (the earlier test left 2026-Q2 selected).
      await page({ action: 'waitFor', selector: '.part.sidebar .monaco-list-row.selected[aria-label^="access-review"]', timeoutMs: 15_000 });
    });

    it('draws the evidence calendar in the gap panel: a row per obligation, overdue first, a cell per window', async function () {
      await api.evidence.refresh();
      await vscode.commands.executeCommand('soc2Policy.showGapPanel');
      const panel = await waitFor('the gap panel', () => api.gapPanel.webviewPanel);
      assert.match(panel.webview.html, /Content-Security-Policy/);
      if (!controlDir) this.skip(); // the webview's content is only reachable through the page
      await page({ action: 'waitFor', selector: '.evidence-calendar .ev-cell', frames: WEBVIEW_FRAMES, timeoutMs: 20_000 });
      const count = async (selector: string) => Number(await page({ action: 'count', selector, frames: WEBVIEW_FRAMES }));
      const rowText = async (n: number) => String(await page({ action: 'text', selector: `.ev-calendar tr:nth-child(${n}) th`, frames: WEBVIEW_FRAMES }));
      assert.equal(await count('.ev-calendar tr[data-obligation]'), 6);
      // EXPECTED.md's 31 windows: 22 recorded (two of them failed samples), 3 missing, 5 due, 1 future.
      const statuses: Record<string, number> = {};
      for (const status of ['recorded', 'failed', 'missing', 'due', 'future']) statuses[status] = await count(`.ev-calendar .ev-cell[data-status="${status}"]`);
      assert.deepEqual(statuses, { recorded: 20, failed: 2, missing: 3, due: 5, future: 1 });
      // Obligations with a missing window first (by id), then the failed one; the per-event one last.
      assert.match(await rowText(1), /^access-review/);
      assert.match(await rowText(3), /^vuln-scan-review/);
      assert.match(await rowText(4), /^incident-tabletop/);
      assert.match(await rowText(6), /^offboarding-checklist/);
      const q2 = 'tr[data-obligation="access-review"] .ev-cell[data-status="missing"]';
      assert.match(String(await page({ action: 'text', selector: q2, frames: WEBVIEW_FRAMES })), /Q2/);
      // Toasts (the server restart for the pinned date) float over the panel: the shot must not show them.
      await vscode.commands.executeCommand('notifications.clearAll');
      await waitFor('no notification toasts', async () => Number(await page({ action: 'count', selector: '.notification-toast' })) === 0, 10_000);
      // The section itself (docs/screenshots/evidence-calendar.png; Playwright waits until it is stable): a page shot would miss it below the heat map.
      await page({ action: 'screenshot', selector: '.evidence-calendar', frames: WEBVIEW_FRAMES, name: 'evidence-calendar' });
      // A window without a record opens the obligation asking for it.
      await page({ action: 'click', selector: q2, frames: WEBVIEW_FRAMES });
      await waitFor('access-control.md opened from the calendar', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/policies/access-control.md'));
    });

    it('records evidence from the command palette, and the missing finding goes away', async function () {
      if (!controlDir) this.skip(); // answers the quick pick and input boxes on the page
      const policy = await vscode.workspace.openTextDocument(rel('policies/access-control.md'));
      const running = Promise.resolve(vscode.commands.executeCommand<vscode.Uri | undefined>('soc2Policy.recordEvidence'));
      await pickRow('access-review');
      await page({ action: 'waitFor', selector: `${QUICK_INPUT} .quick-input-box input` });
      await waitFor('the date prompt', async () => /YYYY-MM-DD/.test(String(await page({ action: 'text', selector: QUICK_INPUT }))));
      await page({ action: 'type', text: '2026-06-20' }); // the default (today) is selected: typing replaces it
      await page({ action: 'press', key: 'Enter' });
      await waitFor('the link prompt', async () => /link to the evidence/.test(String(await page({ action: 'text', selector: QUICK_INPUT }))));
      await page({ action: 'type', text: 'https://tickets.example/ACC-42' });
      await page({ action: 'press', key: 'Enter' });
      const uri = await within('the record to be written', running, 30_000);
      assert.ok(uri, 'the command returns the new record');
      created.push(uri);
      assert.equal(vscode.workspace.asRelativePath(uri), 'evidence/access-review/2026-06-20.md');
      const text = fs.readFileSync(uri.fsPath, 'utf8');
      assert.match(text, /^obligation: access-review$/m);
      assert.match(text, /^performed: 2026-06-20$/m);
      assert.match(text, /^recorded: 2026-12-01$/m);
      assert.match(text, /^link: "?https:\/\/tickets\.example\/ACC-42"?$/m);
      await waitFor('evidence-missing for 2026-Q2 to go away', () => q2Missing(policy.uri).length === 0, 30_000);
      await waitFor('the tree to show 2026-Q2 recorded', async () => (await accessReviewWindows())[1].description === 'recorded', 30_000);
    });

    it('never overwrites a record: the same day again gets a new file', async () => {
      const first = await vscode.commands.executeCommand<vscode.Uri>('soc2Policy.recordEvidence', { obligation: 'access-review', date: '2026-06-21' });
      created.push(first);
      const before = fs.readFileSync(first.fsPath, 'utf8');
      const second = await vscode.commands.executeCommand<vscode.Uri>('soc2Policy.recordEvidence', { obligation: 'access-review', date: '2026-06-21', link: 'https://tickets.example/ACC-43' });
      created.push(second);
      assert.equal(vscode.workspace.asRelativePath(first), 'evidence/access-review/2026-06-21.md');
      assert.equal(vscode.workspace.asRelativePath(second), 'evidence/access-review/2026-06-21-2.md');
      assert.equal(fs.readFileSync(first.fsPath, 'utf8'), before, 'the first record is untouched');
    });

    it('shows designed and operating coverage side by side in the coverage tree, and follows new evidence', async () => {
      /** The coverage tree's item for a criterion, as the tree shows it now. */
      const criterionItem = (id: string): vscode.TreeItem | undefined => {
        const stack = [...api.tree.getChildren()];
        for (let node = stack.pop(); node; node = stack.pop()) {
          if (node.kind === 'criterion' && node.criterion.id === id) return api.tree.getTreeItem(node);
          stack.push(...api.tree.getChildren(node));
        }
        return undefined;
      };
      // CC7.1: vuln-scan-review 2026-07 and the patch window from 15 September have no record (EXPECTED.md).
      const item = await waitFor('CC7.1 with its operating gaps', () => criterionItem('CC7.1')?.description === 'covered · operating gaps (2 missing) · 2 docs' && criterionItem('CC7.1'));
      const tooltip = (item.tooltip as vscode.MarkdownString).value.replace(/\\(.)/g, '$1'); // the tooltip is escaped Markdown
      assert.ok(tooltip.includes('Operating gaps: 2 closed windows of patch, vuln-scan-review have no record.'), tooltip);
      const record = await vscode.commands.executeCommand<vscode.Uri>('soc2Policy.recordEvidence', { obligation: 'vuln-scan-review', date: '2026-07-20' });
      created.push(record);
      await waitFor('CC7.1 to count one missing sample less', () => criterionItem('CC7.1')?.description === 'covered · operating gaps (1 missing) · 2 docs', 30_000);
    });
  });
}
