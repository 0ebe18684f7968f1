import type { DocumentRule } from './rule';

/**
 * Markdown the parser would take quadratic time on is limited before parsing (parse/parseLimits.ts). The analyzer
 * also reports, under this code, a check that failed or ran out of the per-document time budget.
 */
export const checkIncomplete: DocumentRule = {
  kind: 'document',
  code: 'check-incomplete',
  defaultSeverity: 'warning',
  summary: 'Part of a document was not checked: pathological Markdown was limited, or a check failed or ran out of time.',
  check(ctx) {
    for (const limit of ctx.doc.body.limits) ctx.report({ span: limit.span, message: limit.message });
  },
};
