/**
 * The editor's questionnaire requests over stdio: import a customer's workbook into questionnaires/<name>.yaml
 * (never over an existing one), list progress, review answers beside the cited text, and accept or reject an answer
 * through text edits the client applies.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { CodeAction, LocationLink, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { parseQuestionnaireYaml } from '../../server/src/core/questionnaires/file';
import { headingSlug } from '../../server/src/core/questionnaires/sections';
import {
  ACCEPT_ANSWER_KIND,
  type ImportQuestionnaireResult, type QuestionnaireInfo, type QuestionnaireReviewResult, type QuestionnairesResult, type ReviewAnswerResult,
} from '../../server/src/protocol';
import { applyTextEdits, buildServer, copyWorkspace, LspClient, positionOf, uriOf } from './lspHarness';
import { changedLines } from '../helpers/changedLines';

const QUESTIONS = [
  ['1', 'Do you enforce multi-factor authentication for administrative access?'],
  ['2', 'How are user accounts provisioned and removed when people leave?'],
  ['3', 'Do you have an incident response plan?'],
];

/** A workbook as customers send them: a header row, then one question per row; `cover` adds a sheet before it. */
async function writeWorkbook(file: string, cover = false): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  if (cover) workbook.addWorksheet('Cover').addRow(['Vendor security assessment, please answer every question.']);
  const sheet = workbook.addWorksheet('Questions');
  sheet.addRow(['#', 'Question', 'Response']);
  for (const row of QUESTIONS) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
}

