/**
 * Issue 11's editor flow in real VS Code, on examples/acme-saas: import a customer's .xlsx (made here with exceljs)
 * with "SOC 2: Import Questionnaire", draft the answers, accept one through the accept command (the server's edit,
 * applied to the open YAML), edit the section it cites and see `answer-stale` on the questionnaire, the stale count in
 * the Questionnaires view and the Review Answers panel. The workbook lives in a temporary folder; the questionnaire
 * is removed before and after, and the policy edit is reverted, so the example is left as found.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import * as vscode from 'vscode';
import { parseQuestionnaireYaml } from '../../../server/src/core/questionnaires/file';
import { isDrafted } from '../../../server/src/core/questionnaires/model';
import type { AnswerQuestionnaireResult, ImportQuestionnaireResult } from '../../../server/src/protocol';
import { readyApi } from './clientHelpers';
import { WEBVIEW_FRAMES, controlDir, diagnostics, page, screenshot, waitFor, QuestionnaireScratch } from './helpers';

/** The questionnaire's name comes from the workbook's file name. */
const WORKBOOK = 'ZZ E2E Vendor.xlsx';
const NAME = 'zz-e2e-vendor';

async function writeWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Security');
  sheet.addRow(['Ref', 'Question', 'Answer', 'Comments']);
  sheet.addRow(['AC-1', 'Do you enforce multi-factor authentication for administrative access?']);
  sheet.addRow(['AC-2', 'How are user accounts provisioned and removed when people leave?']);
  await workbook.xlsx.writeFile(file);
}

