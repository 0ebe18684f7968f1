import type { DocumentRule } from './rule';
import type { Fix, Span, TextEdit } from '../types';
import type { CatalogSet } from '../catalog/catalog';
import { removeListItem, removeTagId } from '../fixes/removeItem';
import { idListAt, type MappingList } from '../parse/frontMatter';
import type { PolicyDocument } from '../parse/policyDocument';
import { POLICY_KIND } from '../kinds/documentKind';
import { RISK_KIND } from '../risks/riskKind';
import { VENDOR_KIND } from '../vendors/vendorKind';

/**
 * Fixes for an unknown id: a change to each suggestion not already in the same list or tag (that would make a
 * duplicate), then, in a list or tag, its removal. When the id differs from one already listed only in case,
 * removing it is as safe as normalising it, so the removal is then the preferred fix.
 */
function fixesFor(raw: string, span: Span, catalogId: string, catalogs: CatalogSet, listed: ReadonlySet<string>, removal?: TextEdit): Fix[] {
  const suggestions = catalogs.suggestions(raw, catalogId);
  const sameCase = (id: string) => id.toUpperCase() === raw.toUpperCase();
  const fixes: Fix[] = suggestions.filter((s) => !listed.has(s)).map((suggestion) => {
    const caseOnly = sameCase(suggestion);
    return {
      title: caseOnly ? `Normalise to ${suggestion}` : `Change to ${suggestion} (${catalogs.control(suggestion, catalogId)?.title ?? catalogs.pointOfFocus(suggestion, catalogId)?.title ?? 'known id'})`,
      edits: [{ span, newText: suggestion }],
      // A case change cannot change meaning; a did-you-mean is a guess a person should confirm.
      preferred: caseOnly,
    };
  });
  if (removal) fixes.push({ title: `Remove ${raw}`, edits: [removal], preferred: suggestions.some((s) => sameCase(s) && listed.has(s)) });
  return fixes;
}

/** The catalog's suggestions for an id, without those the same list or tag already holds. */
function suggestionsFor(raw: string, catalogId: string, catalogs: CatalogSet, listed: ReadonlySet<string>): string[] {
  return catalogs.suggestions(raw, catalogId).filter((s) => !listed.has(s));
}

export const unknownCriterion: DocumentRule = {
  kind: 'document',
  code: 'unknown-criterion',
  defaultSeverity: 'error',
  summary: 'A criterion id in front matter (a policy\'s mappings, a risk\'s criteria, a vendor\'s csocs), a section tag or the body is not in the catalog.',
  documentKinds: [POLICY_KIND, RISK_KIND, VENDOR_KIND],
  check(ctx) {
    const { doc, catalogs } = ctx;
    const message = (raw: string, catalogId: string, listed: ReadonlySet<string>) => {
      const suggestions = suggestionsFor(raw, catalogId, catalogs, listed);
      const title = catalogs.get(catalogId)?.title ?? catalogId;
      return `"${raw}" is not in the ${title} catalog.` + (suggestions.length ? ` Did you mean ${suggestions.join(' or ')}?` : ' Check the id against the catalog (hover or complete to browse it).');
    };
    const none = new Set<string>();
    for (const list of [...doc.mappings, ...criteriaLists(doc, ctx.documentKind.id)]) {
      if (!catalogs.get(list.catalogId)) continue; // an unknown catalog is a front-matter problem, reported once on its key
      const listed = new Set(list.items.map((i) => i.raw));
      for (const item of list.items) {
        if (catalogs.isKnown(item.raw, list.catalogId)) continue;
        const removal = removeListItem(doc, list, item.index);
        ctx.report({ span: item.span, message: message(item.raw, list.catalogId, listed), fixes: fixesFor(item.raw, item.span, list.catalogId, catalogs, listed, removal), subject: item.raw });
      }
    }
    for (const section of doc.body.sections) {
      const ids = section.tag?.ids ?? [];
      const listed = new Set(ids.map((id) => id.raw));
      ids.forEach((id, index) => {
        if (catalogs.isKnown(id.raw)) return;
        const removal = removeTagId(doc, section, index);
        ctx.report({ span: id.span, message: message(id.raw, 'tsc', listed), fixes: fixesFor(id.raw, id.span, 'tsc', catalogs, listed, removal), subject: id.raw });
      });
    }
    // A mention in prose is part of a sentence: it is corrected, never removed.
    for (const mention of doc.body.mentions) {
      if (catalogs.isKnown(mention.raw)) continue;
      ctx.report({ span: mention.span, message: message(mention.raw, 'tsc', none), fixes: fixesFor(mention.raw, mention.span, 'tsc', catalogs, none), subject: mention.raw });
    }
  },
};

/** The TSC id lists of risks (`criteria`) and vendors (each CSOC's `criteria`): typos there would silently map nothing. */
function criteriaLists(doc: PolicyDocument, kind: string): MappingList[] {
  const fm = doc.frontMatter;
  if (!fm) return [];
  if (kind === RISK_KIND) return [idListAt(fm, ['criteria'], 'tsc')].filter((l): l is MappingList => l !== undefined);
  if (kind !== VENDOR_KIND) return [];
  const csocs = fm.data.csocs;
  return (Array.isArray(csocs) ? csocs : []).flatMap((_, index) => idListAt(fm, ['csocs', index, 'criteria'], 'tsc') ?? []);
}
