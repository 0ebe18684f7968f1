import { MarkupKind, type CancellationToken, type Connection, type Hover, type HoverParams } from 'vscode-languageserver';
import type { CatalogControl, CatalogSet } from '../core/catalog/catalog';
import type { CriterionCoverage } from '../core/coverage/coverageModel';
import type { PolicyDocument } from '../core/parse/policyDocument';
import type { DocumentTarget } from '../session/session';
import type { Soc2PolicySettings } from '../protocol';
import { escapeMarkdown, offsetOf, rangeOf, throwIfCancelled, type FeatureContext } from './common';
import { applicabilityLine, applies, declaredScope, notApplicableLabel, POINT_NUMBERING_NOTE } from './applicability';
import { frontMatterKey } from './frontMatterKeys';
import { targetAt, type IdAt, type KeyAt } from './targets';
import { suggestionHover } from './suggestions';
import { evidenceHover } from './evidenceAssist';
import { citationHover } from './questionnaireHover';
import { riskOrVendorHover } from './registerAssist';

/** Builds Markdown or plain text with the same code, as the client prefers. */
class Text {
  private readonly parts: string[] = [];
  constructor(readonly markdown: boolean) {}
  bold(text: string): string {
    return this.markdown ? `**${escapeMarkdown(text)}**` : text;
  }
  italic(text: string): string {
    return this.markdown ? `*${escapeMarkdown(text)}*` : text;
  }
  plain(text: string): string {
    return this.markdown ? escapeMarkdown(text) : text;
  }
  link(text: string, uri: string): string {
    return this.markdown ? `[${escapeMarkdown(text)}](${uri.replace(/[()]/g, (c) => encodeURIComponent(c))})` : text;
  }
  add(line = ''): this {
    this.parts.push(line);
    return this;
  }
  toString(): string {
    return this.parts.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  }
}

/** Hover on a control id (criterion, point of focus, or another catalog's control) or on a front-matter key. */
export async function provideHover(ctx: FeatureContext, params: HoverParams, token?: CancellationToken): Promise<Hover | null> {
  const target = await ctx.session.target(params.textDocument.uri);
  throwIfCancelled(token);
  if (!target) return null;
  const offset = offsetOf(target.lines, params.position);
  if (offset === undefined) return null;
  const evidence = evidenceHover(target, offset, ctx.client.hoverMarkdown);
  if (evidence) return evidence;
  const citation = citationHover(target, offset, ctx.client.hoverMarkdown);
  if (citation) return citation;
  const register = riskOrVendorHover(target, offset, ctx.client.hoverMarkdown);
  if (register) return register;
  const at = targetAt(target, offset);
  if (!at) return suggestionHover(target, params.position, ctx.client.hoverMarkdown);
  const settings = await ctx.session.settings.get(target.root.folderUri);
  const text = new Text(ctx.client.hoverMarkdown);
  const value = at.kind === 'key' ? keyHover(target, at, text) : idHover(ctx, target, at, text, settings.hover);
  if (!value) return null;
  return { contents: { kind: ctx.client.hoverMarkdown ? MarkupKind.Markdown : MarkupKind.PlainText, value }, range: rangeOf(target.lines, at.span) };
}

function idHover(ctx: FeatureContext, target: DocumentTarget, at: IdAt, text: Text, limits: Soc2PolicySettings['hover']): string | undefined {
  const catalogs = target.analyzer.catalogSet;
  if (!catalogs.get(at.catalogId)) return undefined;
  const point = catalogs.pointOfFocus(at.id, at.catalogId);
  const control = point ? catalogs.control(point.parent, at.catalogId) : catalogs.control(at.id, at.catalogId);
  if (!control) return undefined;
  const scope = at.catalogId === 'tsc' ? declaredScope(target) : undefined;
  if (point) {
    text.add(`${text.bold(point.id)} — ${text.plain(point.title)}`).add();
    text.add(`Point of focus of ${text.bold(control.id)} ${text.plain(control.title)}`).add();
    if (point.summary) text.add(text.plain(point.summary)).add();
    const applicability = applicabilityLine(point, catalogs, at.catalogId, scope);
    if (applicability) text.add(text.italic(applicability)).add();
    if (at.catalogId === 'tsc') text.add(text.italic(POINT_NUMBERING_NOTE)).add();
  } else {
    text.add(`${text.bold(control.id)} — ${text.plain(control.title)}`).add();
  }
  text.add(grouping(catalogs, control, text)).add();
  if (!point) {
    text.add(text.plain(control.description)).add();
    pointsOfFocus(catalogs, control, text, limits.maxPointsOfFocus, scope);
  }
  if (at.catalogId === 'tsc') {
    const coverage = target.root.coverage()?.criteria.find((c) => c.id === control.id);
    if (coverage) covering(ctx, coverage, text, limits.maxDocuments);
  } else {
    mappedBy(ctx, target.analyzer.documentsMapping(control.id, at.catalogId), text, limits.maxDocuments);
  }
  mappings(catalogs, control, text);
  return text.toString();
}

