import { strict as assert } from 'node:assert';
import type { PolicyAnalyzer } from '../../server/src/core/analyzer';
import type { Finding, Fix } from '../../server/src/core/types';
import { answerQuestionnaire } from '../../server/src/core/questionnaires/answer';
import { parseQuestionnaireYaml, serializeQuestionnaire } from '../../server/src/core/questionnaires/file';
import { buildSectionIndex } from '../../server/src/core/questionnaires/match';
import { isDrafted, type Answer, type Questionnaire } from '../../server/src/core/questionnaires/model';
import { answeringContext } from '../../server/src/core/questionnaires/workspaceSections';
import { openWorkspace, ROOT } from '../helpers/coreHarness';

/**
 * The rules that keep answers true (answer-stale, answer-citation-broken, question-unanswered), through the analyzer
 * as the language server sees them: findings on questionnaires/*.yaml with their quick fixes as data.
 */
const POLICY = `---
title: Access Control Policy
status: approved
controls: [CC6.1, CC6.3]
---
# Access Control Policy

## Authentication

<!-- controls: CC6.1 -->
Every account must use multi-factor authentication. Shared accounts are not allowed.

## Access reviews

<!-- controls: CC6.3 -->
System owners review user access every quarter and remove access that is no longer needed.
`;
const POLICY_FILE = `${ROOT}/policies/access.md`;
const QUESTIONNAIRE_FILE = `${ROOT}/questionnaires/customer.yaml`;

const QUESTIONS: Questionnaire = {
  name: 'customer',
  questions: [
    { id: 'Q1', question: 'Is multi-factor authentication enforced for all accounts?', answer: '' },
    { id: 'Q2', question: 'How often are user access rights reviewed?', answer: '' },
    { id: 'Q3', question: 'Anything else?', answer: '' },
  ],
};

/** A workspace whose questionnaire was answered from the policy; Q1 and Q2 drafted, then given `status`, Q3 left empty. */
async function answeredWorkspace(status: Answer['status']): Promise<PolicyAnalyzer> {
  const { analyzer } = await openWorkspace({ 'soc2-policy.yaml': 'scope:\n  categories: [security]\n', 'policies/access.md': POLICY });
  const context = answeringContext(analyzer);
  const { questionnaire } = answerQuestionnaire(QUESTIONS, buildSectionIndex(context.lookup.sections, analyzer.suggestionIndex()), context.lookup);
  const withStatus = { ...questionnaire, questions: questionnaire.questions.map((q) => (q.id === 'Q3' ? { ...q, answer: '' } : { ...q, answer: { ...(q.answer as Answer), status } })) };
  assert.deepEqual(withStatus.questions.slice(0, 2).map((q) => isDrafted(q.answer) && q.answer.citations.map((c) => c.section)), [['authentication'], ['access-reviews']]);
  analyzer.updateDocument(QUESTIONNAIRE_FILE, serializeQuestionnaire(withStatus));
  return analyzer;
}

const questionnaireFindings = (analyzer: PolicyAnalyzer) => analyzer.findings(QUESTIONNAIRE_FILE);
const codes = (findings: Finding[]) => findings.map((f) => `${f.subject}:${f.code}`);
/** The questionnaire text the analyzer holds: fix spans are offsets into it. */
function questionnaireText(analyzer: PolicyAnalyzer): string {
  const lines = analyzer.questionnaires.lines(QUESTIONNAIRE_FILE);
  assert.ok(lines);
  return lines.text;
}

