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

/** Sections (nested by level, with their section tags) and the front matter's mapping lists. */
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
  // Sections nest under the nearest preceding heading of a higher level.
  const stack: { depth: number; symbol: DocumentSymbol }[] = [];
  for (const section of doc.body.sections) {
    const symbol = sectionSymbol(doc, section, catalogs);
    while (stack.length && stack[stack.length - 1].depth >= section.depth) stack.pop();
    if (stack.length) stack[stack.length - 1].symbol.children!.push(symbol);
    else result.push(symbol);
    stack.push({ depth: section.depth, symbol });
  }
  return result;
}

function sectionSymbol(doc: PolicyDocument, section: Section, catalogs: CatalogSet): DocumentSymbol {
  const tags = (section.tag?.ids ?? []).map((id) => {
    const range = doc.lines.rangeOf(id.span);
    return { name: id.raw, detail: catalogs.criterionOf(id.raw)?.title ?? '', kind: SymbolKind.Constant, range, selectionRange: range };
  });
  return {
    name: section.heading || '(empty heading)',
    kind: SymbolKind.String,
    range: doc.lines.rangeOf({ start: section.headingSpan.start, end: section.contentSpan.end }),
    selectionRange: doc.lines.rangeOf(section.headingSpan),
    children: tags,
  };
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
