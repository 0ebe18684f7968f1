import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { WorkDoneProgress, type CodeAction, type Diagnostic, type Hover, type MarkupContent, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol';
import { parse } from 'yaml';
import { headingSlug } from '../../server/src/core/questionnaires/sections';
import { buildServer, copyWorkspace, LspClient, uriOf } from './lspHarness';

type WorkspaceReport = { items: { uri: string; kind: string; items?: Diagnostic[] }[] };
type Citation = { document: string; section: string; hash: string };

const QUESTIONNAIRE = `name: customer
questions:
  - id: Q1
    question: Do you enforce multi-factor authentication for administrative access?
    answer: ""
  - id: Q2
    question: How are user accounts provisioned and removed when people leave?
    answer: ""
  - id: Q3
    question: Do you have an incident response plan?
    answer: ""
`;

/** A copy of examples/acme-saas with questionnaires/customer.yaml, as `questionnaire import` would write it. */
function workspaceWithQuestionnaire(): { dir: string; cleanup: () => void; file: string } {
  const workspace = copyWorkspace();
  mkdirSync(path.join(workspace.dir, 'questionnaires'));
  const file = path.join(workspace.dir, 'questionnaires/customer.yaml');
  writeFileSync(file, QUESTIONNAIRE);
  return { ...workspace, file };
}

function firstCitation(file: string): Citation {
  const data = parse(readFileSync(file, 'utf8')) as { questions: { answer: { citations?: Citation[] } | string }[] };
  const cited = data.questions.flatMap((q) => (typeof q.answer === 'object' ? (q.answer.citations ?? []) : []));
  assert.ok(cited.length, 'some answer cites a section');
  return cited[0];
}

/** The cited section's text with a sentence added under its heading; or its heading renamed. */
function editSection(text: string, slug: string, how: 'add-sentence' | 'rename'): string {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => /^#{1,6}\s/.test(line) && headingSlug(line.replace(/^#+\s+/, '')) === slug);
  assert.ok(at >= 0, `heading of #${slug}`);
  if (how === 'rename') lines[at] = `${lines[at]} (revised)`;
  else lines.splice(at + 1, 0, '', 'Exceptions must be approved by the CISO in writing.');
  return lines.join('\n');
}

const codes = (items: Diagnostic[] | undefined) => (items ?? []).map((d) => d.code);

describe('language server over stdio: questionnaires (pull)', function () {
  this.timeout(60000);
  let workspace: ReturnType<typeof workspaceWithQuestionnaire>;
  let client: LspClient;
  let questionnaireUri: string;
  let citation: Citation;

  before(async () => {
    buildServer();
    workspace = workspaceWithQuestionnaire();
    questionnaireUri = uriOf(workspace.file);
    client = (await LspClient.start({ workspace: workspace.dir, pull: true })).client;
    await client.indexed();
  });

  after(async () => {
    await client?.stop();
    workspace?.cleanup();
  });

  it('reports unanswered questions of a questionnaire in workspace diagnostics', async () => {
    const report = await client.request<WorkspaceReport>('workspace/diagnostic', { previousResultIds: [] });
    const item = report.items.find((i) => i.uri === questionnaireUri);
    assert.deepEqual(codes(item?.items), ['question-unanswered', 'question-unanswered', 'question-unanswered']);
  });

  it('drafts answers with citations through soc2Policy/answerQuestionnaire, with progress', async () => {
    // The client's own token: progress arrives on it without window/workDoneProgress/create.
    const kinds: string[] = [];
    const listening = client.connection.onProgress(WorkDoneProgress.type, 'answer-1', (value) => void kinds.push(value.kind));
    const result = await client.request<{ drafted: number; reused: number; kept: number; cited: number }>('soc2Policy/answerQuestionnaire', { uri: questionnaireUri, workDoneToken: 'answer-1' });
    listening.dispose();
    assert.equal(result.drafted + result.reused, 3);
    assert.ok(result.cited >= 2, `cited: ${result.cited}`);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    citation = firstCitation(workspace.file);
    const report = await client.request<WorkspaceReport>('workspace/diagnostic', { previousResultIds: [] });
    const item = report.items.find((i) => i.uri === questionnaireUri);
    assert.ok(!codes(item?.items).some((c) => c === 'answer-stale' || c === 'question-unanswered'), `findings: ${codes(item?.items)}`);
  });

  it('refuses a file that is not a questionnaire', async () => {
    await assert.rejects(client.request('soc2Policy/answerQuestionnaire', { uri: uriOf(path.join(workspace.dir, 'soc2-policy.yaml')) }), /not a questionnaire/);
  });

  it('shows the cited section on hover over a citation', async () => {
    const uri = await client.open('questionnaires/customer.yaml');
    const text = client.text(uri);
    const offset = text.indexOf(`section: ${citation.section}`);
    const before = text.slice(0, offset).split('\n');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: before.length - 1, character: before[before.length - 1].length + 2 } });
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, new RegExp(`${citation.document}#${citation.section}`));
    assert.match(value, /^> /m, 'quotes the section');
  });

  it('flags answer-stale on the questionnaire when the cited section is edited, and keeps the answer with a quick fix', async () => {
    const policy = await client.open(citation.document);
    await client.change(policy, editSection(client.text(policy), citation.section, 'add-sentence'));
    const report = await client.request<WorkspaceReport>('workspace/diagnostic', { previousResultIds: [] });
    const stale = report.items.find((i) => i.uri === questionnaireUri)?.items?.find((d) => d.code === 'answer-stale');
    assert.ok(stale, 'answer-stale in workspace diagnostics');
    assert.ok((stale.data as { fixes: { title: string }[] }).fixes.some((f) => f.title === 'Keep answer (update the hash)'), 'the fix travels as data');

    const pulled = await client.pullDiagnostics(questionnaireUri);
    const diagnostic = pulled.items!.find((d) => d.code === 'answer-stale')!;
    assert.ok(diagnostic, 'answer-stale on the open questionnaire');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: questionnaireUri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const keep = actions.find((a) => a.title === 'Keep answer (update the hash)')!;
    assert.ok(keep, `actions: ${actions.map((a) => a.title)}`);
    await client.applyEdits(questionnaireUri, (keep.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[]);
    const after = await client.pullDiagnostics(questionnaireUri);
    assert.equal(after.items!.filter((d) => d.code === 'answer-stale' && d.range.start.line === diagnostic.range.start.line).length, 0);
  });

  it('reports a questionnaire with a YAML error as questionnaire-invalid at the error, and clears it once fixed', async () => {
    const broken = 'name: broken\nquestions:\n  - id: Q1\n    question: [never closed\n    answer: ""\n';
    const uri = await client.open('questionnaires/broken.yaml', broken);
    const pulled = await client.pullDiagnostics(uri);
    const invalid = pulled.items!.filter((d) => d.code === 'questionnaire-invalid');
    assert.equal(invalid.length, 1, `findings: ${codes(pulled.items)}`);
    assert.equal(invalid[0].severity, 1, 'an error');
    assert.equal(invalid[0].range.start.line, 4);
    await client.change(uri, broken.replace('[never closed', 'Do you have a vendor inventory?'));
    assert.deepEqual(codes((await client.pullDiagnostics(uri)).items), ['question-unanswered']);
  });

  it('flags answer-citation-broken when the cited heading is renamed, with a fix citing the new slug', async () => {
    const policy = await client.open(citation.document);
    await client.change(policy, editSection(client.text(policy), citation.section, 'rename'));
    const pulled = await client.pullDiagnostics(questionnaireUri);
    const broken = pulled.items!.find((d) => d.code === 'answer-citation-broken')!;
    assert.ok(broken, `findings: ${codes(pulled.items)}`);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: questionnaireUri }, range: broken.range, context: { diagnostics: [broken] } });
    const rename = actions.find((a) => a.title.startsWith('Cite the renamed heading'))!;
    assert.ok(rename, `actions: ${actions.map((a) => a.title)}`);
    await client.applyEdits(questionnaireUri, (rename.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[]);
    assert.match(client.text(questionnaireUri), new RegExp(`section: ${citation.section}-revised`));
    const after = await client.pullDiagnostics(questionnaireUri);
    assert.ok(!codes(after.items).includes('answer-citation-broken'), `findings: ${codes(after.items)}`);
  });
});