function applyFix(text: string, fix: Fix): string {
  return [...fix.edits].sort((a, b) => b.span.start - a.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}

function fixNamed(finding: Finding | undefined, prefix: string): Fix {
  const fix = finding?.fixes?.find((f) => f.title.startsWith(prefix));
  assert.ok(fix, `fix "${prefix}" among ${finding?.fixes?.map((f) => f.title).join(', ')}`);
  return fix;
}

const editedPolicy = (how: (text: string) => string) => how(POLICY);

describe('questionnaire rules: keeping answers true', function () {
  this.timeout(60000);

  it('question-unanswered is information on each empty answer', async () => {
    const analyzer = await answeredWorkspace('accepted');
    const findings = questionnaireFindings(analyzer);
    assert.deepEqual(codes(findings), ['Q3:question-unanswered']);
    assert.equal(findings[0].severity, 'info');
    assert.match(findings[0].message, /Question Q3 has no answer yet/);
  });

  it('answer-stale on an accepted answer offers "keep" (record the new hash) and "re-check" (back to draft, then redrafted)', async () => {
    const analyzer = await answeredWorkspace('accepted');
    analyzer.updateDocument(POLICY_FILE, editedPolicy((t) => t.replace('Shared accounts are not allowed.', 'Shared accounts need approval.')));
    const stale = questionnaireFindings(analyzer).find((f) => f.code === 'answer-stale');
    assert.ok(stale, codes(questionnaireFindings(analyzer)).join());
    assert.equal(stale.subject, 'Q1');
    assert.equal(stale.severity, 'warning');
    const text = questionnaireText(analyzer);

    const kept = applyFix(text, fixNamed(stale, 'Keep answer'));
    analyzer.updateDocument(QUESTIONNAIRE_FILE, kept);
    assert.deepEqual(codes(questionnaireFindings(analyzer)), ['Q3:question-unanswered'], 'keep records the new hash');
    assert.equal((parseQuestionnaireYaml(kept, 'customer').questionnaire.questions[0].answer as Answer).status, 'accepted');

    const rechecked = applyFix(text, fixNamed(stale, 'Re-check answer'));
    const parsed = parseQuestionnaireYaml(rechecked, 'customer');
    const q1 = parsed.questionnaire.questions[0].answer as Answer;
    assert.equal(q1.status, 'draft');
    // The next answer run redrafts it against the new text (no --redraft needed), and leaves the accepted Q2 alone.
    const context = answeringContext(analyzer);
    const { questionnaire, summary } = answerQuestionnaire(parsed.questionnaire, buildSectionIndex(context.lookup.sections, analyzer.suggestionIndex()), context.lookup);
    const redrafted = questionnaire.questions[0].answer as Answer;
    assert.equal(redrafted.citations[0].hash, context.lookup.find('policies/access.md', 'authentication')!.hash);
    assert.equal(summary.kept, 1, 'Q2 (accepted, unchanged) kept');
    analyzer.updateDocument(QUESTIONNAIRE_FILE, serializeQuestionnaire(questionnaire));
    assert.deepEqual(codes(questionnaireFindings(analyzer)), []);
  });

  it('answer-stale on a draft offers only "keep": the next answer run redrafts stale drafts anyway', async () => {
    const analyzer = await answeredWorkspace('draft');
    analyzer.updateDocument(POLICY_FILE, editedPolicy((t) => t.replace('every quarter', 'every month')));
    const stale = questionnaireFindings(analyzer).find((f) => f.code === 'answer-stale');
    assert.equal(stale?.subject, 'Q2');
    assert.deepEqual(stale.fixes?.map((f) => f.title), ['Keep answer (update the hash)']);
    const context = answeringContext(analyzer);
    const parsed = parseQuestionnaireYaml(questionnaireText(analyzer), 'customer');
    const { summary } = answerQuestionnaire(parsed.questionnaire, buildSectionIndex(context.lookup.sections, analyzer.suggestionIndex()), context.lookup);
    assert.deepEqual(summary, { drafted: 2, reused: 0, kept: 1 }, 'Q2 (stale draft) and Q3 (empty) drafted, Q1 (current draft) kept');
  });

  it('a renamed heading is answer-citation-broken with a fix that cites the new slug, found by the unchanged text', async () => {
    const analyzer = await answeredWorkspace('accepted');
    analyzer.updateDocument(POLICY_FILE, editedPolicy((t) => t.replace('## Access reviews', '## Reviewing who has access')));
    const broken = questionnaireFindings(analyzer).find((f) => f.code === 'answer-citation-broken');
    assert.equal(broken?.subject, 'Q2');
    assert.equal(broken.severity, 'error');
    assert.match(broken.message, /probably renamed to "reviewing-who-has-access"/);
    const fixed = applyFix(questionnaireText(analyzer), fixNamed(broken, 'Cite the renamed heading'));
    assert.match(fixed, /section: reviewing-who-has-access/);
    analyzer.updateDocument(QUESTIONNAIRE_FILE, fixed);
    assert.deepEqual(codes(questionnaireFindings(analyzer)), ['Q3:question-unanswered']);
  });

  it('a heading renamed and edited is matched by the closest heading; the citation then reads as stale', async () => {
    const analyzer = await answeredWorkspace('accepted');
    analyzer.updateDocument(POLICY_FILE, editedPolicy((t) => t.replace('## Access reviews', '## Quarterly access reviews').replace('every quarter', 'every three months')));
    const broken = questionnaireFindings(analyzer).find((f) => f.code === 'answer-citation-broken');
    const fixed = applyFix(questionnaireText(analyzer), fixNamed(broken, 'Cite the renamed heading'));
    analyzer.updateDocument(QUESTIONNAIRE_FILE, fixed);
    assert.deepEqual(codes(questionnaireFindings(analyzer)), ['Q2:answer-stale', 'Q3:question-unanswered']);
  });

  it('a cited document that is gone is answer-citation-broken without a fix', async () => {
    const analyzer = await answeredWorkspace('accepted');
    analyzer.removeFile(POLICY_FILE);
    const broken = questionnaireFindings(analyzer).filter((f) => f.code === 'answer-citation-broken');
    assert.deepEqual(broken.map((f) => f.subject), ['Q1', 'Q2']);
    assert.match(broken[0].message, /policies\/access\.md does not exist/);
    assert.deepEqual(broken.flatMap((f) => f.fixes ?? []), []);
  });

  it('odd shapes are questionnaire-invalid findings, never a crash', async () => {
    const odd = [
      '',
      '42',
      'questions: [1, null, "text", {id: {a: 1}, question: q}, {id: "", question: q}]',
      'questions:\n  - id: A\n    question: q\n    answer: {value: [1], status: 3, citations: [null, 5, {document: d}]}',
      'questions:\n  - id: A\n    question: q\n    answer: [a, list]',
      'questions:\n  - id: A\n    question: q\n    answer: {value: yes, citations: not-a-list}',
    ];
    const { analyzer } = await openWorkspace({ 'soc2-policy.yaml': 'scope:\n  categories: [security]\n', 'policies/access.md': POLICY });
    for (const text of odd) {
      analyzer.updateDocument(QUESTIONNAIRE_FILE, text);
      const invalid = questionnaireFindings(analyzer).filter((f) => f.code === 'questionnaire-invalid');
      assert.ok(invalid.length > 0, `no finding for ${JSON.stringify(text)}`);
      assert.ok(invalid.every((f) => f.severity === 'error' && f.span.start >= 0 && f.span.end <= Math.max(1, text.length)), JSON.stringify(invalid));
    }
  });

  it('fixes edit the right question when an unreadable entry comes before it', async () => {
    const analyzer = await answeredWorkspace('accepted');
    const withBadEntry = questionnaireText(analyzer).replace('questions:\n', 'questions:\n  - question: an entry without an id\n');
    analyzer.updateDocument(QUESTIONNAIRE_FILE, withBadEntry);
    analyzer.updateDocument(POLICY_FILE, editedPolicy((t) => t.replace('every quarter', 'every month')));
    const findings = questionnaireFindings(analyzer);
    assert.deepEqual(codes(findings).sort(), [':questionnaire-invalid', 'Q2:answer-stale', 'Q3:question-unanswered']);
    const stale = findings.find((f) => f.code === 'answer-stale')!;
    const lineOf = (offset: number) => withBadEntry.slice(0, offset).split('\n').length;
    const q2Line = withBadEntry.split('\n').findIndex((l) => l.includes('id: Q2')) + 1;
    assert.ok(lineOf(stale.span.start) > q2Line, 'the stale citation is under Q2');
    const recheck = fixNamed(stale, 'Re-check answer');
    assert.ok(lineOf(recheck.edits[0].span.start) > q2Line && withBadEntry.slice(recheck.edits[0].span.start, recheck.edits[0].span.end) === 'accepted');
  });
});