describe('language server over stdio: questionnaire import and review', function () {
  this.timeout(60000);
  let workspace: { dir: string; cleanup: () => void };
  let inputs: string;
  let client: LspClient;
  let yamlFile: string;
  let yamlUri: string;

  const progressOf = async (): Promise<QuestionnaireInfo> => {
    const result = await client.request<QuestionnairesResult>('soc2Policy/questionnaires', {});
    const found = result.roots.flatMap((r) => r.questionnaires).find((q) => q.uri === yamlUri);
    assert.ok(found, `questionnaires: ${JSON.stringify(result.roots.map((r) => r.questionnaires.map((q) => q.uri)))}`);
    return found;
  };
  const reviewEdits = (questionId: string, action: 'accept' | 'reject') => client.request<ReviewAnswerResult>('soc2Policy/reviewAnswer', { uri: yamlUri, questionId, action });

  before(async () => {
    buildServer();
    workspace = copyWorkspace();
    inputs = mkdtempSync(path.join(tmpdir(), 'soc2-questionnaire-input-'));
    await writeWorkbook(path.join(inputs, 'Customer Portal.xlsx'));
    await writeWorkbook(path.join(inputs, 'two-sheets.xlsx'), true);
    yamlFile = path.join(workspace.dir, 'questionnaires/customer-portal.yaml');
    yamlUri = uriOf(yamlFile);
    client = (await LspClient.start({ workspace: workspace.dir, pull: true })).client;
    await client.indexed();
  });

  after(async () => {
    await client?.stop();
    workspace?.cleanup();
    if (inputs) rmSync(inputs, { recursive: true, force: true });
  });

  it('imports a workbook into questionnaires/<name>.yaml and lists it with its progress', async () => {
    const result = await client.request<ImportQuestionnaireResult>('soc2Policy/importQuestionnaire', { file: uriOf(path.join(inputs, 'Customer Portal.xlsx')) });
    assert.deepEqual(result, { uri: yamlUri, written: true, questions: 3 });
    const parsed = parseQuestionnaireYaml(readFileSync(yamlFile, 'utf8'), 'customer-portal');
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.questionnaire.questions.map((q) => [q.id, q.question, q.answer]), QUESTIONS.map(([id, question]) => [id, question, '']));
    assert.equal(parsed.questionnaire.source?.sheet, 'Questions');
    const info = await progressOf();
    assert.deepEqual({ ...info, attention: info.attention.map((a) => `${a.reason}:${a.id}`) }, {
      uri: yamlUri, name: 'customer-portal', total: 3, answered: 0, accepted: 0, stale: 0, broken: 0, unanswered: 3,
      attention: ['unanswered:1', 'unanswered:2', 'unanswered:3'],
    });
    assert.equal(readFileSync(yamlFile, 'utf8').split('\n')[info.attention[0].range.start.line].trim(), '- id: "1"');
  });

  it('never overwrites a questionnaire that exists', async () => {
    const edited = `${readFileSync(yamlFile, 'utf8')}# notes kept by a person\n`;
    writeFileSync(yamlFile, edited);
    const result = await client.request<ImportQuestionnaireResult>('soc2Policy/importQuestionnaire', { file: uriOf(path.join(inputs, 'Customer Portal.xlsx')) });
    assert.deepEqual(result, { uri: yamlUri, written: false, questions: 3 });
    assert.equal(readFileSync(yamlFile, 'utf8'), edited);
  });

  it('lists the sheets of a workbook with several, then imports the one chosen', async () => {
    const file = uriOf(path.join(inputs, 'two-sheets.xlsx'));
    const target = path.join(workspace.dir, 'questionnaires/two-sheets.yaml');
    const asked = await client.request<ImportQuestionnaireResult>('soc2Policy/importQuestionnaire', { file });
    assert.deepEqual(asked.sheets, ['Cover', 'Questions']);
    assert.equal(asked.written, false);
    assert.ok(!existsSync(target), 'nothing written before the sheet is chosen');
    const imported = await client.request<ImportQuestionnaireResult>('soc2Policy/importQuestionnaire', { file, sheet: 'Questions' });
    assert.deepEqual([imported.written, imported.questions], [true, 3]);
    rmSync(target);
  });

  it('refuses a broken workbook and a sheet without questions with the importer\'s one-line reason, writing nothing', async () => {
    const bad = path.join(inputs, 'broken.xlsx');
    writeFileSync(bad, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)]));
    await assert.rejects(client.request('soc2Policy/importQuestionnaire', { file: uriOf(bad) }), (error: Error) => {
      assert.match(error.message, /broken\.xlsx is not a readable \.xlsx workbook \(/);
      assert.ok(!error.message.includes('\n'), 'one line');
      return true;
    });
    const csv = path.join(inputs, 'numbers.csv');
    writeFileSync(csv, 'a,b\n1,2\n3,4\n');
    await assert.rejects(client.request('soc2Policy/importQuestionnaire', { file: uriOf(csv) }), /no question column found/);
    assert.ok(!existsSync(path.join(workspace.dir, 'questionnaires/broken.yaml')));
    assert.ok(!existsSync(path.join(workspace.dir, 'questionnaires/numbers.yaml')));
  });

  it('accepts an answer with edits that change only its status, on the open document\'s version', async () => {
    // Closed, the questionnaire is answered on disk; then it is opened, as the editor does before applying edits.
    await client.request('soc2Policy/answerQuestionnaire', { uri: yamlUri });
    const drafted = readFileSync(yamlFile, 'utf8');
    await client.open('questionnaires/customer-portal.yaml');
    const before = parseQuestionnaireYaml(drafted, 'customer-portal').questionnaire;
    assert.equal(typeof before.questions[0].answer, 'object', `Q1 drafted:\n${drafted}`);
    const result = await reviewEdits('1', 'accept');
    assert.equal(result.version, client.version(yamlUri));
    await client.applyEdits(yamlUri, result.edits);
    const after = client.text(yamlUri);
    assert.deepEqual(changedLines(drafted, after), { removed: ['      status: draft'], added: ['      status: accepted'] });
    const parsed = parseQuestionnaireYaml(after, 'customer-portal').questionnaire;
    assert.deepEqual(parsed.questions[0].answer, { ...(before.questions[0].answer as object), status: 'accepted' });
    assert.deepEqual(parsed.questions.slice(1), before.questions.slice(1));
    assert.deepEqual((await reviewEdits('1', 'accept')).edits, [], 'accepting twice changes nothing');
    assert.equal((await progressOf()).accepted, 1);
  });

  it('rejects an answer by clearing it, and says why it cannot accept what is not a draft', async () => {
    const before = client.text(yamlUri);
    await client.applyEdits(yamlUri, (await reviewEdits('2', 'reject')).edits);
    const parsed = parseQuestionnaireYaml(client.text(yamlUri), 'customer-portal').questionnaire;
    assert.equal(parsed.questions[1].answer, '');
    assert.deepEqual(changedLines(before, client.text(yamlUri)).added, ['    answer: ""']);
    const info = await progressOf();
    assert.deepEqual([info.answered, info.unanswered, info.attention.map((a) => a.id)], [2, 1, ['2']]);
    await assert.rejects(reviewEdits('2', 'accept'), /cannot accept the answer: 2 has no drafted answer to accept/);
    await assert.rejects(reviewEdits('9', 'accept'), /no question "9"/);
    await assert.rejects(client.request('soc2Policy/reviewAnswer', { uri: yamlUri, questionId: '1', action: 'approve' }), /action must be "accept" or "reject"/);
  });

  it('offers "Accept the answer to 3" as a code action on the question', async () => {
    const text = client.text(yamlUri);
    const at = positionOf(text, 'question: Do you have an incident response plan?');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: yamlUri }, range: { start: at, end: at }, context: { diagnostics: [] } });
    const accept = actions.find((a) => a.kind === ACCEPT_ANSWER_KIND);
    assert.equal(accept?.title, 'Accept the answer to 3');
    const edits = (accept!.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
    const after = parseQuestionnaireYaml(applyTextEdits(text, edits), 'q').questionnaire.questions[2].answer;
    assert.equal(typeof after === 'object' && after.status, 'accepted');
    const onAccepted = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: yamlUri }, range: { start: positionOf(text, 'question: Do you enforce'), end: positionOf(text, 'question: Do you enforce') }, context: { diagnostics: [] } });
    assert.ok(!onAccepted.some((a) => a.kind === ACCEPT_ANSWER_KIND), 'nothing to accept on an accepted answer');
  });

  it('goes from a citation in the questionnaire to the cited section\'s heading', async () => {
    const review = await client.request<QuestionnaireReviewResult>('soc2Policy/questionnaireReview', { uri: yamlUri });
    const cited = review.questions[0].citations[0];
    const at = positionOf(client.text(yamlUri), `section: ${cited.section}`);
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: yamlUri }, position: { line: at.line, character: at.character + 3 } });
    assert.equal(links.length, 1);
    assert.equal(links[0].targetUri, cited.uri);
    assert.deepEqual(links[0].targetSelectionRange, cited.range);
    const headingLine = readFileSync(path.join(workspace.dir, cited.document), 'utf8').split('\n')[cited.range!.start.line];
    assert.equal(headingSlug(headingLine.replace(/^#+\s+/, '')), cited.section);
  });

  it('reviews answers beside the cited section text, and marks them stale when the section changes', async () => {
    const review = await client.request<QuestionnaireReviewResult>('soc2Policy/questionnaireReview', { uri: yamlUri });
    const first = review.questions[0];
    assert.equal(first.answer?.status, 'accepted');
    const cited = first.citations[0];
    assert.ok(cited, 'the first answer cites a section');
    assert.equal(cited.state, 'current');
    assert.ok(cited.text && cited.text.length > 20, `cited text: ${cited.text}`);
    assert.equal(cited.uri, uriOf(path.join(workspace.dir, cited.document)));

    const notified = client.notifications.length;
    const policy = await client.open(cited.document);
    const lines = client.text(policy).split('\n');
    const heading = lines.findIndex((line) => /^#{1,6}\s/.test(line) && headingSlug(line.replace(/^#+\s+/, '')) === cited.section);
    lines.splice(heading + 1, 0, '', 'Exceptions must be approved by the CISO in writing.');
    await client.change(policy, lines.join('\n'));
    await client.waitFor('soc2Policy/questionnairesChanged', () => client.notifications.slice(notified).some((n) => n.method === 'soc2Policy/questionnairesChanged'));
    const info = await progressOf();
    assert.equal(info.stale, 1);
    assert.deepEqual(info.attention[0], { id: '1', question: QUESTIONS[0][1], reason: 'stale', range: info.attention[0].range });
    const again = await client.request<QuestionnaireReviewResult>('soc2Policy/questionnaireReview', { uri: yamlUri });
    assert.equal(again.questions[0].stale, true);
    assert.equal(again.questions[0].citations[0].state, 'changed');
    assert.match(again.questions[0].citations[0].text!, /Exceptions must be approved by the CISO/);
  });

  it('refuses malformed params and files that are not questionnaires', async () => {
    await assert.rejects(client.request('soc2Policy/importQuestionnaire', { file: 5 }), /file must be a string/);
    await assert.rejects(client.request('soc2Policy/importQuestionnaire', { file: 'https://example.com/q.xlsx' }), /not a file URI/);
    await assert.rejects(client.request('soc2Policy/questionnaires', { uri: 5 }), /uri must be a string/);
    await assert.rejects(client.request('soc2Policy/reviewAnswer', { uri: yamlUri, action: 'accept' }), /questionId must be a string/);
    await assert.rejects(client.request('soc2Policy/questionnaireReview', { uri: uriOf(path.join(workspace.dir, 'soc2-policy.yaml')) }), /not a questionnaire/);
    await assert.rejects(client.request('soc2Policy/reviewAnswer', { uri: uriOf(path.join(workspace.dir, 'policies')), questionId: '1', action: 'accept' }), /not a questionnaire/);
  });
});
