/**
 * Type II evidence in real VS Code (scenario acme-type2: a copy of examples/acme-type2, "today" 2026-12-01):
 * evidence findings, hover on an obligation, the Evidence tree and the Record Evidence command.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Soc2PolicyApi } from '../../../client/src/extension';
import type { EvidenceNode } from '../../../client/src/views/evidenceTree';
import { QUICK_INPUT, pickRow, readyApi, tag } from './clientHelpers';
import { controlDir, diagnostics, hoverText, page, positionOf, waitFor, within } from './helpers';

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
  });
}
