import type { DocumentRule } from './rule';

export const unaddressedCriterion: DocumentRule = {
  kind: 'document',
  code: 'unaddressed-criterion',
  defaultSeverity: 'hint',
  summary: 'A criterion is mapped in the front matter, but no section tag or mention in the body addresses it.',
  check(ctx) {
    const { doc, catalogs } = ctx;
    const addressed = new Set<string>();
    const note = (raw: string) => {
      addressed.add(raw);
      const criterion = catalogs.criterionOf(raw);
      if (criterion) addressed.add(criterion.id);
    };
    doc.body.sections.forEach((s) => s.tag?.ids.forEach((id) => note(id.raw)));
    doc.body.mentions.forEach((m) => note(m.raw));
    for (const list of doc.mappings) {
      if (list.catalogId !== 'tsc') continue;
      for (const item of list.items) {
        if (!catalogs.isKnown(item.raw) || addressed.has(item.raw)) continue;
        ctx.report({
          span: item.span,
          subject: item.raw,
          message: `${item.raw} is mapped but nothing in the body addresses it. Tag the section that does with <!-- controls: ${item.raw} --> under its heading, or mention ${item.raw} where the text covers it.`,
        });
      }
    }
  },
};
