import matter from 'gray-matter';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { parseYaml, nodeAt, keyAt, spanOf, type YamlSource } from '../yaml/yamlSource';
import type { Span } from '../types';

export type DocumentFormat = 'native' | 'comply' | 'none';

export interface FrontMatter {
  format: Exclude<DocumentFormat, 'none'>;
  /** The YAML text's span in the file. */
  span: Span;
  /** The closing delimiter line (`---`), where inserted keys go. */
  closeSpan: Span;
  /** Where the Markdown body begins. */
  bodyStart: number;
  source: YamlSource;
  data: Record<string, unknown>;
  unclosed: boolean;
}

const COMPLY_KEYS = ['name', 'acronym', 'satisfies', 'majorRevisions', 'cron'];

/**
 * Finds the front matter. Native files open with a `---` line (split by gray-matter); strongdm/comply files
 * start directly with YAML keys and the first `---` line ends them.
 */
export function readFrontMatter(text: string): FrontMatter | undefined {
  return /^---[ \t]*\r?\n/.test(text) ? readNative(text) : readComply(text);
}

function readNative(text: string): FrontMatter {
  const open = text.indexOf('\n') + 1;
  const closeMatch = /^---[ \t]*\r?$/m.exec(text.slice(open));
  const unclosed = closeMatch === null;
  const yamlEnd = unclosed ? text.length : open + closeMatch.index;
  const closeEnd = unclosed ? text.length : yamlEnd + closeMatch[0].replace(/\r$/, '').length;
  const bodyStart = unclosed ? text.length : Math.min(text.length, closeEnd + (text.startsWith('\r\n', closeEnd) ? 2 : text[closeEnd] === '\n' ? 1 : 0));
  // gray-matter splits the file and hands the YAML to our engine, which parses it once with source ranges.
  // Its raw matter starts right after the opening `---`; passing options also keeps gray-matter's global cache out.
  let source: YamlSource | undefined;
  if (!unclosed) {
    tryMatter(text, {
      engines: {
        yaml: (yamlText: string) => {
          // gray-matter cuts at "\n---", leaving a lone "\r" of a CRLF file that YAML rejects.
          source = parseYaml(yamlText.replace(/\r$/, ''), 3);
          return (source.data ?? {}) as object;
        },
      },
    });
  }
  source ??= parseYaml(text.slice(open, yamlEnd), open);
  return {
    format: 'native',
    span: { start: open, end: yamlEnd },
    closeSpan: { start: yamlEnd, end: closeEnd },
    bodyStart,
    source,
    data: asRecord(source.data),
    unclosed,
  };
}

function readComply(text: string): FrontMatter | undefined {
  const close = /^---[ \t]*\r?$/m.exec(text);
  if (!close) return undefined;
  const head = text.slice(0, close.index);
  // Only YAML whose top-level keys look like comply's counts: a Markdown file with a thematic break is not front matter.
  const firstKey = /^([A-Za-z_][\w-]*):/m.exec(head);
  if (!firstKey || !/^[A-Za-z_][\w-]*:/.test(head)) return undefined;
  const source = parseYaml(head, 0);
  const data = asRecord(source.data);
  const looksComply = COMPLY_KEYS.some((k) => k in data) || (source.errors.length > 0 && COMPLY_KEYS.some((k) => new RegExp(`^${k}:`, 'm').test(head)));
  if (!looksComply) return undefined;
  const closeEnd = close.index + close[0].length;
  const bodyStart = Math.min(text.length, closeEnd + (text[closeEnd] === '\n' ? 1 : 0));
  return {
    format: 'comply',
    span: { start: 0, end: close.index },
    closeSpan: { start: close.index, end: close.index + 3 },
    bodyStart,
    source,
    data,
    unclosed: false,
  };
}

