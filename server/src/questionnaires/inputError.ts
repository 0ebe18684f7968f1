/** A questionnaire file the importer cannot use: one line for the user, exit code 2. */
export class QuestionnaireInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuestionnaireInputError';
  }
}

/** Larger sheets are not questionnaires (and would take the editor's memory): refuse before parsing. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;