/** "Security · CC6 Logical and Physical Access Controls · COSO principle 12". */
function grouping(catalogs: CatalogSet, control: CatalogControl, text: Text): string {
  const catalog = catalogs.get(control.catalogId);
  const parts: string[] = [];
  if (control.catalogId !== 'tsc' && catalog) parts.push(catalog.title);
  const category = catalog?.categories.find((c) => c.id === control.category);
  if (category || control.category) parts.push(category?.title ?? control.category!);
  const series = catalog?.series.find((s) => s.id === control.series);
  if (series || control.series) parts.push(series ? `${series.id} ${series.title}` : control.series!);
  if (control.coso !== undefined) parts.push(`COSO principle ${control.coso}`);
  return text.italic(parts.join(' · '));
}

/** The points of focus, those not applicable in the declared scope last and labelled so. */
function pointsOfFocus(catalogs: CatalogSet, control: CatalogControl, text: Text, max: number, scope: ReadonlySet<string> | undefined): void {
  const count = control.pointsOfFocusCount ?? control.pointsOfFocus.length;
  if (!control.pointsOfFocus.length) return;
  const points = [...control.pointsOfFocus.filter((p) => applies(p, scope)), ...control.pointsOfFocus.filter((p) => !applies(p, scope))];
  text.add(`${text.bold('Points of focus')} (${count})`);
  for (const point of points.slice(0, max)) {
    const line = `${text.plain(point.id)} ${text.plain(point.title)}`;
    text.add(applies(point, scope) ? `- ${line}` : `- ${text.markdown ? `~~${line}~~` : line} ${text.italic(`(${notApplicableLabel(point, catalogs, control.catalogId)})`)}`);
  }
  if (points.length > max) text.add(`- … and ${points.length - max} more`);
  if (control.catalogId === 'tsc') text.add().add(text.italic(POINT_NUMBERING_NOTE));
  text.add();
}

const STATUS_TEXT: Record<string, string> = {
  covered: 'covered',
  'draft-only': 'draft only: no approved document maps it yet',
  uncovered: 'not covered: no document in this workspace maps it',
  excluded: 'excluded',
  'out-of-scope': 'out of scope',
};

/** "and N more": a criterion mapped by hundreds of documents must not make a hover of tens of kilobytes. */
function andMore(hidden: number, text: Text): void {
  if (hidden > 0) text.add(`- ${text.plain(`and ${hidden} more (see the coverage view)`)}`);
}

function covering(ctx: FeatureContext, coverage: CriterionCoverage, text: Text, maxDocuments: number): void {
  const reason = coverage.reason ? ` (${text.plain(coverage.reason)})` : '';
  text.add(`${text.bold('Coverage')}: ${(Object.hasOwn(STATUS_TEXT, coverage.status) ? STATUS_TEXT[coverage.status] : coverage.status)}${reason}`);
  for (const doc of coverage.documents.slice(0, maxDocuments)) {
    const uri = ctx.session.uris.uriOf(doc.file);
    text.add(`- ${text.link(doc.title, uri)} (${text.plain(doc.status)})`);
  }
  andMore(coverage.documents.length - maxDocuments, text);
  text.add();
}

/** Other catalogs have no scope or status model: list the documents that map the control. */
function mappedBy(ctx: FeatureContext, documents: PolicyDocument[], text: Text, maxDocuments: number): void {
  text.add(`${text.bold('Mapped by')}: ${documents.length ? '' : 'no document in this workspace'}`);
  for (const doc of documents.slice(0, maxDocuments)) text.add(`- ${text.link(doc.title?.value ?? doc.id, ctx.session.uris.uriOf(doc.file))} (${text.plain(doc.status)})`);
  andMore(documents.length - maxDocuments, text);
  text.add();
}