function tryMatter(text: string, options: Parameters<typeof matter>[1]): void {
  try {
    matter(text, options);
  } catch {
    // Our engine never throws; anything else gray-matter objects to is reported by the YAML parse below.
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A list of ids in the front matter (`controls`, `satisfies.TSC`, `frameworks.<id>`). */
export interface MappingList {
  path: string[];
  catalogId: string;
  keySpan: Span;
  /** The list node (undefined when the value is not a sequence). */
  node?: Node;
  flow: boolean;
  items: MappingItem[];
  /** Non-string items and other shape problems. */
  problems: { span: Span; message: string }[];
}

export interface MappingItem {
  raw: string;
  span: Span;
  index: number;
}

/** The mapping lists this front matter declares. Keys that hold ids of other catalogs are resolved by catalog id. */
export function mappingLists(fm: FrontMatter): MappingList[] {
  const lists: MappingList[] = [];
  const add = (path: string[], catalogId: string) => {
    const node = nodeAt(fm.source, path);
    const key = keyAt(fm.source, path);
    if (!key) return;
    lists.push(readList(fm.source, path, catalogId, node, spanOf(fm.source, key)!));
  };
  if (fm.format === 'native') {
    if ('controls' in fm.data) add(['controls'], 'tsc');
    const frameworks = nodeAt(fm.source, ['frameworks']);
    if (isMap(frameworks)) {
      for (const pair of frameworks.items) {
        if (isScalar(pair.key)) add(['frameworks', String(pair.key.value)], normalizeCatalogKey(String(pair.key.value)));
      }
    }
  }
  // comply's `satisfies: {TSC: [...]}`; accepted in native files too, so mixed repos work.
  const satisfies = nodeAt(fm.source, ['satisfies']);
  if (isMap(satisfies)) {
    for (const pair of satisfies.items) {
      if (isScalar(pair.key)) add(['satisfies', String(pair.key.value)], normalizeCatalogKey(String(pair.key.value)));
    }
  }
  return lists;
}

/** The list of ids at `path` read like a mapping list (risk `criteria`, vendor `csocs[].criteria`); undefined without the key. */
export function idListAt(fm: FrontMatter, path: (string | number)[], catalogId: string): MappingList | undefined {
  const key = keyAt(fm.source, path);
  return key ? readList(fm.source, path.map(String), catalogId, nodeAt(fm.source, path), spanOf(fm.source, key)!) : undefined;
}

/** Catalog keys are case-insensitive (`TSC`, `tsc`, `ISO27001`). */
export function normalizeCatalogKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9-]/g, '');
}

function readList(source: YamlSource, path: string[], catalogId: string, node: Node | undefined, keySpan: Span): MappingList {
  const list: MappingList = { path, catalogId, keySpan, node, flow: false, items: [], problems: [] };
  if (isSeq(node)) {
    list.flow = node.flow === true;
    node.items.forEach((item, index) => {
      const span = spanOf(source, item as Node);
      if (isScalar(item) && typeof item.value === 'string' && span) {
        list.items.push({ raw: item.value.trim(), span: unquote(source, span), index });
      } else if (span) {
        list.problems.push({ span, message: `Expected a criterion id as text, found ${isScalar(item) ? JSON.stringify(item.value) : 'a nested value'}.` });
      }
    });
  } else if (isScalar(node) && typeof node.value === 'string' && node.value.trim()) {
    // A single id instead of a list: read it, but ask for a list.
    const span = spanOf(source, node)!;
    list.items.push({ raw: node.value.trim(), span: unquote(source, span), index: 0 });
    list.problems.push({ span, message: `"${path.join('.')}" should be a list, for example [${node.value.trim()}].` });
  } else if (node && !(isScalar(node) && (node.value === null || node.value === ''))) {
    list.problems.push({ span: spanOf(source, node) ?? keySpan, message: `"${path.join('.')}" must be a list of ids.` });
  }
  return list;
}

/** Underline the id itself, not its quotes. */
function unquote(source: YamlSource, span: Span): Span {
  const raw = source.text.slice(span.start - source.base, span.end - source.base);
  if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0]) {
    return { start: span.start + 1, end: span.end - 1 };
  }
  // Trim trailing whitespace the scalar's range may include.
  const trimmed = raw.trimEnd();
  return { start: span.start, end: span.start + trimmed.length };
}
