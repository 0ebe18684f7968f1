import type { DocumentRule } from './rule';

export const outOfScopeCriterion: DocumentRule = {
  kind: 'document',
  readsWorkspace: true,
  code: 'out-of-scope-criterion',
  defaultSeverity: 'warning',
  summary: "A mapped criterion's category is not in scope, or the criterion is excluded in soc2-policy.yaml.",
  check(ctx) {
    const { doc, catalogs } = ctx;
    if (doc.status === 'retired') return; // a retired document covers nothing, in scope or not
    const check = (raw: string, span: { start: number; end: number }) => {
      const criterion = catalogs.criterionOf(raw);
      if (!criterion) return;
      const category = criterion.category ?? 'security';
      if (!ctx.scopeCategories.has(category)) {
        const title = catalogs.tsc.categories.find((c) => c.id === category)?.title ?? category;
        ctx.report({ span, subject: criterion.id, message: `${raw} belongs to ${title}, which is not in scope. Add "${category}" to scope.categories in soc2-policy.yaml, or remove the mapping.` });
        return;
      }
      const reason = ctx.exclusions.get(criterion.id);
      if (reason !== undefined) {
        ctx.report({ span, subject: criterion.id, message: `${raw} is excluded from scope in soc2-policy.yaml (${reason}). Remove the mapping, or remove the exclusion if the document really covers it.` });
      }
    };
    for (const list of doc.mappings) if (list.catalogId === 'tsc') for (const item of list.items) check(item.raw, item.span);
    for (const section of doc.body.sections) for (const id of section.tag?.ids ?? []) check(id.raw, id.span);
  },
};
