import type { RuleMeta } from './rule';
import type { ParsedQuestionnaire } from '../questionnaires/file';
import type { QuestionnaireFinding } from './answerStale';

/**
 * A questionnaire file (`questionnaires/*.yaml`) that cannot be read as one: a YAML syntax error, no `questions`
 * list, a question without an id or text, a repeated id, or an answer whose value, status or citations are not of
 * the expected shape. Before this rule such a file was checked as if it had fewer questions, silently.
 */
export const questionnaireInvalid: RuleMeta = {
  code: 'questionnaire-invalid',
  defaultSeverity: 'error',
  summary: 'A questionnaire file has a YAML error or a shape that cannot be read (no questions list, a question without id, a bad answer value).',
};

/** One finding per problem the reader met, where it is written. */
export function questionnaireInvalidFindings(parsed: ParsedQuestionnaire): QuestionnaireFinding[] {
  return parsed.errors.map((error) => ({
    code: questionnaireInvalid.code,
    severity: questionnaireInvalid.defaultSeverity,
    span: error.span,
    message: `This questionnaire cannot be read as written: ${error.message}.`.replace(/\.\.$/, '.'),
    questionId: '',
  }));
}
