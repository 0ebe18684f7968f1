import type { DocumentRule } from './rule';

export const emptySection: DocumentRule = {
  kind: 'document',
  code: 'empty-section',
  defaultSeverity: 'warning',
  summary: 'A heading has no content before the next heading of the same or a higher level.',
  check(ctx) {
    for (const section of ctx.doc.body.sections) {
      if (section.hasContent) continue;
      ctx.report({
        span: section.headingSpan,
        subject: section.heading,
        message: `Section "${section.heading}" is empty. Write what the organisation does here, or remove the heading.`,
      });
    }
  },
};