describe('language server over stdio: questionnaires (push)', function () {
  this.timeout(60000);
  let workspace: ReturnType<typeof workspaceWithQuestionnaire>;
  let client: LspClient;

  before(async () => {
    buildServer();
    workspace = workspaceWithQuestionnaire();
    client = (await LspClient.start({ workspace: workspace.dir, pull: false })).client;
    await client.indexed();
  });

  after(async () => {
    await client?.stop();
    workspace?.cleanup();
  });

  it('publishes answer-stale on a closed questionnaire when a cited section changes in the editor', async () => {
    const uri = uriOf(workspace.file);
    await client.request('soc2Policy/answerQuestionnaire', { uri });
    const citation = firstCitation(workspace.file);
    await client.waitFor('questionnaire diagnostics without unanswered questions', () => !codes(client.published.get(uri)?.diagnostics).includes('question-unanswered'));
    const policy = await client.open(citation.document);
    await client.change(policy, editSection(client.text(policy), citation.section, 'add-sentence'));
    const published = await client.waitFor('answer-stale published', () => client.published.get(uri)?.diagnostics.find((d) => d.code === 'answer-stale'));
    assert.match(String(published.message), new RegExp(`${citation.document}#${citation.section}`));
  });

  it('answers a question about a carved-out criterion from the vendor file, as the CLI does', async () => {
    // acme-saas carves CC6.4 (physical access) out to AWS: the answer names AWS's controls and our monitoring.
    const file = path.join(workspace.dir, 'questionnaires/physical.yaml');
    writeFileSync(file, 'name: physical\nquestions:\n  - id: P1\n    question: Describe physical security controls at your data centers.\n    answer: ""\n');
    await client.request('soc2Policy/answerQuestionnaire', { uri: uriOf(file) });
    const data = parse(readFileSync(file, 'utf8')) as { questions: { answer: { value: string; citations: Citation[] } }[] };
    const answer = data.questions[0].answer;
    assert.ok(answer.citations.some((c) => c.document === 'vendors/aws.md'), JSON.stringify(answer));
    assert.equal(answer.value, 'yes', 'our vendor management policy names AWS and maps CC9.2');
  });
});
