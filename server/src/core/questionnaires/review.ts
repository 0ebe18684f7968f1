import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { applyEdits } from '../fixes/applyFixes';
import { answerCitationBroken, answerStale } from '../rules/answerStale';
import type { Span, TextEdit } from '../types';
import { keyAt, nodeAt, spanOf } from '../yaml/yamlSource';
import { parseQuestionnaireYaml, type ParsedQuestionnaire } from './file';
import { isDrafted } from './model';

/** What a reviewer does with a drafted answer: stand behind it, or throw it away so the question is open again. */
export type ReviewAction = 'accept' | 'reject';

/** Why a question needs a person: its cited section changed, its citation points nowhere, or it has no answer. */
export type AttentionReason = 'stale' | 'broken' | 'unanswered';

export interface QuestionnaireProgress {
  total: number;
  /** Drafted, accepted or typed answers. */
  answered: number;
  accepted: number;
  /** Questions with at least one stale citation (answer-stale findings). */
  stale: number;
  /** Questions with a citation that points nowhere (answer-citation-broken findings). */
  broken: number;
  unanswered: number;
  /** Questions needing a person, stale and broken first, each group in file order. */
  attention: { id: string; question: string; reason: AttentionReason }[];
}

/** Findings as the analyzer reports them on a questionnaire: `subject` is the question id. */
export interface QuestionFinding {
  code: string;
  subject?: string;
}

/** Progress of one questionnaire: counts from its answers, stale and broken from the rules' findings on it. */
export function questionnaireProgress(parsed: ParsedQuestionnaire, findings: readonly QuestionFinding[]): QuestionnaireProgress {
  const subjectsOf = (code: string) => new Set(findings.filter((f) => f.code === code && f.subject !== undefined).map((f) => f.subject!));
  const stale = subjectsOf(answerStale.code);
  const broken = subjectsOf(answerCitationBroken.code);
  const questions = parsed.questionnaire.questions;
  const unanswered = questions.filter((q) => !isDrafted(q.answer) && q.answer.trim() === '');
  const attention: QuestionnaireProgress['attention'] = [];
  const add = (reason: AttentionReason, picked: (id: string) => boolean) => {
    for (const q of questions) if (picked(q.id)) attention.push({ id: q.id, question: q.question, reason });
  };
  add('stale', (id) => stale.has(id));
  add('broken', (id) => broken.has(id) && !stale.has(id));
  for (const q of unanswered) attention.push({ id: q.id, question: q.question, reason: 'unanswered' });
  return {
    total: questions.length,
    answered: questions.length - unanswered.length,
    accepted: questions.filter((q) => isDrafted(q.answer) && q.answer.status === 'accepted').length,
    stale: questions.filter((q) => stale.has(q.id)).length,
    broken: questions.filter((q) => broken.has(q.id)).length,
    unanswered: unanswered.length,
    attention,
  };
}

/**
 * The index in the YAML's `questions` list of the first entry with this id (the one the checks report). Entries the
 * reader skipped (no id or question) still count here, so the index can differ from `questionnaire.questions`.
 */
export function questionNodeIndex(parsed: ParsedQuestionnaire, id: string): number {
  const list = nodeAt(parsed.source, ['questions']);
  if (!isSeq(list)) return -1;
  return list.items.findIndex((item) => {
    if (!isMap(item)) return false;
    const value = item.get('id', true);
    return isScalar(value) && value.value !== null && String(value.value) === id;
  });
}

/** Where a question's id is written, for "reveal the question". */
export function questionSpan(parsed: ParsedQuestionnaire, id: string): Span | undefined {
  const at = questionNodeIndex(parsed, id);
  return at < 0 ? undefined : (spanOf(parsed.source, nodeAt(parsed.source, ['questions', at, 'id'])) ?? spanOf(parsed.source, nodeAt(parsed.source, ['questions', at])));
}

/** The id of the question whose YAML entry contains an offset, if any. */
export function questionIdAt(parsed: ParsedQuestionnaire, offset: number): string | undefined {
  const list = nodeAt(parsed.source, ['questions']);
  if (!isSeq(list)) return undefined;
  const item = list.items.find((node) => isMap(node) && node.range && node.range[0] <= offset && offset <= node.range[1]);
  const id = isMap(item) ? item.get('id', true) : undefined;
  return isScalar(id) && id.value !== null ? String(id.value) : undefined;
}

