/**
 * Suggested criteria in the editor: the "Map suggested criteria…" code actions and the hover on a sentence that
 * supports a suggestion. The engine and the edit are the core's (editorSuggestions, mapCriteriaFix), the same as
 * behind `soc2-policy suggest` and the `suggested-criterion` diagnostic.
 */
import { MarkupKind, type CodeAction, type CodeActionParams, type Hover, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { mapCriteriaFix } from '../core/fixes/addMappings';
import { parsePolicyDocument, type PolicyDocument } from '../core/parse/policyDocument';
import type { CriterionSuggestion } from '../core/suggest/suggest';
import { MAP_SUGGESTED_KIND } from '../protocol';
import type { DocumentTarget } from '../session/session';
import { contains, escapeMarkdown, offsetOf } from './common';

const SUGGESTED_CODE = 'suggested-criterion';
const REASON_IN_TITLE = 80;

/** The document and its suggestions; untagged Markdown (not a policy document to the analyzer) is parsed here. */
function suggestionsOf(target: DocumentTarget): { doc: PolicyDocument; suggestions: CriterionSuggestion[] } | undefined {
  if (target.isConfig || !/\.(md|markdown)$/i.test(target.file)) return undefined;
  const doc = target.doc ?? parsePolicyDocument(target.file, target.text);
  const suggestions = target.analyzer.editorSuggestions(doc);
  return suggestions.length ? { doc, suggestions } : undefined;
}

/**
 * One action per suggested criterion (id, title and its strongest sentence in the title) and one mapping them all,
 * offered in the front matter and on the sentences that support a suggestion, not everywhere in the text.
 */
export function mapSuggestedActions(target: DocumentTarget, params: CodeActionParams, toWorkspaceEdit: (edits: TextEdit[]) => WorkspaceEdit): CodeAction[] {
  const found = suggestionsOf(target);
  if (!found) return [];
  const { doc, suggestions } = found;
  const start = offsetOf(target.lines, params.range.start);
  const end = offsetOf(target.lines, params.range.end) ?? start;
  if (start === undefined || end === undefined) return [];
  const touches = (span: { start: number; end: number }) => span.start <= end && start <= span.end;
  const inFrontMatter = !!doc.frontMatter && start < doc.frontMatter.bodyStart;
  const here = suggestions.filter((s) => s.because.some((r) => touches(r.span)));
  if (!inFrontMatter && !here.length) return [];
  // A suggested-criterion diagnostic in context brings its own quick fix: do not offer the same edit twice.
  const quickFixed = new Set((params.context.diagnostics ?? []).filter((d) => d.code === SUGGESTED_CODE).map((d) => (d.data as { subject?: string } | undefined)?.subject));
  const ordered = [...here, ...suggestions.filter((s) => !here.includes(s))].filter((s) => !quickFixed.has(s.id));
  const catalogs = target.analyzer.catalogSet;
  const lspEdits = (edits: { span: { start: number; end: number }; newText: string }[]) => edits.map((e) => ({ range: target.lines.rangeOf(e.span), newText: e.newText }));
  const actions: CodeAction[] = [];
  for (const suggestion of ordered) {
    const title = catalogs.control(suggestion.id)?.title ?? '';
    const reason = suggestion.because[0]?.text ?? '';
    const fix = mapCriteriaFix(doc, [suggestion.id], `Map suggested criterion ${suggestion.id} ${title}: "${shorten(reason)}"`);
    if (fix) actions.push({ title: fix.title, kind: MAP_SUGGESTED_KIND, edit: toWorkspaceEdit(lspEdits(fix.edits)) });
  }
  const ids = suggestions.map((s) => s.id);
  const all = ids.length > 1 ? mapCriteriaFix(doc, ids, `Map all ${ids.length} suggested criteria (${ids.join(', ')})`) : undefined;
  if (all) actions.push({ title: all.title, kind: MAP_SUGGESTED_KIND, edit: toWorkspaceEdit(lspEdits(all.edits)) });
  return actions;
}

/** On a sentence that supports a suggestion: the criteria it suggests and why. */
export function suggestionHover(target: DocumentTarget, position: { line: number; character: number }, markdown: boolean): Hover | null {
  const offset = offsetOf(target.lines, position);
  const found = offset === undefined ? undefined : suggestionsOf(target);
  if (!found || offset === undefined) return null;
  const supported = found.suggestions.flatMap((s) => s.because.filter((r) => contains(r.span, offset)).map((reason) => ({ suggestion: s, reason })));
  if (!supported.length) return null;
  const catalogs = target.analyzer.catalogSet;
  const plain = (text: string) => (markdown ? escapeMarkdown(text) : text);
  const bold = (text: string) => (markdown ? `**${escapeMarkdown(text)}**` : text);
  const lines: string[] = [];
  for (const { suggestion, reason } of supported) {
    const control = catalogs.control(suggestion.id);
    const point = reason.pointOfFocus ? catalogs.pointOfFocus(reason.pointOfFocus) : undefined;
    lines.push(`${bold(`Suggested criterion ${suggestion.id}`)} — ${plain(control?.title ?? '')} (confidence ${suggestion.score.toFixed(2)})`, '');
    lines.push(plain(`This sentence is one of the reasons: it uses the words of ${point ? `point of focus ${point.id} "${point.title}"` : `${suggestion.id}`}.`), '');
  }
  lines.push(plain('The document does not map it yet. Use the code action "Map suggested criterion…" to add it to the front matter.'));
  const span = supported[0].reason.span;
  return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: lines.join('\n') }, range: target.lines.rangeOf(span) };
}

function shorten(text: string): string {
  return text.length <= REASON_IN_TITLE ? text : `${text.slice(0, REASON_IN_TITLE - 1).trimEnd()}…`;
}
