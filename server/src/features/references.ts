import type { CancellationToken, Connection, Location, ReferenceParams } from 'vscode-languageserver';
import { LineIndex } from '../core/text/lineIndex';
import { checkpoint, offsetOf, throwIfCancelled, type FeatureContext } from './common';
import { CatalogLocations, sourceOf } from './definition';
import { idOccurrences, refersTo, targetAt } from './targets';

/** Documents between cancellation checks: enough to keep the check cheap, few enough to stop quickly. */
const BATCH = 100;

/** Every mapping, section tag and mention of a control across the workspace (and soc2-policy.yaml exclusions). */
export async function provideReferences(ctx: FeatureContext, params: ReferenceParams, token?: CancellationToken): Promise<Location[]> {
  const target = await ctx.session.target(params.textDocument.uri);
  throwIfCancelled(token);
  if (!target) return [];
  const offset = offsetOf(target.lines, params.position);
  const at = offset === undefined ? undefined : targetAt(target, offset);
  if (!at || at.kind !== 'id') return [];
  // A point of focus stands for itself; a criterion also for its points of focus.
  const catalogs = target.analyzer.catalogSet;
  if (!catalogs.isKnown(at.id, at.catalogId)) return [];
  const locations: Location[] = [];
  if (params.context?.includeDeclaration) {
    const source = sourceOf(catalogs, at.id, at.catalogId);
    const location = source && (await new CatalogLocations(ctx.session).locate(source));
    if (location) locations.push({ uri: location.uri, range: location.selection });
  }
  for (const { analyzer } of await ctx.session.rootsFor(undefined)) {
    const documents = analyzer.documents();
    for (let i = 0; i < documents.length; i++) {
      if (i % BATCH === 0) await checkpoint(token);
      const doc = documents[i];
      const uri = ctx.session.uris.uriOf(doc.file);
      for (const occurrence of idOccurrences(doc)) {
        if (refersTo(occurrence, at.id, at.catalogId, analyzer.catalogSet)) locations.push({ uri, range: doc.lines.rangeOf(occurrence.span) });
      }
    }
    if (at.catalogId === 'tsc') {
      const exclusions = analyzer.currentConfig.scope.exclusions.flatMap((e) => e.criteria.map((id, i) => ({ id, span: e.spans[i] }))).filter((e) => e.id === at.id && e.span);
      const text = exclusions.length ? await ctx.session.readText(analyzer.configFile) : undefined;
      if (text !== undefined) {
        const lines = new LineIndex(text);
        for (const exclusion of exclusions) locations.push({ uri: ctx.session.uris.uriOf(analyzer.configFile), range: lines.rangeOf(exclusion.span) });
      }
    }
  }
  throwIfCancelled(token);
  return locations;
}

export function registerReferences(connection: Connection, ctx: FeatureContext): void {
  connection.onReferences((params, token) => provideReferences(ctx, params, token));
}