/**
 * The smallest edits of the questionnaire's text that accept or reject one drafted answer, so comments, key order
 * and quoting stay as the person left them (and the editor can undo it). Accept writes `status: accepted`; reject
 * replaces the whole answer with `""`, which the next `answer` run drafts again. The edits are checked by parsing
 * the result: an answer the edit would not change as intended is refused with the reason instead.
 */
export function answerReviewEdits(text: string, questionId: string, action: ReviewAction): { edits: TextEdit[] } | { error: string } {
  const parsed = parseQuestionnaireYaml(text, 'questionnaire');
  if (parsed.source.data === undefined) return { error: `the questionnaire is not valid YAML (${parsed.errors[0]?.message ?? 'unreadable'}); fix it first` };
  const entry = parsed.questionnaire.questions.find((q) => q.id === questionId);
  const at = questionNodeIndex(parsed, questionId);
  if (!entry || at < 0) return { error: `the questionnaire has no question "${questionId}"` };
  const answer = entry.answer;
  if (!isDrafted(answer)) return { error: answer.trim() ? `the answer to ${questionId} was written by a person, not drafted: edit it in the file` : `${questionId} has no drafted answer to ${action}` };
  if (action === 'accept' && answer.status === 'accepted') return { edits: [] };
  const node = nodeAt(parsed.source, ['questions', at, 'answer']);
  const key = keyAt(parsed.source, ['questions', at, 'answer']);
  if (!isMap(node) || !node.range || !key?.range) return { error: `the answer to ${questionId} is not a YAML mapping` };
  const edits = action === 'accept' ? acceptEdits(text, node) : rejectEdits(text, key, node);
  return verified(text, edits, questionId, action);
}

function acceptEdits(text: string, map: YAMLMap): TextEdit[] {
  const status = map.items.find((p) => isScalar(p.key) && p.key.value === 'status');
  const value = status?.value as Node | null | undefined;
  if (status && value?.range) return [{ span: { start: value.range[0], end: value.range[1] }, newText: 'accepted' }];
  if (status) {
    // `status:` with no value: write one after the key.
    const keyEnd = (status.key as Node).range![1];
    const colon = text.indexOf(':', keyEnd);
    return [{ span: { start: colon + 1, end: colon + 1 }, newText: ' accepted' }];
  }
  const [start, end] = map.range!;
  if (map.flow) {
    const close = text.lastIndexOf('}', end);
    return [{ span: { start: close, end: close }, newText: map.items.length ? ', status: accepted' : 'status: accepted' }];
  }
  // A block mapping: a new last line at the indentation of its first key.
  const first = map.items[0] as Pair<Node> | undefined;
  const keyStart = first?.key?.range?.[0] ?? start;
  const indent = ' '.repeat(keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1));
  const newline = /\r\n/.test(text) ? '\r\n' : '\n';
  return text[end - 1] === '\n'
    ? [{ span: { start: end, end }, newText: `${indent}status: accepted${newline}` }]
    : [{ span: { start: end, end }, newText: `${newline}${indent}status: accepted` }];
}

function rejectEdits(text: string, key: Node, map: YAMLMap): TextEdit[] {
  const start = key.range![1];
  const end = map.range![1];
  // Keep the line break that ended the block (it belongs to the next line's layout).
  const trailing = /\r?\n$/.exec(text.slice(start, end))?.[0] ?? '';
  return [{ span: { start, end }, newText: `: ""${trailing}` }];
}

function verified(text: string, edits: TextEdit[], questionId: string, action: ReviewAction): { edits: TextEdit[] } | { error: string } {
  const after = applyEdits(text, edits).text;
  const parsed = parseQuestionnaireYaml(after, 'questionnaire');
  const answer = parsed.source.data === undefined ? undefined : parsed.questionnaire.questions.find((q) => q.id === questionId)?.answer;
  const ok = action === 'accept' ? answer !== undefined && isDrafted(answer) && answer.status === 'accepted' : answer === '';
  return ok ? { edits } : { error: `the answer to ${questionId} is written in a form this edit does not handle; ${action} it in the file` };
}
