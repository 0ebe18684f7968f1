import {
  SymbolKind,
  type CancellationToken,
  type Connection,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type SymbolInformation,
  type WorkspaceSymbol,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver';
import type { CatalogSet } from '../core/catalog/catalog';
import type { PolicyDocument } from '../core/parse/policyDocument';
import type { Section } from '../core/parse/markdownBody';
import { checkpoint, throwIfCancelled, type FeatureContext } from './common';
import { CatalogLocations } from './definition';

/**
 * What the built-in Markdown outline does not show: the front matter with its mapping lists, and the section tags.
 * Headings are left to the Markdown extension: VS Code shows every provider's symbols, so a copy of them would
 * double the outline, and symbols spanning whole sections would double every breadcrumb. Each symbol here spans
 * only its own lines.
 */
export async function provideDocumentSymbols(ctx: FeatureContext, params: DocumentSymbolParams, token?: CancellationToken): Promise<DocumentSymbol[] | SymbolInformation[]> {
  const target = await ctx.session.target(params.textDocument.uri);
  throwIfCancelled(token);
  if (!target?.doc) return [];
  const symbols = documentSymbols(target.doc, target.analyzer.catalogSet);
  return ctx.client.hierarchicalSymbols ? symbols : flatten(symbols, target.uri);
}

export function documentSymbols(doc: PolicyDocument, catalogs: CatalogSet): DocumentSymbol[] {
  const result: DocumentSymbol[] = [];
  const fm = doc.frontMatter;
  if (fm) {
    const whole = doc.lines.rangeOf({ start: 0, end: fm.closeSpan.end });
    const lists = doc.mappings.map((list) => {
      const range = doc.lines.rangeOf({ start: list.keySpan.start, end: Math.max(list.keySpan.end, ...list.items.map((i) => i.span.end)) });
      const items = list.items.map((item) => {
        const span = doc.lines.rangeOf(item.span);
        const title = catalogs.control(item.raw, list.catalogId)?.title ?? catalogs.pointOfFocus(item.raw, list.catalogId)?.title;
        return { name: item.raw, detail: title ?? '', kind: SymbolKind.Constant, range: span, selectionRange: span };
      });
      return { name: list.path.join('.'), detail: list.catalogId, kind: SymbolKind.Array, range, selectionRange: doc.lines.rangeOf(list.keySpan), children: items };
    });
    result.push({ name: 'Front matter', detail: doc.id, kind: SymbolKind.Namespace, range: whole, selectionRange: doc.lines.rangeOf({ start: 0, end: Math.min(3, doc.text.length) }), children: lists });
  }
  for (const section of doc.body.sections) if (section.tag) result.push(tagSymbol(doc, section, section.tag, catalogs));
  return result;
}

function tagSymbol(doc: PolicyDocument, section: Section, tag: NonNullable<Section['tag']>, catalogs: CatalogSet): DocumentSymbol {
  const ids = tag.ids.map((id) => {
    const range = doc.lines.rangeOf(id.span);
    return { name: id.raw, detail: catalogs.criterionOf(id.raw)?.title ?? '', kind: SymbolKind.Constant, range, selectionRange: range };
  });
  const range = doc.lines.rangeOf(tag.span);
  return { name: `Tag: ${section.heading || '(empty heading)'}`, detail: tag.ids.map((id) => id.raw).join(', '), kind: SymbolKind.Array, range, selectionRange: range, children: ids };
}

function flatten(symbols: DocumentSymbol[], uri: string, container?: string): SymbolInformation[] {
  return symbols.flatMap((s) => [{ name: s.name, kind: s.kind, location: { uri, range: s.selectionRange }, containerName: container }, ...flatten(s.children ?? [], uri, s.name)]);
}

/** Documents (by title and id) and criteria (at their catalog entries) matching the query. */
export async function provideWorkspaceSymbols(ctx: FeatureContext, params: WorkspaceSymbolParams, token?: CancellationToken): Promise<WorkspaceSymbol[]> {
  const matches = matcher(params.query);
  const symbols: WorkspaceSymbol[] = [];
  const catalogLocations = new CatalogLocations(ctx.session);
  const seen = new Set<string>();
  for (const { analyzer } of await ctx.session.rootsFor(undefined)) {
    await checkpoint(token);
    for (const doc of analyzer.documents()) {
      const name = doc.title?.value ?? doc.id;
      if (!matches(name) && !matches(doc.id)) continue;
      symbols.push({ name, kind: SymbolKind.File, containerName: `${doc.type} · ${doc.id}`, location: { uri: ctx.session.uris.uriOf(doc.file), range: doc.lines.rangeOf(doc.h1 ?? { start: 0, end: 0 }) } });
    }
    for (const catalog of analyzer.catalogSet.catalogs) {
      for (const control of catalog.controls) {
        const name = `${control.id} ${control.title}`;
        const key = `${catalog.id}:${control.id}`;
        if (seen.has(key) || !matches(name) || !control.source) continue;
        seen.add(key);
        const location = await catalogLocations.locate(control.source);
        if (location) symbols.push({ name, kind: SymbolKind.Constant, containerName: catalog.title, location: { uri: location.uri, range: location.selection } });
      }
    }
  }
  throwIfCancelled(token);
  return symbols;
}

/** Case-insensitive subsequence match, as editors filter symbol lists. */
function matcher(query: string): (name: string) => boolean {
  const q = query.toLowerCase().replace(/\s+/g, '');
  return (name) => {
    const n = name.toLowerCase();
    let i = 0;
    for (let j = 0; j < n.length && i < q.length; j++) if (n[j] === q[i]) i++;
    return i === q.length;
  };
}

export function registerSymbols(connection: Connection, ctx: FeatureContext): void {
  connection.onDocumentSymbol((params, token) => provideDocumentSymbols(ctx, params, token));
  connection.onWorkspaceSymbol((params, token) => provideWorkspaceSymbols(ctx, params, token));
}
