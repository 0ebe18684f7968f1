import type { DocumentRule } from './rule';
import type { Fix, Span } from '../types';
import type { CatalogSet } from '../catalog/catalog';

function fixesFor(raw: string, span: Span, catalogId: string, catalogs: CatalogSet): Fix[] {
  return catalogs.suggestions(raw, catalogId).map((suggestion) => {
    const caseOnly = suggestion.toUpperCase() === raw.toUpperCase();
    return {
      title: caseOnly ? `Normalise to ${suggestion}` : `Change to ${suggestion} (${catalogs.control(suggestion, catalogId)?.title ?? catalogs.pointOfFocus(suggestion, catalogId)?.title ?? 'known id'})`,
      edits: [{ span, newText: suggestion }],
      // A case change cannot change meaning; a did-you-mean is a guess a person should confirm.
      preferred: caseOnly,
    };
  });
}

export const unknownCriterion: DocumentRule = {
  kind: 'document',
  code: 'unknown-criterion',
  defaultSeverity: 'error',
  summary: 'A criterion id in front matter, a section tag or the body is not in the catalog.',
  check(ctx) {
    const { doc, catalogs } = ctx;
    const message = (raw: string, catalogId: string) => {
      const suggestions = catalogs.suggestions(raw, catalogId);
      const title = catalogs.get(catalogId)?.title ?? catalogId;
      return `"${raw}" is not in the ${title} catalog.` + (suggestions.length ? ` Did you mean ${suggestions.join(' or ')}?` : ' Check the id against the catalog (hover or complete to browse it).');
    };
    for (const list of doc.mappings) {
      if (!catalogs.get(list.catalogId)) continue; // an unknown catalog is a front-matter problem, reported once on its key
      for (const item of list.items) {
        if (catalogs.isKnown(item.raw, list.catalogId)) continue;
        ctx.report({ span: item.span, message: message(item.raw, list.catalogId), fixes: fixesFor(item.raw, item.span, list.catalogId, catalogs), subject: item.raw });
      }
    }
    for (const section of doc.body.sections) {
      for (const id of section.tag?.ids ?? []) {
        if (catalogs.isKnown(id.raw)) continue;
        ctx.report({ span: id.span, message: message(id.raw, 'tsc'), fixes: fixesFor(id.raw, id.span, 'tsc', catalogs), subject: id.raw });
      }
    }
    for (const mention of doc.body.mentions) {
      if (catalogs.isKnown(mention.raw)) continue;
      ctx.report({ span: mention.span, message: message(mention.raw, 'tsc'), fixes: fixesFor(mention.raw, mention.span, 'tsc', catalogs), subject: mention.raw });
    }
  },
};
