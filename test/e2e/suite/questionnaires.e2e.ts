/**
 * Issue 11 in real VS Code, on examples/acme-saas: draft a questionnaire's answers from the policies with
 * "SOC 2: Answer Questionnaire…", accept one, then edit the section it cites (unsaved) and see `answer-stale` on the
 * questionnaire. The questionnaire lives in questionnaires/ of the example, removed before and after; the policy
 * edit is reverted (and its file restored if closing saved it), so the example is left as found.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AnswerQuestionnaireResult } from '../../../server/src/protocol';
import { readyApi } from './clientHelpers';
import { diagnostics, waitFor, QuestionnaireScratch } from './helpers';

const FILE = 'zz-e2e-customer.yaml';

const QUESTIONNAIRE = `name: zz-e2e-customer
questions:
  - id: Q1
    question: Do you enforce multi-factor authentication for administrative access?
    answer: ""
  - id: Q2
    question: How are user accounts provisioned and removed when people leave?
    answer: ""
`;

export function defineQuestionnairesSuite(): void {
  describe('questionnaires: answer from the policies, stale when a cited section changes', function () {
    const scratch = new QuestionnaireScratch(FILE);
    const questionnaire = () => scratch.uri;

    before(async function () {
      this.timeout(180_000);
      scratch.prepare();
      await readyApi();
      fs.mkdirSync(path.dirname(questionnaire().fsPath), { recursive: true });
      fs.writeFileSync(questionnaire().fsPath, QUESTIONNAIRE);
    });

    after(async function () {
      this.timeout(30_000);
      await scratch.restore();
    });

    it('drafts answers with citations, then flags answer-stale when the cited section is edited', async function () {
      this.timeout(120_000);
      const result = await vscode.commands.executeCommand<AnswerQuestionnaireResult | undefined>('soc2Policy.answerQuestionnaire', { uri: questionnaire().toString() });
      assert.ok(result, 'the command answered');
      assert.equal(result.drafted + result.reused, 2, JSON.stringify(result));
      assert.ok(result.cited >= 1, JSON.stringify(result));
      const written = fs.readFileSync(questionnaire().fsPath, 'utf8');
      const cited = /citations:\s*\n\s*- document: (\S+)\s*\n\s*section: (\S+)/.exec(written);
      assert.ok(cited, `a citation in:\n${written}`);
      const [, document, section] = cited;
      // A person accepts the answers: the tool must now flag them when the policies change, never redraft them.
      fs.writeFileSync(questionnaire().fsPath, written.replace(/status: draft/g, 'status: accepted'));

      const policy = await scratch.editSection(document, section);
      assert.ok(policy.isDirty, 'the edit stays unsaved');

      // The file watcher brings the accepted status to the server; the stale citation follows the unsaved edit.
      const where = `${document}#${section}`;
      const stale = await waitFor('answer-stale on the closed questionnaire', () => diagnostics(questionnaire(), 'answer-stale').find((d) => d.message.includes(`accepted against a different text of ${where}`)), 60_000);
      assert.equal(stale.severity, vscode.DiagnosticSeverity.Warning);
    });
  });
}
