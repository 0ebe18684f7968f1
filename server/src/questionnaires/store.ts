import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseQuestionnaireYaml, serializeQuestionnaire, type ParsedQuestionnaire } from '../core/questionnaires/file';
import type { Questionnaire } from '../core/questionnaires/model';
import { writeFileAtomic } from '../import/writeAtomic';
import { QuestionnaireInputError } from './inputError';

/** The folder questionnaires live in, under the workspace root. */
export const QUESTIONNAIRE_FOLDER = 'questionnaires';

export async function loadQuestionnaireFile(file: string): Promise<ParsedQuestionnaire> {
  const text = await fs.readFile(file, 'utf8').catch(() => {
    throw new QuestionnaireInputError(`cannot read ${file}`);
  });
  return parseQuestionnaireYaml(text, path.basename(file).replace(/\.ya?ml$/i, ''));
}

/** Writes through a temporary file and a rename: an interrupted run never leaves half a questionnaire. */
export async function saveQuestionnaire(file: string, q: Questionnaire, replace: boolean): Promise<'written' | 'exists'> {
  return writeFileAtomic(file, serializeQuestionnaire(q), replace);
}

/** Every other questionnaire of the workspace (for the answer library). Unreadable files are skipped. */
export async function otherQuestionnaires(root: string, except: string): Promise<Questionnaire[]> {
  const folder = path.join(root, QUESTIONNAIRE_FOLDER);
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  const files = names.filter((n) => /\.ya?ml$/i.test(n)).map((n) => path.join(folder, n)).filter((f) => path.resolve(f) !== path.resolve(except));
  const loaded = await Promise.all(files.map((f) => loadQuestionnaireFile(f).then((p) => p.questionnaire, () => undefined)));
  return loaded.filter((q): q is Questionnaire => !!q);
}

/** Writes export bytes next to nothing else: temp file + rename, and never onto the customer's original. */
export async function writeExport(file: string, bytes: Buffer, original?: string): Promise<void> {
  if (original && path.resolve(file) === path.resolve(original)) throw new QuestionnaireInputError(`refusing to overwrite the original questionnaire ${original}; choose another --output`);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(temporary, bytes, { flag: 'wx' });
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
