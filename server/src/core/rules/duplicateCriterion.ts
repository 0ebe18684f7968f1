import type { DocumentRule } from './rule';
import { removeListItem, removeTagId } from '../fixes/removeItem';

export const duplicateCriterion: DocumentRule = {
  kind: 'document',
  code: 'duplicate-criterion',
  defaultSeverity: 'warning',
  summary: 'The same id appears twice in one mapping list or section tag.',
  check(ctx) {
    const { doc } = ctx;
    for (const list of doc.mappings) {
      const seen = new Set<string>();
      for (const item of list.items) {
        if (seen.has(item.raw)) {
          const edit = removeListItem(doc, list, item.index);
          ctx.report({
            span: item.span,
            subject: item.raw,
            message: `${item.raw} is listed twice in ${list.path.join('.')}. Remove the duplicate.`,
            fixes: edit ? [{ title: `Remove duplicate ${item.raw}`, edits: [edit], preferred: true }] : undefined,
          });
        }
        seen.add(item.raw);
      }
    }
    for (const section of doc.body.sections) {
      const seen = new Set<string>();
      (section.tag?.ids ?? []).forEach((id, index) => {
        if (seen.has(id.raw)) {
          const edit = removeTagId(doc, section, index);
          ctx.report({
            span: id.span,
            subject: id.raw,
            message: `${id.raw} is listed twice in the section tag of "${section.heading}". Remove the duplicate.`,
            fixes: edit ? [{ title: `Remove duplicate ${id.raw}`, edits: [edit], preferred: true }] : undefined,
          });
        }
        seen.add(id.raw);
      });
    }
  },
};
