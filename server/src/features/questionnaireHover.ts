import { MarkupKind, type Hover, type Range } from 'vscode-languageserver';
import { joinPath } from '../core/paths';
import { citableSections } from '../core/questionnaires/sections';
import type { DocumentTarget } from '../session/session';
import { escapeMarkdown, rangeOf } from './common';

/** Lines of the cited section shown in the hover: enough to recognise it, short enough to read at a glance. */
const PREVIEW_LINES = 6;

/** Hover on a citation in a questionnaire (`document` + `section`): the cited section's heading and first lines. */
export function citationHover(target: DocumentTarget, offset: number, markdown: boolean): Hover | undefined {
  const at = target.analyzer.questionnaires.citationAt(target.file, offset);
  if (!at) return undefined;
  const { document, section: slug } = at.citation;
  const where = `${document}#${slug}`;
  const doc = target.analyzer.document(joinPath(target.analyzer.root, document));
  const catalogs = target.analyzer.catalogSet;
  const section = doc ? citableSections(doc, document, (raw) => catalogs.criterionOf(raw)?.id).find((s) => s.slug === slug) : undefined;
  const lines = section ? section.text.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '').slice(0, PREVIEW_LINES) : [];
  const status = !doc ? `${document} does not exist.` : !section ? `${document} has no section "${slug}".` : section.hash === at.citation.hash ? '' : 'The section has changed since this answer cited it.';
  const value = markdown
    ? [`**${escapeMarkdown(section?.heading ?? where)}** — \`${where}\``, status && `*${escapeMarkdown(status)}*`, lines.length ? lines.map((l) => `> ${escapeMarkdown(l)}`).join('\n') : ''].filter(Boolean).join('\n\n')
    : [`${section?.heading ?? where} (${where})`, status, ...lines].filter(Boolean).join('\n');
  return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value }, range: rangeOf(target.lines, at.span) };
}

/** Go to definition on a citation: the cited section's heading in its document (nothing when it is gone). */
export function citationDefinition(target: DocumentTarget, offset: number, uriOf: (file: string) => string): { origin: Range; uri: string; range: Range; selection: Range } | undefined {
  const at = target.analyzer.questionnaires.citationAt(target.file, offset);
  if (!at) return undefined;
  const file = joinPath(target.analyzer.root, at.citation.document);
  const doc = target.analyzer.document(file);
  if (!doc) return undefined;
  const catalogs = target.analyzer.catalogSet;
  const section = citableSections(doc, at.citation.document, (raw) => catalogs.criterionOf(raw)?.id).find((s) => s.slug === at.citation.section);
  if (!section) return undefined;
  const heading = doc.lines.rangeOf(doc.body.sections[section.index].headingSpan);
  return { origin: rangeOf(target.lines, at.span), uri: uriOf(file), range: heading, selection: heading };
}
