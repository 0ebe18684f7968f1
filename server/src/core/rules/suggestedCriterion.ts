import type { DocumentRule } from './rule';
import { editorSuggestions } from '../suggest/documentSuggestions';
import { mapCriteriaFix } from '../fixes/addMappings';

/**
 * A criterion the text of a document with no or few mappings probably addresses, reported on the sentence that
 * supports it most. Off by default: it is advice for a first tagging pass, not a problem.
 */
export const suggestedCriterion: DocumentRule = {
  kind: 'document',
  readsWorkspace: true,
  code: 'suggested-criterion',
  defaultSeverity: 'info',
  offByDefault: true,
  summary: 'A document with no or few mappings probably addresses a TSC criterion it does not map (off by default).',
  check(ctx) {
    const index = ctx.suggestionIndex?.();
    if (!index) return;
    for (const suggestion of editorSuggestions(ctx.doc, index, ctx.catalogs)) {
      const strongest = suggestion.because[0];
      if (!strongest) continue;
      const title = ctx.catalogs.control(suggestion.id)?.title ?? '';
      const point = strongest.pointOfFocus ? ` (point of focus ${strongest.pointOfFocus})` : '';
      const fix = mapCriteriaFix(ctx.doc, [suggestion.id], `Map ${suggestion.id} ${title}`.trim());
      ctx.report({
        span: strongest.span,
        subject: suggestion.id,
        message: `This document probably addresses ${suggestion.id} ${title}: this sentence speaks to it${point}. Map ${suggestion.id} if it does.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
};
