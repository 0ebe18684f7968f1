import type { DocumentRule } from './rule';
import { frontMatterTscIds, isMapped } from './mappedIds';
import { addTscMapping } from '../fixes/addMapping';

export const unmappedReference: DocumentRule = {
  kind: 'document',
  code: 'unmapped-reference',
  defaultSeverity: 'warning',
  summary: 'The body or a section tag names a criterion that the front matter does not map.',
  check(ctx) {
    const { doc, catalogs } = ctx;
    if (!doc.frontMatter) return;
    const mapped = frontMatterTscIds(doc, catalogs);
    const references = [
      ...doc.body.sections.flatMap((s) => (s.tag?.ids ?? []).map((id) => ({ ...id, where: `the section tag of "${s.heading}"` }))),
      ...doc.body.mentions.map((m) => ({ ...m, where: 'the text' })),
    ];
    for (const ref of references) {
      if (!catalogs.isKnown(ref.raw) || isMapped(ref.raw, mapped, catalogs)) continue;
      const add = addTscMapping(doc, ref.raw);
      const key = add?.key ?? (doc.frontMatter.format === 'comply' ? 'satisfies.TSC' : 'controls');
      ctx.report({
        span: ref.span,
        subject: ref.raw,
        message: `${ref.raw} is named in ${ref.where} but not mapped in the front matter. Add it to ${key} so coverage counts it, or remove the reference.`,
        // Not preferred: mapping a criterion is a coverage claim a person should make, so --fix leaves it.
        fixes: add ? [{ title: `Add ${ref.raw} to ${key}`, edits: [add.edit] }] : undefined,
      });
    }
  },
};
