import {
  CompletionItemKind,
  CompletionItemTag,
  MarkupKind,
  type CancellationToken,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
  type Connection,
  type CompletionItemDefaults,
  type MarkupContent,
  type Range,
} from 'vscode-languageserver';
import type { CatalogControl } from '../core/catalog/catalog';
import { normalizeCatalogKey } from '../core/parse/frontMatter';
import type { LineIndex } from '../core/text/lineIndex';
import type { DocumentTarget } from '../session/session';
import { offsetOf, throwIfCancelled, type FeatureContext } from './common';
import { FRONT_MATTER_KEYS } from './frontMatterKeys';
import { applicabilityLine, applies, declaredScope, notApplicableLabel } from './applicability';
import { evidenceCompletion } from './evidenceAssist';
import { mitigationCompletion } from './registerAssist';

export const COMPLETION_TRIGGERS = ['[', ',', ' ', '#', ':', '-'];

/** Where the cursor is, read from the text itself: while typing, the YAML is often incomplete. */
type Place =
  | { kind: 'ids'; catalogId: string; existing: Set<string>; preferred: Set<string> }
  | { kind: 'key'; present: Set<string>; format: 'native' | 'comply' }
  | { kind: 'value'; key: string }
  | { kind: 'heading'; hashes: string; spaced: boolean };

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

/** Criterion ids in mapping lists and section tags, front-matter keys and values, missing section headings. */
export async function provideCompletion(ctx: FeatureContext, params: CompletionParams, token?: CancellationToken): Promise<CompletionList> {
  const target = await ctx.session.target(params.textDocument.uri);
  throwIfCancelled(token);
  if (!target || target.isConfig) return EMPTY;
  const offset = offsetOf(target.lines, params.position);
  if (offset === undefined) return EMPTY;
  const line = params.position.line;
  const lineStart = target.lines.lineStart(line);
  const before = target.text.slice(lineStart, offset);
  const evidence = evidenceCompletion(target, offset, before, params.position);
  if (evidence) return { isIncomplete: false, items: evidence };
  const mitigations = mitigationCompletion(target, offset, before, params.position);
  if (mitigations) return { isIncomplete: false, items: mitigations };
  const place = placeAt(target, line, before);
  if (!place) return EMPTY;
  const word = wordRange(target, offset, place.kind === 'ids' ? /[A-Za-z0-9.]/ : /[\w-]/);
  const settings = await ctx.session.settings.get(target.root.folderUri);
  if (place.kind === 'ids') return idList(ctx, target, place, word.range, word.text, settings.completion.pointsOfFocus, params.textDocument.uri);
  let items: CompletionItem[] = [];
  if (place.kind === 'key') items = keyItems(place, word.range);
  else if (place.kind === 'value') items = valueItems(target, place.key, word.range);
  else items = headingItems(target, place, line, before.length);
  return { isIncomplete: false, items };
}

