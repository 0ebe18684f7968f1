/**
 * Issue 8 in real VS Code, on examples/acme-saas: import Word and HTML policies, map a suggested criterion from
 * the light bulb, fix a vague commitment. Every file lives in a scratch folder of the example, removed before and after.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import * as vscode from 'vscode';
import type { ImportPoliciesResult } from '../../../server/src/protocol';
import { readyApi } from './clientHelpers';
import { diagnostics, positionOf, waitFor } from './helpers';

const SCRATCH = 'zz-e2e-existing-policies';

const UNTAGGED = `---
title: E2E Access Management Procedure
owner: IT Operations
status: draft
type: procedure
controls: []
---

# E2E Access Management Procedure

## Access reviews

System owners review every user's access at least quarterly and remove access that is no longer needed.

## Authentication

All users must sign in with multi-factor authentication.
`;

const VAGUE = `---
title: E2E Vague Policy
owner: QA
status: draft
type: policy
controls: [CC6.2]
---

# E2E Vague Policy

## Policy

Access is reviewed periodically by system owners.
`;

function backupPolicyDocx(): Promise<Buffer> {
  const doc = new Document({
    sections: [{
      children: [
        new Paragraph({ text: 'E2E Backup Policy', heading: HeadingLevel.HEADING_1 }),
        new Paragraph({ text: 'Backups', heading: HeadingLevel.HEADING_2 }),
        new Paragraph('Production databases must be backed up daily and backups are encrypted.'),
        new Paragraph('Restores must be tested at least quarterly and the results recorded.'),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}

export function defineExistingPoliciesSuite(): void {
  describe('existing policies: import, suggest, vague commitments', function () {
    let root: vscode.Uri;
    const scratch = (p = '') => vscode.Uri.joinPath(root, SCRATCH, p);
    const removeScratch = () => fs.rmSync(scratch().fsPath, { recursive: true, force: true });

    before(async function () {
      this.timeout(180_000);
      root = vscode.workspace.workspaceFolders![0].uri;
      removeScratch();
      await readyApi();
      fs.mkdirSync(scratch('inbox').fsPath, { recursive: true });
    });

    after(async function () {
      this.timeout(60_000);
      // VS Code keeps a closed document in memory for a while and the server checks open documents' text, not the
      // disk: empty the scratch documents first, so deleting them leaves nothing a later suite could cite.
      const open = vscode.workspace.textDocuments.filter((d) => d.uri.path.includes(`/${SCRATCH}/`));
      if (open.length) {
        const edit = new vscode.WorkspaceEdit();
        for (const document of open) edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), '');
        await vscode.workspace.applyEdit(edit);
        await Promise.all(open.map((document) => document.save()));
      }
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      removeScratch();
      // Later suites must not see these documents (a drafted questionnaire answer could cite one): wait until the
      // server has dropped them, as its workspace symbols show.
      const api = await readyApi();
      await waitFor('the language server to drop the removed documents', async () => {
        const symbols = await api.client.sendRequest<{ location: { uri: string } }[]>('workspace/symbol', { query: '' });
        // The example's own documents are listed too, so an empty answer does not pass for "dropped".
        const left = symbols.filter((s) => s.location.uri.includes(`/${SCRATCH}/`));
        if (left.length) console.log(`still indexed: ${left.map((s) => s.location.uri).join(', ')} of ${symbols.length}`);
        return symbols.length > 0 && !left.length;
      }, 45_000);
    });

    it('imports a Word and an HTML file through the server and opens a summary', async () => {
      fs.writeFileSync(scratch('inbox/backup-policy.docx').fsPath, await backupPolicyDocx());
      fs.writeFileSync(scratch('inbox/incident.html').fsPath, '<h1>E2E Incident Procedure</h1><p>Security incidents must be reported to the Security Lead within 1 business day.</p>');
      const outcome = await vscode.commands.executeCommand<{ result: ImportPoliciesResult; summary: vscode.Uri } | undefined>(
        'soc2Policy.importPolicies', { inputs: [scratch('inbox').toString()], outFolder: scratch('imported').toString() });
      assert.ok(outcome, 'the command answered');
      assert.deepEqual(outcome.result.written.map((w) => w.title).sort(), ['E2E Backup Policy', 'E2E Incident Procedure']);
      for (const written of outcome.result.written) {
        const text = fs.readFileSync(vscode.Uri.parse(written.uri).fsPath, 'utf8');
        assert.match(text, /^status: draft$/m);
        assert.match(text, /^controls: \[\]$/m);
      }
      const summary = await waitFor('the import summary in an editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === outcome.summary.toString()));
      assert.equal(summary.document.languageId, 'markdown');
      assert.match(summary.document.getText(), /# Policy import/);
      assert.match(summary.document.getText(), /What they probably cover/);
      assert.match(summary.document.getText(), /E2E Backup Policy/);
    });

    it('maps a suggested criterion from the code action on a supporting sentence', async () => {
      const uri = scratch('access-management.md');
      fs.writeFileSync(uri.fsPath, UNTAGGED);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const at = positionOf(document, "review every user's access");
      const actions = await waitFor('"Map suggested criterion" actions', async () => {
        const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(at, at), vscode.CodeActionKind.Refactor.value);
        const found = all.filter((a) => a.title.startsWith('Map suggested criterion '));
        return found.length ? found : undefined;
      }, 60_000);
      const action = actions[0];
      assert.match(action.title, /^Map suggested criterion (CC\d\.\d+) .+: ".*review every user's access/);
      const id = /criterion (\S+)/.exec(action.title)![1];
      assert.ok(action.edit && (await vscode.workspace.applyEdit(action.edit)), `applied "${action.title}"`);
      assert.match(document.getText(), new RegExp(`^controls: \\[${id.replace('.', '\\.')}\\]$`, 'm'));
      await document.save();
      await waitFor(`${id} no longer suggested`, async () => {
        const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(at, at), vscode.CodeActionKind.Refactor.value);
        return !all.some((a) => a.title.startsWith(`Map suggested criterion ${id} `));
      });
    });

    it('flags a vague commitment and fixes it with a concrete frequency', async () => {
      const uri = scratch('vague-policy.md');
      fs.writeFileSync(uri.fsPath, VAGUE);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const [vague] = await waitFor('vague-commitment on "periodically"', () => {
        const found = diagnostics(uri, 'vague-commitment');
        return found.length ? found : undefined;
      }, 60_000);
      assert.equal(vague.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(vague.message, /"periodically" is not testable: state a frequency/);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, vague.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title === 'Replace "periodically" with "at least quarterly"');
      assert.ok(fix?.edit, `the concrete-frequency fix; got ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(document.getText(), /Access is reviewed at least quarterly by system owners\./);
      await document.save();
      await waitFor('vague-commitment to disappear', () => diagnostics(uri, 'vague-commitment').length === 0);
    });
  });
}
