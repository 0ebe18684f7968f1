import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover, type Position } from 'vscode-languageserver';
import { formatDate } from '../core/dates';
import { COMMON_EVIDENCE_KINDS, describeSchedule, obligationIndex, obligationsOf, type Obligation } from '../core/evidence/obligations';
import { EVERY_UNITS } from '../core/evidence/windows';
import { EVIDENCE_RECORD_KIND, RECORD_RESULTS, type EvidenceRecordFacts } from '../core/evidence/recordKind';
import { workspacePlan } from '../core/evidence/workspaceEvidence';
import { obligationSummary } from '../core/evidence/report';
import { relativePath } from '../core/paths';
import type { DocumentTarget } from '../session/session';
import { escapeMarkdown, rangeOf } from './common';

/** The analyzer seen as a workspace context, for the evidence plan. */
function workspaceOf(target: DocumentTarget) {
  const { analyzer } = target;
  return { documents: analyzer.documents(), facts: <F>(kind: string) => analyzer.kindFacts<F>(kind), config: analyzer.currentConfig, today: analyzer.currentDay() };
}

/** Completion of evidence values in front matter: `kind`, `every` in obligations; `obligation` and `result` in records. */
export function evidenceCompletion(target: DocumentTarget, offset: number, before: string, position: Position): CompletionItem[] | undefined {
  const fm = target.doc?.frontMatter;
  if (!fm || offset < fm.span.start || offset > fm.span.end) return undefined;
  const match = /^(\s*(?:-\s+)?)(kind|every|obligation|result):[ \t]*([^#]*)$/.exec(before);
  if (!match) return undefined;
  const [, indent, key, typed] = match;
  // `kind` and `every` belong to obligations (indented list entries); `obligation` and `result` to records (top level).
  if ((key === 'kind' || key === 'every') === (indent.length === 0)) return undefined;
  const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  const item = (label: string, detail?: string, kind: CompletionItemKind = CompletionItemKind.Value): CompletionItem => ({ label, detail, kind, textEdit: { range, newText: label } });
  switch (key) {
    case 'kind':
      return COMMON_EVIDENCE_KINDS.map((k) => item(k, 'evidence kind'));
    case 'every':
      return EVERY_UNITS.map((u) => item(u, 'calendar windows (docs/evidence.md)'));
    case 'result':
      return RECORD_RESULTS.map((r) => item(r));
    default:
      return [...obligationIndex(target.analyzer.documents()).values()].map((o) => item(o.id, `${describeSchedule(o.schedule)} — ${relativePath(target.analyzer.root, o.document)}`, CompletionItemKind.Reference));
  }
}

/** Hover on an obligation id (in its policy, or a record's `obligation:`): schedule, windows and their status. */
export function evidenceHover(target: DocumentTarget, offset: number, markdown: boolean): Hover | undefined {
  const doc = target.doc;
  if (!doc) return undefined;
  const inside = (span: { start: number; end: number }) => offset >= span.start && offset <= span.end;
  let id: string | undefined;
  let span: { start: number; end: number } | undefined;
  const declared = obligationsOf(doc).obligations.find((o) => inside(o.idSpan) && o.document === doc.file);
  if (declared) ({ id, span } = { id: declared.id, span: declared.idSpan });
  const record = target.analyzer.kindFacts<EvidenceRecordFacts>(EVIDENCE_RECORD_KIND).get(doc.file);
  if (!id && record?.obligation && inside(record.obligation.span)) ({ id, span } = { id: record.obligation.value, span: record.obligation.span });
  if (!id || !span) return undefined;
  const workspace = workspaceOf(target);
  const obligation = obligationIndex(workspace.documents).get(id);
  const text = obligation ? describe(obligation, workspace, target, markdown) : `No policy or procedure declares the obligation "${id}".`;
  return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: text }, range: rangeOf(target.lines, span) };
}

const MARK: Record<string, string> = { recorded: '✓', missing: '✗', due: '…', future: '·' };

function describe(obligation: Obligation, workspace: ReturnType<typeof workspaceOf>, target: DocumentTarget, markdown: boolean): string {
  const plain = (s: string) => (markdown ? escapeMarkdown(s) : s);
  const lines = [`${markdown ? '**' : ''}${plain(obligation.id)}${markdown ? '**' : ''}: ${plain(describeSchedule(obligation.schedule))}${obligation.graceDays ? `, grace ${obligation.graceDays} days` : ''}`];
  if (obligation.kind) lines.push(`Kind: ${plain(obligation.kind)}`);
  if (obligation.owner) lines.push(`Owner: ${plain(obligation.owner)}`);
  if (obligation.criteria.length) lines.push(`Criteria: ${obligation.criteria.join(', ')}`);
  lines.push(`Declared in ${plain(relativePath(target.analyzer.root, obligation.document))}`);
  const plan = workspacePlan(workspace)?.obligations.find((p) => p.obligation.id === obligation.id);
  if (!plan) lines.push(obligation.inactive ? 'The document is a draft: the obligation is not checked yet.' : 'No Type II audit period in soc2-policy.yaml: windows are not planned.');
  else {
    lines.push('', obligationSummary(plan));
    if (plan.windows.length) lines.push('', plain(plan.windows.map((w) => `${w.label} ${MARK[w.status]}`).join('  ')));
    const missing = plan.windows.filter((w) => w.status === 'missing');
    if (missing.length) lines.push('', `Missing: ${missing.map((w) => `${w.label} (due ${formatDate(w.dueBy)})`).join(', ')}`);
  }
  return lines.join(markdown ? '\n\n' : '\n').replace(/\n\n\n\n/g, '\n\n');
}