function placeAt(target: DocumentTarget, line: number, before: string): Place | undefined {
  const fm = frontMatterLines(target);
  if (fm && line >= fm.first && line <= fm.last) {
    const list = mappingListAt(target.text, target.lines, line, before, fm.first);
    if (list) return { kind: 'ids', ...list, preferred: new Set() };
    const value = /^(type|status|template):\s*[\w-]*$/.exec(before);
    if (value) return { kind: 'value', key: value[1] };
    if (/^[A-Za-z_]*$/.test(before)) return { kind: 'key', present: topLevelKeys(target, fm.first, fm.last), format: fm.format };
    return undefined;
  }
  const tag = /<!--\s*controls\s*:([^>]*)$/i.exec(before);
  if (tag) {
    const rest = target.text.slice(target.lines.lineStart(line), target.lines.lineEnd(line));
    const inner = /<!--\s*controls\s*:([\s\S]*?)(?:-->|$)/i.exec(rest)?.[1] ?? tag[1];
    const mapped = new Set(target.doc?.mappings.filter((l) => l.catalogId === 'tsc').flatMap((l) => l.items.map((i) => i.raw)) ?? []);
    return { kind: 'ids', catalogId: 'tsc', existing: idsIn(inner), preferred: mapped };
  }
  const heading = /^(#{1,6})(\s*)[^#]*$/.exec(before);
  if (heading && target.doc) return { kind: 'heading', hashes: heading[1], spaced: heading[2].length > 0 };
  // A criterion being typed in prose: offer ids once it clearly looks like one.
  if (/(?:^|[\s(])(?:CC|PI|[ACP][0-9])[0-9.]*$/.test(before)) return { kind: 'ids', catalogId: 'tsc', existing: new Set(), preferred: new Set() };
  return undefined;
}

/** The front matter's content lines (between the delimiters), native or comply. */
function frontMatterLines(target: DocumentTarget): { first: number; last: number; format: 'native' | 'comply' } | undefined {
  const fm = target.doc?.frontMatter;
  if (fm) {
    const first = target.lines.positionAt(fm.span.start).line;
    const close = target.lines.positionAt(fm.closeSpan.start).line;
    return { first, last: Math.max(first, fm.unclosed ? close : close - 1), format: fm.format };
  }
  // A Markdown file that is not a policy yet (no mapping key): still complete keys in a native front matter.
  if (!/^---[ \t]*\r?\n/.test(target.text)) return undefined;
  let last = 1;
  while (last < target.lines.lineCount && !/^---[ \t]*$/.test(lineText(target.text, target.lines, last))) last++;
  return { first: 1, last: Math.max(1, last - 1), format: 'native' };
}

/**
 * The mapping list the cursor is in: a flow list (`controls: [CC6.1, |`), a flow list inside a flow mapping
 * (`frameworks: {mini: [AC-1, |`) or a block item (`  - |`).
 */
function mappingListAt(text: string, lines: LineIndex, line: number, before: string, firstLine: number): { catalogId: string; existing: Set<string> } | undefined {
  const inMapping = flowMappingListAt(before, lineText(text, lines, line));
  if (inMapping) return inMapping;
  const flow = /^(\s*)([\w-]+)\s*:\s*\[([^\]]*)$/.exec(before);
  if (flow) {
    const catalogId = catalogOf(lines, text, line, flow[1].length, flow[2], firstLine);
    const whole = lineText(text, lines, line);
    const inner = /\[([^\]]*)/.exec(whole)?.[1] ?? flow[3];
    return catalogId ? { catalogId, existing: idsIn(inner) } : undefined;
  }
  const item = /^(\s*)-\s*[\w.]*$/.exec(before);
  if (!item) return undefined;
  const indent = item[1].length;
  const siblings = new Set<string>();
  let keyLine = -1;
  for (let l = line - 1; l >= firstLine; l--) {
    const content = lineText(text, lines, l);
    if (!content.trim()) continue;
    const dash = /^(\s*)-\s*(\S*)/.exec(content);
    if (dash && dash[1].length === indent) {
      siblings.add(dash[2].replace(/^["']|["']$/g, ''));
      continue;
    }
    if (leadingSpaces(content) <= indent && /^\s*[\w-]+\s*:\s*$/.test(content)) keyLine = l;
    break;
  }
  if (keyLine < 0) return undefined;
  for (let l = line + 1; l < lines.lineCount; l++) {
    const dash = /^(\s*)-\s*(\S*)/.exec(lineText(text, lines, l));
    if (!dash || dash[1].length !== indent) break;
    siblings.add(dash[2].replace(/^["']|["']$/g, ''));
  }
  const keyContent = lineText(text, lines, keyLine);
  const key = /^\s*([\w-]+)/.exec(keyContent)![1];
  const catalogId = catalogOf(lines, text, keyLine, leadingSpaces(keyContent), key, firstLine);
  return catalogId ? { catalogId, existing: siblings } : undefined;
}

/** `frameworks: {mini: [AC-1, |], iso27001: [...]}` (or `satisfies: {TSC: [...]}`) on one line: the catalog is the inner key. */
function flowMappingListAt(before: string, whole: string): { catalogId: string; existing: Set<string> } | undefined {
  const mapping = /^([\w-]+)\s*:\s*\{([^{}]*)$/.exec(before);
  if (!mapping || (mapping[1] !== 'frameworks' && mapping[1] !== 'satisfies')) return undefined;
  const list = /([\w-]+)\s*:\s*\[([^\][]*)$/.exec(mapping[2]);
  if (!list) return undefined;
  // The whole list, including what follows the cursor, so ids already listed after it are left out too.
  const listStart = before.length - list[2].length;
  const inner = /^[^\]]*/.exec(whole.slice(listStart))![0];
  return { catalogId: normalizeCatalogKey(list[1]), existing: idsIn(inner) };
}

/** `controls` is TSC; `frameworks.<id>` and `satisfies.<id>` name a catalog. */
function catalogOf(lines: LineIndex, text: string, line: number, indent: number, key: string, firstLine: number): string | undefined {
  if (indent === 0) return key === 'controls' ? 'tsc' : undefined;
  for (let l = line - 1; l >= firstLine; l--) {
    const content = lineText(text, lines, l);
    if (!content.trim() || leadingSpaces(content) >= indent) continue;
    const parent = /^([\w-]+)\s*:\s*$/.exec(content);
    return parent && (parent[1] === 'frameworks' || parent[1] === 'satisfies') ? normalizeCatalogKey(key) : undefined;
  }
  return undefined;
}

/** Uncovered criteria first: they are what a document can still close. Then draft-only, then covered (carved-out ones count as covered). */
const STATUS_RANK = new Map([['uncovered', 0], ['draft-only', 1], ['covered', 2], ['carved-out', 2]]);

interface IdEntry {
  id: string;
  title: string;
  /** Shown beside the title when the config declares a scope. */
  status?: string;
  preferred: boolean;
  rank: number;
  order: number;
  /** A point of focus limited to a category out of the declared scope: greyed (deprecated tag), labelled and sorted last. */
  notApplicable?: string;
}

/** What a criterion or point-of-focus item carries to completionItem/resolve, which adds its title and description. */
interface IdItemData {
  catalogItem: { uri: string; catalogId: string };
}

function isIdItemData(data: unknown): data is IdItemData {
  const item = (data as Partial<IdItemData> | null)?.catalogItem;
  return typeof item?.uri === 'string' && typeof item.catalogId === 'string';
}

/**
 * Ids of a catalog, without their descriptions (resolve adds them: up to 61 criteria with theirs made 26 KB).
 * A client that takes list defaults gets the edit range and the data once for the whole list.
 */
function idList(ctx: FeatureContext, target: DocumentTarget, place: Extract<Place, { kind: 'ids' }>, range: Range, typed: string, withPoints: boolean, uri: string): CompletionList {
  const data: IdItemData = { catalogItem: { uri, catalogId: place.catalogId } };
  const shared = ctx.client.completionDefaults;
  const items = idItems(ctx, target, place, typed, withPoints).map((item): CompletionItem => (shared ? item : { ...item, textEdit: { range, newText: String(item.label) }, data }));
  const itemDefaults: CompletionItemDefaults | undefined = shared ? { editRange: range, data } : undefined;
  return itemDefaults ? { isIncomplete: false, itemDefaults, items } : { isIncomplete: false, items };
}

/** Adds the title and description to a criterion or point-of-focus item; other items come back as they are. */
export async function resolveCompletionItem(ctx: FeatureContext, item: CompletionItem): Promise<CompletionItem> {
  if (!isIdItemData(item.data)) return item;
  const { uri, catalogId } = item.data.catalogItem;
  const target = await ctx.session.target(uri);
  if (!target) return item;
  const catalogs = target.analyzer.catalogSet;
  const id = String(item.label);
  const control = catalogs.control(id, catalogId);
  if (control) return { ...item, detail: control.title, documentation: documentation(ctx, control.description) };
  const point = catalogs.pointOfFocus(id, catalogId);
  if (!point) return item;
  const applicability = catalogId === 'tsc' ? applicabilityLine(point, catalogs, catalogId, declaredScope(target)) : undefined;
  return { ...item, detail: point.title, documentation: documentation(ctx, applicability ? `${point.summary}\n\n${applicability}` : point.summary) };
}

function idItems(ctx: FeatureContext, target: DocumentTarget, place: Extract<Place, { kind: 'ids' }>, typed: string, withPoints: boolean): CompletionItem[] {
  const catalogs = target.analyzer.catalogSet;
  const catalog = catalogs.get(place.catalogId);
  if (!catalog) return [];
  const statuses = place.catalogId === 'tsc' ? new Map(target.root.coverage()?.criteria.map((c) => [c.id, c.status])) : undefined;
  // Filter and label by scope only when the config declares one; otherwise every category is still open.
  const declared = target.analyzer.currentConfig.scope.declared;
  const scope = place.catalogId === 'tsc' ? declaredScope(target) : undefined;
  const inScope = (control: CatalogControl) => !declared || !['out-of-scope', 'excluded'].includes(statuses?.get(control.id) ?? '');
  const items: CompletionItem[] = [];
  catalog.controls.forEach((control, index) => {
    if (!inScope(control)) return;
    const status = statuses?.get(control.id);
    const rank = STATUS_RANK.get(status ?? '') ?? 3;
    if (!place.existing.has(control.id)) {
      items.push(idItem(ctx, { id: control.id, title: control.title, status: declared ? status : undefined, preferred: place.preferred.has(control.id), rank, order: index * 100 }));
    }
    // Points of focus once their criterion has been typed, e.g. "CC6.1.", right after it.
    if (withPoints && typed.startsWith(control.id + '.')) {
      control.pointsOfFocus.forEach((point, n) => {
        if (place.existing.has(point.id)) return;
        const notApplicable = applies(point, scope) ? undefined : notApplicableLabel(point, catalogs, place.catalogId);
        items.push(idItem(ctx, { id: point.id, title: point.title, preferred: false, rank: notApplicable ? 9 : rank, order: index * 100 + n + 1, notApplicable }));
      });
    }
  });
  return items;
}

/**
 * Every row shows the title (label details; `detail` too for clients that do not show those); the description
 * comes with resolve. The edit range and resolve data are added by `idList`.
 */
function idItem(ctx: FeatureContext, entry: IdEntry): CompletionItem {
  return {
    label: entry.id,
    kind: CompletionItemKind.Constant,
    ...(ctx.client.completionLabelDetails ? {} : { detail: entry.title }),
    labelDetails: { detail: ` ${entry.title}`, description: entry.notApplicable ?? entry.status },
    ...(entry.notApplicable ? { tags: [CompletionItemTag.Deprecated] } : {}),
    sortText: `${entry.preferred ? 0 : 1}${entry.rank}${String(entry.order).padStart(6, '0')}`,
  };
}

function keyItems(place: Extract<Place, { kind: 'key' }>, range: Range): CompletionItem[] {
  return FRONT_MATTER_KEYS.filter((k) => k.format === place.format && !place.present.has(k.key)).map((k, index) => ({
    label: k.key,
    kind: CompletionItemKind.Property,
    detail: k.format === 'comply' ? 'strongdm/comply' : 'front matter',
    documentation: k.summary,
    sortText: String(index).padStart(3, '0'),
    textEdit: { range, newText: `${k.key}: ${k.example}` },
  }));
}

function valueItems(target: DocumentTarget, key: string, range: Range): CompletionItem[] {
  if (key === 'template') {
    return target.analyzer.templates.templates.map((t) => ({ label: t.id, kind: CompletionItemKind.EnumMember, detail: t.title, documentation: t.summary, textEdit: { range, newText: t.id } }));
  }
  const values = FRONT_MATTER_KEYS.find((k) => k.key === key)?.values;
  if (!Array.isArray(values)) return [];
  return values.map((value, index) => ({ label: value, kind: CompletionItemKind.EnumMember, sortText: String(index).padStart(3, '0'), textEdit: { range, newText: value } }));
}

/** Required headings the document still lacks, as the missing-section findings name them. */
function headingItems(target: DocumentTarget, place: Extract<Place, { kind: 'heading' }>, line: number, column: number): CompletionItem[] {
  const missing = target.analyzer.findings(target.file).filter((f) => f.code === 'missing-section' && f.subject);
  const start = { line, character: place.hashes.length };
  const range = { start, end: { line, character: Math.max(column, target.lines.lineEnd(line) - target.lines.lineStart(line)) } };
  return missing.map((finding, index) => ({
    label: finding.subject!,
    kind: CompletionItemKind.Module,
    detail: 'required section',
    documentation: finding.message,
    filterText: `${place.spaced ? ' ' : ''}${finding.subject}`,
    sortText: String(index).padStart(3, '0'),
    textEdit: { range, newText: ` ${finding.subject}` },
  }));
}

function documentation(ctx: FeatureContext, text: string): MarkupContent | string {
  return ctx.client.completionMarkdown ? { kind: MarkupKind.Markdown, value: text } : text;
}

/** The word around the cursor, replaced by the completion. */
function wordRange(target: DocumentTarget, offset: number, char: RegExp): { range: Range; text: string } {
  const lineStart = target.lines.lineStart(target.lines.positionAt(offset).line);
  const lineEnd = target.lines.lineEnd(target.lines.positionAt(offset).line);
  let start = offset;
  let end = offset;
  while (start > lineStart && char.test(target.text[start - 1])) start--;
  while (end < lineEnd && char.test(target.text[end])) end++;
  return { range: target.lines.rangeOf({ start, end }), text: target.text.slice(start, offset) };
}

function topLevelKeys(target: DocumentTarget, first: number, last: number): Set<string> {
  const keys = new Set<string>();
  for (let l = first; l <= last; l++) {
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(lineText(target.text, target.lines, l));
    if (key) keys.add(key[1]);
  }
  return keys;
}

function idsIn(text: string): Set<string> {
  return new Set(text.split(/[\s,;]+/).map((s) => s.replace(/^["']|["']$/g, '')).filter(Boolean));
}

function lineText(text: string, lines: LineIndex, line: number): string {
  return text.slice(lines.lineStart(line), lines.lineEnd(line));
}

function leadingSpaces(text: string): number {
  return /^ */.exec(text)![0].length;
}

export function registerCompletion(connection: Connection, ctx: FeatureContext): void {
  connection.onCompletion((params, token) => provideCompletion(ctx, params, token));
  connection.onCompletionResolve((item) => resolveCompletionItem(ctx, item));
}
