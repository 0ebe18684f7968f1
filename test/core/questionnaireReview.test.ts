import { strict as assert } from 'node:assert';
import { applyEdits } from '../../server/src/core/fixes/applyFixes';
import { parseQuestionnaireYaml, serializeQuestionnaire } from '../../server/src/core/questionnaires/file';
import type { Answer, Questionnaire } from '../../server/src/core/questionnaires/model';
import { answerReviewEdits, questionIdAt, questionnaireProgress, questionSpan } from '../../server/src/core/questionnaires/review';
import { changedLines } from '../helpers/changedLines';

const drafted = (value: Answer['value'], status: Answer['status'] = 'draft'): Answer => ({
  value, text: 'Yes. Administrators sign in with a second factor.', criteria: ['CC6.1'],
  citations: [{ document: 'policies/access.md', section: 'authentication', hash: 'fnv1a64:0000000000000001' }], confidence: 0.82, status,
});

const QUESTIONNAIRE: Questionnaire = {
  name: 'customer',
  source: { file: 'customer.xlsx', format: 'xlsx', sheet: 'Security', columns: { id: 1, question: 2 }, headerRow: 1 },
  questions: [
    { id: 'Q1', question: 'Do you enforce MFA for administrators?', row: 2, answer: drafted('yes') },
    { id: 'Q2', question: 'Do you encrypt data at rest?', row: 3, answer: drafted('partial', 'accepted') },
    { id: 'Q3', question: 'Who approves access requests?', row: 4, answer: 'The system owner, in the ticket.' },
    { id: 'Q4', question: 'Do you run a bug bounty?', row: 5, answer: '' },
  ],
};

function edited(text: string, id: string, action: 'accept' | 'reject'): string {
  const result = answerReviewEdits(text, id, action);
  assert.ok('edits' in result, 'error' in result ? result.error : '');
  return applyEdits(text, result.edits).text;
}

describe('questionnaire review: accept and reject as text edits', () => {
  const text = serializeQuestionnaire(QUESTIONNAIRE);

  it('accepts a drafted answer by changing only its status, keeping the header comments', () => {
    const after = edited(text, 'Q1', 'accept');
    const parsed = parseQuestionnaireYaml(after, 'customer');
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.questionnaire.questions[0].answer, drafted('yes', 'accepted'));
    assert.deepEqual(parsed.questionnaire.questions.slice(1), QUESTIONNAIRE.questions.slice(1));
    assert.ok(after.startsWith('# Security questionnaire answered from the policies'));
    assert.deepEqual(changedLines(text, after), { added: ['      status: accepted'], removed: ['      status: draft'] });
  });

  it('gives no edit for an answer that is accepted already', () => {
    assert.deepEqual(answerReviewEdits(text, 'Q2', 'accept'), { edits: [] });
  });

  it('rejects a drafted answer by clearing it, so the question is unanswered again', () => {
    const after = edited(text, 'Q2', 'reject');
    const parsed = parseQuestionnaireYaml(after, 'customer');
    assert.equal(parsed.questionnaire.questions[1].answer, '');
    assert.deepEqual([parsed.questionnaire.questions[0], ...parsed.questionnaire.questions.slice(2)], [QUESTIONNAIRE.questions[0], ...QUESTIONNAIRE.questions.slice(2)]);
    assert.match(after, /- id: Q2\n {4}question: Do you encrypt data at rest\?\n {4}row: 3\n {4}answer: ""\n {2}- id: Q3/);
  });

  it('adds the status line to a hand-written answer without one, at its indentation, keeping comments', () => {
    const handWritten = [
      'name: vendor # from the portal',
      'questions:',
      '  - id: A.1',
      '    question: Is there a security policy?',
      '    answer:',
      '        value: yes   # checked by Sam',
      '        text: "Yes: the information security policy."',
      '  # next section',
      '  - id: A.2',
      '    question: Last one?',
      '    answer: {value: no, text: Not yet}',
    ].join('\n');
    const first = edited(handWritten, 'A.1', 'accept');
    assert.deepEqual(changedLines(handWritten, first), { added: ['        status: accepted'], removed: [] });
    assert.match(first, /checked by Sam\n.*\n {8}status: accepted\n {2}# next section/);
    const flow = edited(handWritten, 'A.2', 'accept');
    assert.match(flow, /answer: \{value: no, text: Not yet, status: accepted\}$/);
    assert.match(edited(handWritten, 'A.2', 'reject'), /answer: ""$/);
  });

  it('keeps CRLF line ends', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const after = edited(crlf, 'Q1', 'reject');
    assert.ok(!/[^\r]\n/.test(after), 'every line still ends in CRLF');
    assert.equal(parseQuestionnaireYaml(after, 'customer').questionnaire.questions[0].answer, '');
  });

  it('refuses what it cannot edit, with the reason', () => {
    const error = (id: string, action: 'accept' | 'reject', source = text) => {
      const result = answerReviewEdits(source, id, action);
      return 'error' in result ? result.error : '';
    };
    assert.match(error('Q3', 'accept'), /written by a person/);
    assert.match(error('Q4', 'reject'), /no drafted answer to reject/);
    assert.match(error('Q9', 'accept'), /no question "Q9"/);
    assert.match(error('Q1', 'accept', 'questions: [\n'), /not valid YAML/);
  });
});

describe('questionnaire review: progress and positions', () => {
  const text = serializeQuestionnaire(QUESTIONNAIRE);
  const parsed = parseQuestionnaireYaml(text, 'customer');

  it('counts answered, accepted, stale and broken questions, stale first in what needs attention', () => {
    const progress = questionnaireProgress(parsed, [
      { code: 'answer-stale', subject: 'Q2' },
      { code: 'answer-stale', subject: 'Q2' },
      { code: 'answer-citation-broken', subject: 'Q1' },
      { code: 'question-unanswered', subject: 'Q4' },
    ]);
    assert.deepEqual({ ...progress, attention: progress.attention.map((a) => `${a.reason}:${a.id}`) }, {
      total: 4, answered: 3, accepted: 1, stale: 1, broken: 1, unanswered: 1,
      attention: ['stale:Q2', 'broken:Q1', 'unanswered:Q4'],
    });
  });

  it('finds where a question is written and which question an offset is in', () => {
    const span = questionSpan(parsed, 'Q3')!;
    assert.equal(text.slice(span.start, span.end), 'Q3');
    assert.equal(questionIdAt(parsed, text.indexOf('Do you encrypt')), 'Q2');
    assert.equal(questionIdAt(parsed, 0), undefined);
  });

  it('finds the YAML entry by id even when an earlier entry is malformed', () => {
    const broken = 'questions:\n  - question: no id here\n  - id: B\n    question: Is B answered?\n    answer: {value: yes, text: ok}\n';
    const after = edited(broken, 'B', 'accept');
    assert.match(after, /- question: no id here\n {2}- id: B\n/);
    assert.match(after, /status: accepted/);
  });
});