export function defineQuestionnaireReviewSuite(): void {
  describe('questionnaires in the editor: import an xlsx, review and accept answers, see them go stale', function () {
    let inputs = '';
    const scratch = new QuestionnaireScratch(`${NAME}.yaml`);
    const questionnaire = () => scratch.uri;

    before(async function () {
      this.timeout(180_000);
      scratch.prepare();
      await readyApi();
      inputs = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-e2e-questionnaire-'));
      await writeWorkbook(path.join(inputs, WORKBOOK));
    });

    after(async function () {
      this.timeout(30_000);
      await scratch.restore();
      if (inputs) fs.rmSync(inputs, { recursive: true, force: true });
    });

    it('imports the workbook, accepts an answer through the server\'s edit, and flags it stale when the cited section changes', async function () {
      this.timeout(180_000);
      const api = await readyApi();
      const file = vscode.Uri.file(path.join(inputs, WORKBOOK)).toString();
      const imported = await vscode.commands.executeCommand<ImportQuestionnaireResult | undefined>('soc2Policy.importQuestionnaire', { file });
      assert.deepEqual(imported, { uri: questionnaire().toString(), written: true, questions: 2 });
      await waitFor('the imported questionnaire open in the editor', () => vscode.window.activeTextEditor?.document.uri.toString() === questionnaire().toString());
      const firstImport = fs.readFileSync(questionnaire().fsPath, 'utf8');
      const again = await vscode.commands.executeCommand<ImportQuestionnaireResult | undefined>('soc2Policy.importQuestionnaire', { file });
      assert.equal(again?.written, false, 'a second import never replaces the questionnaire');
      assert.equal(fs.readFileSync(questionnaire().fsPath, 'utf8'), firstImport);
      const listed = () => api.questionnaires.questionnaires().find((q) => q.questionnaire.uri === questionnaire().toString());
      await waitFor('the Questionnaires view to list the import', () => listed()?.questionnaire.unanswered === 2);

      const answered = await vscode.commands.executeCommand<AnswerQuestionnaireResult | undefined>('soc2Policy.answerQuestionnaire', { uri: questionnaire().toString() });
      assert.ok(answered && answered.cited >= 1, JSON.stringify(answered));
      const document = await vscode.workspace.openTextDocument(questionnaire());
      const drafted = parseQuestionnaireYaml(document.getText(), NAME).questionnaire.questions;
      const cited = drafted.find((q) => isDrafted(q.answer) && q.answer.citations.length);
      assert.ok(cited && isDrafted(cited.answer), `a cited answer in:\n${document.getText()}`);
      const { document: policyPath, section } = cited.answer.citations[0];

      // Accept through the command (the review panel's button): the server computes the edit, the editor applies it.
      assert.equal(await vscode.commands.executeCommand<boolean>('soc2Policy.acceptAnswer', { uri: questionnaire().toString(), questionId: cited.id }), true);
      const statuses = parseQuestionnaireYaml(document.getText(), NAME).questionnaire.questions.map((q) => [q.id, isDrafted(q.answer) ? q.answer.status : 'none']);
      assert.deepEqual(statuses, drafted.map((q) => [q.id, q.id === cited.id ? 'accepted' : 'draft']));
      assert.match(document.getText(), /^# Security questionnaire answered from the policies/, 'the header comment is kept');
      await waitFor('the Questionnaires view to count the acceptance', () => listed()?.questionnaire.accepted === 1);

      // Edit the cited section (unsaved): the accepted answer is now stale.
      await scratch.editSection(policyPath, section);
      const where = `${policyPath}#${section}`;
      const stale = await waitFor('answer-stale on the questionnaire', () => diagnostics(questionnaire(), 'answer-stale').find((d) => d.message.includes(`accepted against a different text of ${where}`)), 60_000);
      assert.equal(stale.severity, vscode.DiagnosticSeverity.Warning);

      // The other answer is stale too when it cites the same section (drafts are checked like accepted answers).
      const citing = drafted.filter((q) => isDrafted(q.answer) && q.answer.citations.some((c) => c.document === policyPath && c.section === section)).map((q) => q.id);
      const entry = await waitFor('the Questionnaires view to count the stale answers', () => (listed()?.questionnaire.stale === citing.length ? listed() : undefined));
      const item = api.questionnaires.getTreeItem({ kind: 'questionnaire', ...entry });
      assert.equal(item.description, `2/2 answered · 1 accepted · ${citing.length} stale`);
      const children = api.questionnaires.getChildren({ kind: 'questionnaire', ...entry });
      assert.deepEqual(children.map((c) => (c.kind === 'question' ? `${c.question.reason}:${c.question.id}` : '')), citing.map((id) => `stale:${id}`));

      // The review panel: the answer beside the cited text, marked stale.
      await vscode.commands.executeCommand('soc2Policy.reviewQuestionnaire', { uri: questionnaire().toString() });
      const review = await waitFor('the review panel to load the questionnaire', () => api.questionnairePanel.current?.questions.find((q) => q.id === cited.id)?.stale && api.questionnairePanel.current);
      assert.equal(review.questions.find((q) => q.id === cited.id)?.citations[0].state, 'changed');
      assert.match(api.questionnairePanel.webviewPanel!.webview.html, /Content-Security-Policy/);
      if (!controlDir) return;
      await vscode.commands.executeCommand('soc2Policy.questionnaires.focus');
      assert.ok(await api.questionnaires.reveal(questionnaire().toString()));
      await page({ action: 'waitFor', selector: `.part.sidebar .monaco-list-row[aria-label^="${cited.id}"]`, timeoutMs: 15_000 });
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await page({ action: 'waitFor', selector: `.part.sidebar .monaco-list-row[aria-label*="1 accepted · ${citing.length} stale"]`, timeoutMs: 15_000 });
      await page({ action: 'waitFor', selector: `.question.s-stale[data-id="${cited.id}"] .badge.changed`, frames: WEBVIEW_FRAMES, timeoutMs: 20_000 });
      await page({ action: 'waitFor', selector: '.question .section-text', frames: WEBVIEW_FRAMES });
      await vscode.commands.executeCommand('notifications.clearAll');
      await waitFor('the notifications to close', async () => Number(await page({ action: 'count', selector: '.notifications-toasts .notification-toast' })) === 0, 15_000);
      await screenshot('questionnaire-review');
    });
  });
}
