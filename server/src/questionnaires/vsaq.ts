import type { QuestionEntry, QuestionnaireSource } from '../core/questionnaires/model';
import { QuestionnaireInputError } from './inputError';

// VSAQ item types a person answers; `info`, `tip`, `block` and `spacer` only explain or group.
const ANSWERABLE = new Set(['line', 'box', 'radiogroup', 'checkgroup', 'yesno', 'check', 'radio']);

/**
 * Google's VSAQ questionnaire JSON (google/vsaq, Apache-2.0). The published files start with a `//` licence header
 * and split long strings as `"…" + "…"`; both are removed before JSON.parse. Item texts may hold HTML: tags are dropped.
 */
export function readVsaq(text: string, file: string): { source: QuestionnaireSource; questions: QuestionEntry[] } {
  const cleaned = text
    .split(/\r?\n/)
    .filter((line) => !/^\s*\/\//.test(line))
    .join('\n')
    .replace(/"\s*\+\s*\n?\s*"/g, '');
  let data: unknown;
  try {
    data = JSON.parse(cleaned);
  } catch (error) {
    throw new QuestionnaireInputError(`${file} is neither VSAQ JSON nor valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const questions: QuestionEntry[] = [];
  const stack: unknown[] = [data];
  let order = 0;
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const item = node as Record<string, unknown>;
    if (typeof item.type === 'string' && ANSWERABLE.has(item.type) && typeof item.id === 'string' && typeof item.text === 'string') {
      const question = item.text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
      if (question) questions.push({ id: item.id, question, answer: '', row: ++order });
    }
    for (const key of ['questionnaire', 'items']) if (key in item) stack.push(item[key]);
  }
  if (!questions.length) throw new QuestionnaireInputError(`${file}: no VSAQ questions found (expected items with "type", "id" and "text")`);
  return { source: { file, format: 'vsaq' }, questions };
}
