import type { DocumentRule } from './rule';
import { matchRequirements, requiredSectionsFor } from './requiredSections';
import type { PolicyDocument } from '../parse/policyDocument';
import type { RequiredSection } from '../config/config';
import type { Section } from '../parse/markdownBody';
import type { TextEdit } from '../types';

/**
 * Inserts the heading where the required order says it belongs: after the section of the nearest
 * earlier requirement that is present, else before the nearest later one, else at the end.
 */
function insertSection(doc: PolicyDocument, required: RequiredSection[], matched: (Section | undefined)[], missingIndex: number): TextEdit | undefined {
  const eol = doc.lines.eol;
  // Never a level-1 heading where there is none: it would become the title the title fix copies.
  const level = matched.find((s): s is Section => s !== undefined)?.depth ?? 2;
  const placeholder = required[missingIndex].guidance ? `TODO: ${required[missingIndex].guidance}` : `TODO: write the ${required[missingIndex].heading.toLowerCase()} section.`;
  const block = `${'#'.repeat(level)} ${required[missingIndex].heading}${eol}${eol}${placeholder}${eol}`;
  for (let i = missingIndex - 1; i >= 0; i--) {
    const before = matched[i];
    if (before) return insertAt(doc, before.contentSpan.end, block, eol);
  }
  for (let i = missingIndex + 1; i < required.length; i++) {
    const after = matched[i];
    if (after) return { span: { start: after.headingSpan.start, end: after.headingSpan.start }, newText: block + eol };
  }
  return insertAt(doc, doc.text.length, block, eol);
}

/** Inserting at the end of a section: keep one blank line before the new heading. */
function insertAt(doc: PolicyDocument, offset: number, block: string, eol: string): TextEdit | undefined {
  // At the end of a document that ends inside an unclosed comment or raw HTML block, the heading would be swallowed.
  if (offset >= doc.text.trimEnd().length && doc.body.endsInRawHtml) return undefined;
  // Line breaks right before the offset, counted backwards (a regex over the text before it is quadratic on long runs).
  let breaks = 0;
  for (let i = offset - 1; i >= 0 && (doc.text[i] === '\n' || (doc.text[i] === '\r' && doc.text[i + 1] === '\n')); i--) if (doc.text[i] === '\n') breaks++;
  const lead = offset === 0 ? '' : breaks >= 2 ? '' : breaks === 1 ? eol : eol + eol;
  const tail = offset < doc.text.length ? eol : '';
  return { span: { start: offset, end: offset }, newText: lead + block + tail };
}

export const missingSection: DocumentRule = {
  kind: 'document',
  code: 'missing-section',
  defaultSeverity: 'warning',
  summary: "A section the document's type (or template) requires is missing.",
  check(ctx) {
    const { doc } = ctx;
    // With broken YAML the type is unknown; guessing it would insert the wrong sections.
    if (doc.frontMatter?.source.errors.length || doc.frontMatter?.unclosed) return;
    const required = requiredSectionsFor(doc, ctx);
    const at = doc.h1 ?? { start: doc.frontMatter?.bodyStart ?? 0, end: doc.frontMatter?.bodyStart ?? 0 };
    const matched = matchRequirements(doc.body.sections, required);
    required.forEach((requirement, index) => {
      if (matched[index]) return;
      const edit = insertSection(doc, required, matched, index);
      const aliases = requirement.aliases.length ? ` (or ${requirement.aliases.map((a) => `"${a}"`).join(', ')})` : '';
      ctx.report({
        span: at,
        subject: requirement.heading,
        message: `Missing section "${requirement.heading}"${aliases}, required for ${doc.template ? `documents of template "${doc.template.value}"` : `documents of type ${doc.type}`}. Add the heading and its content.`,
        fixes: edit ? [{ title: `Add section "${requirement.heading}"`, edits: [edit], preferred: true }] : undefined,
      });
    });
  },
};
