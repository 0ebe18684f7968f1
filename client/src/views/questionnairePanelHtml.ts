/**
 * HTML of the Review Answers panel. Pure (no vscode import) so escaping and structure are unit-tested. Every piece
 * of text comes from a customer's spreadsheet or the workspace, so all of it goes through `esc`; the page has no
 * inline script or style (strict CSP) and media/questionnairePanel.js turns `data-action` clicks into messages.
 */
import type { QuestionnaireReviewResult, ReviewCitationInfo, ReviewQuestionInfo } from '../../../server/src/protocol';
import { esc, fillIn, renderWebviewPage, type PageResources, type Translate } from './gapPanelHtml';

export interface ReviewViewModel {
  review?: QuestionnaireReviewResult;
  /** Set while the first answer from the server is awaited. */
  loading?: boolean;
  /** Why the questionnaire could not be shown (not a questionnaire, server stopped). */
  error?: string;
}

/** Attributes from a record; values escaped, undefined left out. */
function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${esc(v)}"`).join('');
}

function button(label: string, values: Record<string, string | number | undefined>): string {
  return `<button${attrs({ type: 'button', ...values })}>${esc(label)}</button>`;
}

function valueLabel(value: string, t: Translate): string {
  switch (value) {
    case 'yes': return t('Yes');
    case 'partial': return t('Partially');
    case 'no': return t('No');
    case 'n/a': return t('Not applicable');
    default: return value;
  }
}

/** A question's state, as the class of its border: what a reviewer must look at first. */
function stateClass(q: ReviewQuestionInfo): string {
  if (q.stale) return 'stale';
  if (q.broken) return 'broken';
  if (q.answer) return q.answer.status === 'accepted' ? 'accepted' : 'draft';
  return q.typed ? 'typed' : 'unanswered';
}

/** Badges: who stands behind the answer, then what changed under it. */
function badges(q: ReviewQuestionInfo, t: Translate): { cls: string; label: string }[] {
  const status = q.answer
    ? (q.answer.status === 'accepted' ? { cls: 'accepted', label: t('Accepted') } : { cls: 'draft', label: t('Draft') })
    : q.typed ? { cls: 'typed', label: t('Answered by hand') } : { cls: 'unanswered', label: t('Unanswered') };
  return [
    status,
    ...(q.stale ? [{ cls: 'stale', label: t('Stale: a cited section changed') }] : []),
    ...(q.broken ? [{ cls: 'broken', label: t('Citation broken') }] : []),
  ];
}

/**
 * Markdown source as reading text: lines a paragraph was wrapped into are joined, while blank lines, list items,
 * table rows and headings keep their own line (the panel shows it with white-space: pre-wrap).
 */
