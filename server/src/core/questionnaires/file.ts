import { stringify } from 'yaml';
import { parseYaml, nodeAt, spanOf, type YamlSource } from '../yaml/yamlSource';
import type { Span } from '../types';
import { ANSWER_VALUES, type Answer, type Citation, type Questionnaire, type QuestionEntry, type QuestionnaireSource } from './model';

/** A questionnaire file read back, with what could not be used and where each question's citations are written. */
export interface ParsedQuestionnaire {
  questionnaire: Questionnaire;
  errors: { message: string; span: Span }[];
  source: YamlSource;
  /** Position of each of `questionnaire.questions` in the file's `questions` list (unreadable entries are skipped). */
  entryIndex: number[];
}

/** The YAML path of question `at` (an index into `questionnaire.questions`). */
export function questionPath(parsed: ParsedQuestionnaire, at: number): (string | number)[] {
  return ['questions', parsed.entryIndex[at] ?? at];
}

/** Reads `questionnaires/<name>.yaml`. Malformed entries are reported and skipped, never fatal: the rest still checks. */
export function parseQuestionnaireYaml(text: string, fallbackName: string): ParsedQuestionnaire {
  const source = parseYaml(text);
  const errors = [...source.errors];
  const start = { start: 0, end: Math.min(1, text.length) };
  const at = (path: (string | number)[]) => spanOf(source, nodeAt(source, path));
  const data = isRecord(source.data) ? source.data : {};
  if (!source.errors.length && !isRecord(source.data)) errors.push({ message: 'a questionnaire is a mapping with a "questions" list; this file has none', span: at([]) ?? start });
  else if (isRecord(source.data) && !Array.isArray(data.questions)) {
    const written = data.questions !== undefined;
    errors.push({ message: written ? '"questions" must be a list of questions (- id: ..., question: ...)' : 'a questionnaire needs a "questions" list', span: (written ? at(['questions']) : undefined) ?? start });
  }
  const rawQuestions = Array.isArray(data.questions) ? data.questions : [];
  const questions: QuestionEntry[] = [];
  const entryIndex: number[] = [];
  const ids = new Set<string>();
  rawQuestions.forEach((raw, index) => {
    const entry = readQuestion(raw);
    const report = (message: string, path: (string | number)[] = []) => errors.push({ message, span: at(['questions', index, ...path]) ?? at(['questions', index]) ?? start });
    if (!entry) {
      report(`question ${index + 1} needs an "id" and a "question"`);
      return;
    }
    // Two questions with one id: fixes, hovers and the export could not tell which is meant.
    if (ids.has(entry.id)) report(`question id "${entry.id}" is used twice; ids must be unique`, ['id']);
    ids.add(entry.id);
    for (const problem of answerProblems((raw as Record<string, unknown>).answer)) report(`question ${entry.id}: ${problem.message}`, ['answer', ...problem.path]);
    questions.push(entry);
    entryIndex.push(index);
  });
  const name = typeof data.name === 'string' && data.name ? data.name : fallbackName;
  return { questionnaire: { name, source: readSource(data.source), questions }, errors, source, entryIndex };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * What `readAnswer` would silently default: an unknown value, a status other than draft/accepted (a misspelt
 * "Accepted" would otherwise be redrafted over a person's answer), citations that are not document + section.
 */
function answerProblems(raw: unknown): { message: string; path: (string | number)[] }[] {
  if (!isRecord(raw)) return raw === null || raw === undefined || typeof raw !== 'object' ? [] : [{ message: 'an answer is text or a mapping with value, text and citations', path: [] }];
  const problems: { message: string; path: (string | number)[] }[] = [];
  if (!ANSWER_VALUES.some((v) => v === String(raw.value ?? '').toLowerCase())) problems.push({ message: `answer value must be one of ${ANSWER_VALUES.join(', ')}`, path: raw.value === undefined ? [] : ['value'] });
  if (raw.status !== undefined && raw.status !== 'draft' && raw.status !== 'accepted') problems.push({ message: 'answer status must be draft or accepted', path: ['status'] });
  if (raw.citations !== undefined && !Array.isArray(raw.citations)) problems.push({ message: 'citations must be a list of {document, section, hash}', path: ['citations'] });
  if (Array.isArray(raw.citations)) raw.citations.forEach((c, i) => isCitation(c) || problems.push({ message: `citation ${i + 1} needs a "document" and a "section"`, path: ['citations', i] }));
  return problems;
}

function readQuestion(raw: unknown): QuestionEntry | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if ((typeof r.id !== 'string' && typeof r.id !== 'number') || String(r.id).trim() === '' || typeof r.question !== 'string') return undefined;
  const row = typeof r.row === 'number' ? r.row : undefined;
  return { id: String(r.id), question: r.question, answer: readAnswer(r.answer), ...(row !== undefined ? { row } : {}) };
}

function readAnswer(raw: unknown): Answer | string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw !== 'object') return String(raw);
  const r = raw as Record<string, unknown>;
  const value = ANSWER_VALUES.find((v) => v === String(r.value ?? '').toLowerCase()) ?? 'partial';
  const citations = Array.isArray(r.citations) ? r.citations.flatMap((c) => (isCitation(c) ? [{ document: c.document, section: c.section, hash: String(c.hash ?? '') }] : [])) : [];
  return {
    value,
    text: typeof r.text === 'string' ? r.text : '',
    criteria: Array.isArray(r.criteria) ? r.criteria.map(String) : [],
    citations,
    confidence: typeof r.confidence === 'number' ? r.confidence : 0,
    status: r.status === 'accepted' ? 'accepted' : 'draft',
    ...(typeof r.reusedFrom === 'string' ? { reusedFrom: r.reusedFrom } : {}),
  };
}

function isCitation(c: unknown): c is Citation {
  return !!c && typeof c === 'object' && typeof (c as Citation).document === 'string' && typeof (c as Citation).section === 'string';
}

function readSource(raw: unknown): QuestionnaireSource | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.file !== 'string' || (r.format !== 'xlsx' && r.format !== 'csv' && r.format !== 'vsaq')) return undefined;
  return r as unknown as QuestionnaireSource;
}

/** The YAML text of a questionnaire: key order fixed, so diffs in review show only what changed. */
export function serializeQuestionnaire(q: Questionnaire): string {
  const data = {
    name: q.name,
    ...(q.source ? { source: q.source } : {}),
    questions: q.questions.map((e) => ({ id: e.id, question: e.question, ...(e.row !== undefined ? { row: e.row } : {}), answer: e.answer })),
  };
  const header = '# Security questionnaire answered from the policies (soc2-policy questionnaire).\n# Set `status: accepted` on an answer you stand behind: it is then never redrafted, and flagged when a cited section changes.\n';
  return header + stringify(data, { lineWidth: 0 });
}

/** Where question `at`'s citation `c` is written (for diagnostics), or the question itself. */
export function citationSpan(parsed: ParsedQuestionnaire, at: number, c?: number): Span {
  const question = questionPath(parsed, at);
  const node = c === undefined ? undefined : nodeAt(parsed.source, [...question, 'answer', 'citations', c]);
  return spanOf(parsed.source, node) ?? spanOf(parsed.source, nodeAt(parsed.source, [...question, 'id'])) ?? { start: 0, end: 1 };
}
