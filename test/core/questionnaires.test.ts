import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parsePolicyDocument } from '../../server/src/core/parse/policyDocument';
import { CatalogSet } from '../../server/src/core/catalog/catalog';
import { buildSuggestionIndex } from '../../server/src/core/suggest/index';
import { parseVocabulary } from '../../server/src/core/suggest/vocabulary';
import { sectionTextHash } from '../../server/src/core/questionnaires/hash';
import { headingSlug } from '../../server/src/core/questionnaires/sections';
import { workspaceSections } from '../../server/src/core/questionnaires/workspaceSections';
import { buildSectionIndex } from '../../server/src/core/questionnaires/match';
import { answerQuestionnaire } from '../../server/src/core/questionnaires/answer';
import { buildAnswerLibrary } from '../../server/src/core/questionnaires/library';
import { parseQuestionnaireYaml, serializeQuestionnaire } from '../../server/src/core/questionnaires/file';
import { isDrafted, type Answer, type Questionnaire } from '../../server/src/core/questionnaires/model';
import { checkQuestionnaire } from '../../server/src/core/rules/answerStale';
import { sharedBuiltins } from '../helpers/coreHarness';

const VOCABULARY = readFileSync(path.join(__dirname, '../../controls-catalog/tsc/vocabulary.yaml'), 'utf8');
const ROOT = '/ws';

const ACCESS = `---
title: Access Control Policy
controls: [CC6.1, CC6.2, CC6.3]
---
# Access Control Policy

## Authentication

<!-- controls: CC6.1 -->
Every account must use multi-factor authentication. Shared accounts are not allowed.

## Access reviews

<!-- controls: CC6.3 -->
System owners review user access every quarter and remove access that is no longer needed.

## Backups

Production databases are backed up every day and copies are kept in a second region.
`;

async function workspace(text = ACCESS) {
  const catalogs = new CatalogSet((await sharedBuiltins()).catalogs);
  const criteria = buildSuggestionIndex(catalogs.tsc.controls, parseVocabulary(VOCABULARY));
  const lookup = workspaceSections([parsePolicyDocument(`${ROOT}/policies/access.md`, text)], ROOT, catalogs);
  return { lookup, index: buildSectionIndex(lookup.sections, criteria) };
}

const questionnaire = (questions: [string, string][]): Questionnaire => ({ name: 'q', questions: questions.map(([id, question]) => ({ id, question, answer: '' })) });

describe('questionnaire answers', () => {
  it('slugs headings like GitHub and hashes text ignoring re-wrapping', () => {
    assert.equal(headingSlug('3.1 Classification levels'), '31-classification-levels');
    assert.equal(headingSlug('Roles & Responsibilities'), 'roles--responsibilities');
    assert.equal(sectionTextHash('a  b\nc'), sectionTextHash('a b c'));
    assert.notEqual(sectionTextHash('a b c'), sectionTextHash('a b d'));
    assert.match(sectionTextHash('x'), /^fnv1a64:[0-9a-f]{16}$/);
  });

  it('cites the section that answers the question, with its hash, criteria and a drafted text from its statements', async () => {
    const { lookup, index } = await workspace();
    const { questionnaire: answered, summary } = answerQuestionnaire(questionnaire([['Q1', 'Is MFA (multi-factor authentication) enforced for all accounts?'], ['Q2', 'How often are user access rights reviewed?']]), index, lookup);
    assert.deepEqual(summary, { drafted: 2, reused: 0, kept: 0 });
    const [q1, q2] = answered.questions.map((q) => q.answer as Answer);
    assert.deepEqual(q1.citations.map((c) => c.section), ['authentication']);
    assert.equal(q1.citations[0].hash, lookup.find('policies/access.md', 'authentication')!.hash);
    assert.ok(q1.criteria.includes('CC6.1'), q1.criteria.join());
    assert.match(q1.text, /multi-factor authentication/);
    assert.equal(q1.status, 'draft');
    assert.deepEqual(q2.citations.map((c) => c.section), ['access-reviews']);
  });

  it('answers n/a for an excluded criterion and leaves unrelated questions uncited', async () => {
    const { lookup, index } = await workspace();
    const { questionnaire: answered } = answerQuestionnaire(
      questionnaire([['P', 'Describe physical access controls at your data center facilities.'], ['X', 'Is your cafeteria vegetarian friendly?']]),
      index,
      lookup,
      { exclusions: new Map([['CC6.4', 'Hosted in AWS.']]) },
    );
    const [p, x] = answered.questions.map((q) => q.answer as Answer);
    assert.equal(p.value, 'n/a');
    assert.deepEqual(x.citations, []);
  });

  it('never overwrites an accepted or typed answer, and reuses accepted answers for near-identical questions', async () => {
    const { lookup, index } = await workspace();
    const first = answerQuestionnaire(questionnaire([['Q1', 'Is multi-factor authentication enforced for all accounts?']]), index, lookup).questionnaire;
    const accepted: Questionnaire = { ...first, questions: first.questions.map((q) => ({ ...q, answer: { ...(q.answer as Answer), text: 'Yes, always.', status: 'accepted' } })) };
    const again = answerQuestionnaire(accepted, index, lookup, { redraft: true });
    assert.equal((again.questionnaire.questions[0].answer as Answer).text, 'Yes, always.');
    const typed = answerQuestionnaire({ name: 't', questions: [{ id: 'T', question: 'Anything?', answer: 'We do.' }] }, index, lookup);
    assert.equal(typed.questionnaire.questions[0].answer, 'We do.');
    const next = answerQuestionnaire(questionnaire([['N1', 'Is multi-factor authentication enforced for all user accounts?']]), index, lookup, { library: buildAnswerLibrary([accepted]) });
    const reused = next.questionnaire.questions[0].answer as Answer;
    assert.equal(reused.text, 'Yes, always.');
    assert.equal(reused.reusedFrom, 'q#Q1');
    assert.equal(reused.status, 'draft');
  });

  it('round-trips through YAML and reports stale, broken and unanswered citations', async () => {
    const { lookup, index } = await workspace();
    const answered = answerQuestionnaire(questionnaire([['Q1', 'Is multi-factor authentication enforced?'], ['Q2', 'How often is access reviewed?']]), index, lookup).questionnaire;
    answered.questions.push({ id: 'Q3', question: 'Anything else?', answer: '' });
    const parsed = parseQuestionnaireYaml(serializeQuestionnaire(answered), 'q');
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.questionnaire.questions, answered.questions);
    assert.deepEqual(checkQuestionnaire(parsed, lookup).map((f) => f.code), ['question-unanswered']);

    const edited = await workspace(ACCESS.replace('Shared accounts are not allowed.', 'Shared accounts are allowed.').replace('## Access reviews', '## Reviews of access'));
    const findings = checkQuestionnaire(parsed, edited.lookup);
    assert.deepEqual(findings.map((f) => [f.code, f.questionId]), [['answer-stale', 'Q1'], ['answer-citation-broken', 'Q2'], ['question-unanswered', 'Q3']]);
    assert.equal(findings[1].replacement?.section, 'reviews-of-access');
    assert.ok(findings[0].span.start > 0 && isDrafted(parsed.questionnaire.questions[0].answer));
  });

  it('skips malformed entries with an error instead of failing', () => {
    const parsed = parseQuestionnaireYaml('name: x\nquestions:\n  - id: A\n    question: Fine?\n  - nonsense: 1\n', 'x');
    assert.equal(parsed.questionnaire.questions.length, 1);
    assert.match(parsed.errors[0].message, /question 2 needs an "id"/);
  });
});