export function reflow(text: string): string {
  const out: string[] = [];
  const ownLine = /^\s*([-*+]\s|\d+[.)]\s|\||#|>)/;
  let inFence = false;
  for (const line of text.split(/\r?\n/)) {
    const fence = /^\s*(```|~~~)/.test(line);
    const previous = out.length ? out[out.length - 1] : '';
    const joins = !inFence && !fence && previous.trim() !== '' && line.trim() !== '' && !ownLine.test(line) && !/^\s*(\||#|```|~~~)/.test(previous);
    if (joins) out[out.length - 1] = `${previous.trimEnd()} ${line.trim()}`;
    else out.push(line);
    if (fence) inFence = !inFence;
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

function citation(c: ReviewCitationInfo, questionId: string, index: number, t: Translate): string {
  const where = `${c.document}#${c.section}`;
  const link = c.uri
    ? button(where, { class: 'link', 'data-action': 'open', 'data-uri': c.uri, 'data-line': c.range?.start.line ?? 0, 'data-key': `cite:${questionId}:${index}`, title: t('Open {0}', where) })
    : `<span class="where">${esc(where)}</span>`;
  const state = c.state === 'current' ? '' : `<span class="badge ${c.state}">${esc(c.state === 'changed' ? t('changed since cited') : t('gone'))}</span>`;
  const heading = c.heading ? `<div class="heading">${esc(c.heading)}</div>` : '';
  const text = c.text !== undefined ? `<div class="section-text">${esc(reflow(c.text)) || `<span class="muted">${esc(t('(no text under this heading)'))}</span>`}</div>` : '';
  return `<div class="citation">${link} ${state}${heading}${text}</div>`;
}

function answerColumn(q: ReviewQuestionInfo, t: Translate): string {
  if (q.answer) {
    const a = q.answer;
    const meta = [t('confidence {0}%', Math.round(a.confidence * 100)), a.criteria.length ? a.criteria.join(', ') : '', a.reusedFrom ? t('reused from {0}', a.reusedFrom) : '']
      .filter(Boolean).map(esc).join(' · ');
    return `<div class="value v-${esc(a.value.replace('/', ''))}">${esc(valueLabel(a.value, t))}</div>`
      + `<p class="answer-text">${esc(a.text)}</p><p class="muted meta">${meta}</p>`;
  }
  if (q.typed) return `<p class="answer-text">${esc(q.typed)}</p>`;
  return `<p class="muted">${esc(t('No answer yet. "Answer from Policies" drafts one.'))}</p>`;
}

function question(q: ReviewQuestionInfo, t: Translate): string {
  const shown = badges(q, t);
  const actions = [
    q.answer && q.answer.status !== 'accepted' ? button(t('Accept'), { class: 'primary', 'data-action': 'accept', 'data-id': q.id, 'data-key': `accept:${q.id}`, title: t('Set status: accepted on this answer') }) : '',
    q.answer ? button(t('Reject'), { class: 'secondary', 'data-action': 'reject', 'data-id': q.id, 'data-key': `reject:${q.id}`, title: t('Clear the drafted answer: the question is unanswered again') }) : '',
    button(t('Edit'), { class: 'secondary', 'data-action': 'edit', 'data-id': q.id, 'data-key': `edit:${q.id}`, title: t('Open the questionnaire at this question') }),
  ].join('');
  const cited = q.citations.length
    ? q.citations.map((c, i) => citation(c, q.id, i, t)).join('')
    : `<p class="muted">${esc(q.answer ? t('The answer cites no policy section.') : t('Nothing cited yet.'))}</p>`;
  return `<section${attrs({ class: `question s-${stateClass(q)}`, 'data-id': q.id, 'aria-label': `${q.id}: ${shown.map((b) => b.label).join(', ')}` })}>`
    + `<h3><span class="qid">${esc(q.id)}</span> ${shown.map((b) => `<span class="badge ${b.cls}">${esc(b.label)}</span>`).join(' ')}</h3>`
    + `<p class="question-text">${esc(q.question)}</p>`
    + `<div class="columns"><div class="answer"><h4>${esc(t('Answer'))}</h4>${answerColumn(q, t)}</div>`
    + `<div class="cited"><h4>${esc(t('Cited policy text'))}</h4>${cited}</div></div>`
    + `<div class="actions">${actions}</div></section>`;
}

/** The panel's content (inside <main>); re-sent whenever the questionnaire or a cited section changes. */
export function renderReviewBody(model: ReviewViewModel, t: Translate = fillIn): string {
  if (model.error) return `<p class="error" role="alert">${esc(model.error)}</p>`;
  if (model.loading || !model.review) return `<p class="muted" role="status">${esc(t('Loading the questionnaire…'))}</p>`;
  const { review } = model;
  const i = review.info;
  const summary = [t('{0}/{1} answered', i.answered, i.total), t('{0} accepted', i.accepted), t('{0} stale', i.stale), ...(i.broken ? [t('{0} broken', i.broken)] : [])].join(' · ');
  const toolbar = `<div class="toolbar" role="toolbar"${attrs({ 'aria-label': t('Questionnaire') })}>`
    + (i.unanswered ? button(t('Answer from Policies'), { class: 'secondary', 'data-action': 'answer', 'data-key': 'answer', title: t('Draft answers for the {0} unanswered questions', i.unanswered) }) : '')
    + button(t('Open YAML'), { class: 'secondary', 'data-action': 'edit', 'data-key': 'open-yaml', title: t('Open the questionnaire file') })
    + '</div>';
  const problem = i.problem ? `<p class="error" role="alert">${esc(t('The questionnaire has a problem: {0}', i.problem))}</p>` : '';
  const questions = review.questions.length ? review.questions.map((q) => question(q, t)).join('') : `<p class="muted">${esc(t('The questionnaire has no questions.'))}</p>`;
  return `<h2>${esc(review.name)}</h2><p class="progress">${esc(summary)}</p>${problem}${toolbar}${questions}`;
}

export interface ReviewPageResources extends PageResources {
  /** The gap panel's stylesheet: buttons, headings and colours shared by both panels. */
  baseStyleUri: string;
}

/** The whole document: strict CSP (no inline code, nothing remote), our stylesheets and script only. */
export function renderReviewPage(res: ReviewPageResources, body: string, t: Translate = fillIn): string {
  return renderWebviewPage(res, [res.baseStyleUri, res.styleUri], t('Review Answers'), body);
}
