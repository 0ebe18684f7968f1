import { stringify } from 'yaml';
import { parseYaml, nodeAt, spanOf, type YamlSource } from '../yaml/yamlSource';
import type { Span } from '../types';
import { ANSWER_VALUES, type Answer, type Citation, type Questionnaire, type QuestionEntry, type QuestionnaireSource } from './model';

/** A questionnaire file read back, with what could not be used and where each question's citations are written. */
export interface ParsedQuestionnaire {
  questionnaire: Questionnaire;
  errors: { message: string; span: Span }[];
  source: YamlSource;
}

/** Reads `questionnaires/<name>.yaml`. Malformed entries are reported and skipped, never fatal: the rest still checks. */
export function parseQuestionnaireYaml(text: string, fallbackName: string): ParsedQuestionnaire {
  const source = parseYaml(text);
  const errors = [...source.errors];
  const data = (source.data ?? {}) as Record<string, unknown>;
  const rawQuestions = Array.isArray(data.questions) ? data.questions : [];
  if (source.data !== undefined && !Array.isArray(data.questions)) errors.push({ message: 'a questionnaire needs a "questions" list', span: { start: 0, end: Math.min(1, text.length) } });
  const questions: QuestionEntry[] = [];
  rawQuestions.forEach((raw, at) => {
    const entry = readQuestion(raw);
    if (entry) questions.push(entry);
    else errors.push({ message: `question ${at + 1} needs an "id" and a "question"`, span: spanOf(source, nodeAt(source, ['questions', at])) ?? { start: 0, end: 1 } });
  });
  const name = typeof data.name === 'string' && data.name ? data.name : fallbackName;
  return { questionnaire: { name, source: readSource(data.source), questions }, errors, source };
}

function readQuestion(raw: unknown): QuestionEntry | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if ((typeof r.id !== 'string' && typeof r.id !== 'number') || typeof r.question !== 'string') return undefined;
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
  const node = c === undefined ? undefined : nodeAt(parsed.source, ['questions', at, 'answer', 'citations', c]);
  return spanOf(parsed.source, node) ?? spanOf(parsed.source, nodeAt(parsed.source, ['questions', at, 'id'])) ?? { start: 0, end: 1 };
}