/** Controls of other catalogs mapped to or from this one; mappings without an official source are marked. */
function mappings(catalogs: CatalogSet, control: CatalogControl, text: Text): void {
  const byCatalog = new Map<string, { ids: Set<string>; indicative: boolean }>();
  const add = (catalogId: string, id: string, indicative: boolean) => {
    const entry = byCatalog.get(catalogId) ?? { ids: new Set<string>(), indicative: false };
    entry.ids.add(id);
    entry.indicative ||= indicative;
    byCatalog.set(catalogId, entry);
  };
  const own = catalogs.get(control.catalogId)?.indicative ?? false;
  for (const [catalogId, ids] of Object.entries(control.mappings)) for (const id of ids) add(catalogId, id, own);
  for (const from of catalogs.mappedFrom(control.id, control.catalogId)) add(from.catalogId, from.id, catalogs.get(from.catalogId)?.indicative ?? false);
  if (!byCatalog.size) return;
  text.add(text.bold('Mapped controls'));
  for (const [catalogId, entry] of byCatalog) {
    const title = catalogs.get(catalogId)?.title ?? catalogId;
    text.add(`- ${text.plain(title)}: ${inCatalogOrder(catalogs, catalogId, entry.ids).map((id) => text.plain(id)).join(', ')}${entry.indicative ? ` ${text.italic('(indicative)')}` : ''}`);
  }
  mappingReasons(catalogs, control, text);
}

/** Why this control maps to each id (own words), which entries the catalog's curated list added, and which it took out. */
function mappingReasons(catalogs: CatalogSet, control: CatalogControl, text: Text): void {
  const catalog = catalogs.get(control.catalogId);
  for (const [target, notes] of Object.entries(control.mappingNotes ?? {})) {
    const mapped = inCatalogOrder(catalogs, target, control.mappings[target] ?? []);
    const removed = inCatalogOrder(catalogs, target, Object.keys(notes).filter((id) => notes[id].origin === 'removed'));
    if (!mapped.some((id) => notes[id]?.reason) && !removed.length) continue;
    text.add().add(`${text.bold('Why')} (${text.plain(catalogs.get(target)?.title ?? target)})`);
    for (const id of mapped) {
      const note = Object.hasOwn(notes, id) ? notes[id] : undefined;
      text.add(`- ${text.plain(id)}${note?.reason ? ` — ${text.plain(note.reason)}` : ''}${note?.origin === 'added' ? ` ${text.italic('(curated)')}` : ''}`);
    }
    if (removed.length) text.add(`- ${text.italic('Taken out by the curated list:')} ${removed.map((id) => text.plain(id)).join(', ')}`);
    if (catalog?.overridesLabel && (removed.length || mapped.some((id) => Object.hasOwn(notes, id) && notes[id].origin === 'added'))) text.add().add(text.italic(catalog.overridesLabel));
  }
}

/** Ids in the order their catalog lists them (unknown ids last, as given). */
function inCatalogOrder(catalogs: CatalogSet, catalogId: string, ids: Iterable<string>): string[] {
  const order = new Map(catalogs.get(catalogId)?.controls.map((c, i) => [c.id, i]) ?? []);
  return [...ids].sort((a, b) => (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER));
}

function keyHover(target: DocumentTarget, at: KeyAt, text: Text): string | undefined {
  const info = frontMatterKey(at.key);
  if (!info) return undefined;
  text.add(`${text.bold(info.key)}${info.format === 'comply' ? ' (strongdm/comply)' : ''}`).add();
  text.add(text.plain(info.summary)).add();
  const values = info.values;
  if (Array.isArray(values)) text.add(`Allowed values: ${values.map((v) => text.plain(v)).join(', ')}`);
  else if (values === 'templates') text.add(`Templates: ${target.analyzer.templates.templates.map((t) => text.plain(t.id)).join(', ')}`);
  else if (values === 'catalogs') text.add(`Catalogs: ${target.analyzer.catalogSet.catalogs.map((c) => text.plain(c.id)).join(', ')}`);
  return text.toString();
}

export function registerHover(connection: Connection, ctx: FeatureContext): void {
  connection.onHover((params, token) => provideHover(ctx, params, token));
}
