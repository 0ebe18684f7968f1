import type { CancellationToken, Connection, DefinitionParams, Location, LocationLink, Range } from 'vscode-languageserver';
import type { CatalogSet, SourceLocation } from '../core/catalog/catalog';
import { LineIndex } from '../core/text/lineIndex';
import type { PolicySession } from '../session/session';
import { offsetOf, rangeOf, throwIfCancelled, type FeatureContext } from './common';
import { targetAt } from './targets';
import { citationDefinition } from './questionnaireHover';

/** Where a control or point of focus is defined in its catalog file. */
export function sourceOf(catalogs: CatalogSet, id: string, catalogId: string): SourceLocation | undefined {
  return catalogs.pointOfFocus(id, catalogId)?.source ?? catalogs.control(id, catalogId)?.source;
}

/** Catalog files are read once per request, however many locations point into them. */
export class CatalogLocations {
  private readonly lines = new Map<string, Promise<LineIndex | undefined>>();
  constructor(private readonly session: PolicySession) {}

  /** The whole catalog entry, and its first line (the `- id:` line) for selection. */
  async locate(source: SourceLocation): Promise<{ uri: string; range: Range; selection: Range } | undefined> {
    let lines = this.lines.get(source.file);
    if (!lines) {
      lines = this.session.readText(source.file).then((text) => (text === undefined ? undefined : new LineIndex(text)));
      this.lines.set(source.file, lines);
    }
    const index = await lines;
    if (!index) return undefined;
    const range = index.rangeOf(source.span);
    const selection = { start: range.start, end: index.positionAt(index.lineEnd(range.start.line)) };
    return { uri: this.session.uris.uriOf(source.file), range, selection };
  }
}

/** From a criterion id (front matter, section tag, mention) to its entry in the catalog file; from a citation to the cited section. */
export async function provideDefinition(ctx: FeatureContext, params: DefinitionParams, token?: CancellationToken): Promise<Location[] | LocationLink[] | null> {
  const target = await ctx.session.target(params.textDocument.uri);
  throwIfCancelled(token);
  if (!target) return null;
  const offset = offsetOf(target.lines, params.position);
  const cited = offset === undefined ? undefined : citationDefinition(target, offset, (file) => ctx.session.uris.uriOf(file));
  if (cited) {
    return ctx.client.definitionLinks
      ? [{ originSelectionRange: cited.origin, targetUri: cited.uri, targetRange: cited.range, targetSelectionRange: cited.selection }]
      : [{ uri: cited.uri, range: cited.selection }];
  }
  const at = offset === undefined ? undefined : targetAt(target, offset);
  if (!at || at.kind !== 'id') return null;
  const source = sourceOf(target.analyzer.catalogSet, at.id, at.catalogId);
  const location = source && (await new CatalogLocations(ctx.session).locate(source));
  if (!location) return null;
  if (ctx.client.definitionLinks) {
    return [{ originSelectionRange: rangeOf(target.lines, at.span), targetUri: location.uri, targetRange: location.range, targetSelectionRange: location.selection }];
  }
  return [{ uri: location.uri, range: location.selection }];
}

export function registerDefinition(connection: Connection, ctx: FeatureContext): void {
  connection.onDefinition((params, token) => provideDefinition(ctx, params, token));
}
