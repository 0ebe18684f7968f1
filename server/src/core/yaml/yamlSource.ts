import { isMap, isNode, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { Span } from '../types';

/** A YAML text parsed with source ranges, so findings can point at the exact key or value. */
export interface YamlSource {
  doc: Document.Parsed;
  /** Plain data (YAML 1.2 core schema: dates stay strings). */
  data: unknown;
  errors: { message: string; span: Span }[];
  /** Offset of the YAML text inside the file it came from. */
  base: number;
  /** The YAML text itself. */
  text: string;
}

/** Deeper than this, the YAML parser recurses until the stack overflows; no front matter or config needs it. */
const MAX_YAML_DEPTH = 64;
const MAX_YAML_INDENT = 256;

export function parseYaml(text: string, base = 0): YamlSource {
  const deep = tooDeep(text);
  if (deep >= 0) {
    // Not parsed at all: the result would depend on the stack size of whichever process ran it.
    const message = `YAML nested deeper than ${MAX_YAML_DEPTH} levels (or indented more than ${MAX_YAML_INDENT} columns); it was not read.`;
    return { doc: parseDocument(''), data: undefined, errors: [{ message, span: { start: base + deep, end: base + Math.min(deep + 1, text.length) } }], base, text };
  }
  // logLevel "error": the parser's warnings are returned below, not printed to the process's stderr.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  // The parser may place an error one past the end (an unclosed `[`): keep spans inside the text.
  const at = (offset: number) => base + Math.max(0, Math.min(offset, text.length));
  const errors = [...doc.errors, ...doc.warnings].map((e) => ({
    message: e.message.split('\n')[0],
    span: { start: at(e.pos[0]), end: at(Math.max(e.pos[1], e.pos[0] + 1)) },
  }));
  let data: unknown = undefined;
  if (doc.errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      errors.push({ message: (e as Error).message, span: { start: base, end: at(1) } });
    }
  }
  return { doc, data, errors, base, text };
}

/** Offset where flow brackets nest or lines indent too deep, or -1. Quoted text and comments do not count. */
function tooDeep(text: string): number {
  let depth = 0;
  let indent = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      atLineStart = true;
      indent = 0;
      continue;
    }
    if (atLineStart && c === ' ') {
      if (++indent > MAX_YAML_INDENT) return i;
      continue;
    }
    atLineStart = false;
    if (c === '"' || c === "'") {
      // Skip to the closing quote on the same line (a doubled '' or an escaped \" stays inside).
      for (i++; i < text.length && text[i] !== '\n'; i++) {
        if (c === '"' && text[i] === '\\') i++;
        else if (text[i] === c && !(c === "'" && text[i + 1] === "'")) break;
        else if (text[i] === c) i++;
      }
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_YAML_DEPTH) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return -1;
}

/** The node at a path of keys and indexes, or undefined. */
export function nodeAt(source: YamlSource, path: (string | number)[]): Node | undefined {
  let node: unknown = source.doc.contents;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      node = pair?.value ?? undefined;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
    } else {
      return undefined;
    }
  }
  return isNode(node) ? node : undefined;
}

/** The key node of the last segment of a path in a map, or undefined. */
export function keyAt(source: YamlSource, path: (string | number)[]): Node | undefined {
  const parent = path.length > 1 ? nodeAt(source, path.slice(0, -1)) : source.doc.contents;
  if (!isMap(parent)) return undefined;
  const last = String(path[path.length - 1]);
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === last);
  return isNode(pair?.key) ? pair.key : undefined;
}

/** Span of a node's value in file offsets. */
export function spanOf(source: YamlSource, node: Node | undefined | null): Span | undefined {
  if (!node?.range) return undefined;
  return { start: source.base + node.range[0], end: source.base + node.range[1] };
}

/**
 * Best span for a JSON pointer path (as ajv reports it): the deepest node that exists,
 * preferring the key when the path names a missing or problematic property.
 */
export function spanForPath(source: YamlSource, path: (string | number)[]): Span {
  for (let n = path.length; n > 0; n--) {
    const prefix = path.slice(0, n);
    const node = nodeAt(source, prefix);
    const span = spanOf(source, node) ?? spanOf(source, keyAt(source, prefix));
    if (span) return span;
  }
  const root = spanOf(source, source.doc.contents as Node | null);
  if (root) {
    // Point at the first line only, not the whole document.
    return { start: root.start, end: root.start + 1 };
  }
  return { start: source.base, end: source.base };
}

/** The path an ajv error is about; for an unknown property, the property itself. */
export function ajvErrorPath(error: { instancePath: string; keyword: string; params: Record<string, unknown> }): string[] {
  const path = pointerToPath(error.instancePath);
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  return path;
}

export function pointerToPath(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The span of the key a path ends in (for "unknown setting" errors), else the best span for the path. */
export function keySpanForPath(source: YamlSource, path: (string | number)[]): Span {
  return spanOf(source, keyAt(source, path)) ?? spanForPath(source, path);
}
