import { isMap, isSeq, isScalar } from 'yaml';
import type { FrontMatter } from '../parse/frontMatter';
import type { Span } from '../types';
import { keyAt, nodeAt, spanOf } from '../yaml/yamlSource';
import { parseDate, type DateOnly } from '../dates';

/** A front-matter value with where it is written; `span` falls back to the key when the value has no node. */
export interface FactValue<T> {
  value: T;
  span: Span;
}

/** A problem a kind found while reading its facts (a bad value, a missing key); rules decide how to report it. */
export interface FactProblem {
  span: Span;
  message: string;
}

/**
 * Reads typed values out of a document's front matter with their spans. Shared by the kinds (risks, vendors) so
 * each reads facts the same way and spans point at the value the user must edit.
 */
export class FieldReader {
  readonly problems: FactProblem[] = [];

  constructor(private readonly fm: FrontMatter | undefined) {}

  /** The span of the key at `path`, or of the front matter's start when it is not there. */
  keySpan(path: (string | number)[]): Span | undefined {
    return this.fm ? spanOf(this.fm.source, keyAt(this.fm.source, path)) : undefined;
  }

  /** Where the front matter ends: the place to report a missing key. */
  get endSpan(): Span {
    return this.fm ? this.fm.closeSpan : { start: 0, end: 0 };
  }

  raw(path: (string | number)[]): FactValue<unknown> | undefined {
    if (!this.fm) return undefined;
    const node = nodeAt(this.fm.source, path);
    const key = keyAt(this.fm.source, path);
    const span = spanOf(this.fm.source, node) ?? spanOf(this.fm.source, key);
    if (!span) return undefined;
    const value = isScalar(node) ? node.value : node ? (node.toJSON() as unknown) : null;
    if (value === null || value === undefined || value === '') return undefined;
    return { value, span };
  }

  text(path: (string | number)[]): FactValue<string> | undefined {
    const raw = this.raw(path);
    if (!raw) return undefined;
    if (typeof raw.value === 'object' && !(raw.value instanceof Date)) {
      this.problems.push({ span: raw.span, message: `${path.join('.')} should be text.` });
      return undefined;
    }
    const value = raw.value instanceof Date ? raw.value.toISOString().slice(0, 10) : String(raw.value).trim();
    return { value, span: raw.span };
  }

  /** A whole number in [min, max]; anything else is a problem. */
  integer(path: (string | number)[], min: number, max: number): FactValue<number> | undefined {
    const raw = this.raw(path);
    if (!raw) return undefined;
    const value = typeof raw.value === 'number' ? raw.value : Number.NaN;
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push({ span: raw.span, message: `${path.join('.')} must be a whole number from ${min} to ${max} (found ${JSON.stringify(raw.value)}).` });
      return undefined;
    }
    return { value, span: raw.span };
  }

  oneOf<T extends string>(path: (string | number)[], allowed: readonly T[]): FactValue<T> | undefined {
    const text = this.text(path);
    if (!text) return undefined;
    const value = text.value.toLowerCase() as T;
    if (!allowed.includes(value)) {
      this.problems.push({ span: text.span, message: `${path.join('.')} must be one of ${allowed.join(', ')} (found "${text.value}").` });
      return undefined;
    }
    return { value, span: text.span };
  }

  date(path: (string | number)[]): FactValue<DateOnly> | undefined {
    const raw = this.raw(path);
    if (!raw) return undefined;
    const value = parseDate(raw.value);
    if (!value) {
      this.problems.push({ span: raw.span, message: `${path.join('.')} "${String(raw.value)}" is not a date. Write it as YYYY-MM-DD.` });
      return undefined;
    }
    return { value, span: raw.span };
  }

  flag(path: (string | number)[]): FactValue<boolean> | undefined {
    const raw = this.raw(path);
    if (!raw) return undefined;
    if (typeof raw.value !== 'boolean') {
      this.problems.push({ span: raw.span, message: `${path.join('.')} must be true or false.` });
      return undefined;
    }
    return { value: raw.value, span: raw.span };
  }

  /** A list of texts; a single text is read as a one-item list. */
  texts(path: (string | number)[]): FactValue<string>[] {
    if (!this.fm) return [];
    const node = nodeAt(this.fm.source, path);
    if (isSeq(node)) {
      return node.items.flatMap((item, index) => {
        const value = this.text([...path, index]);
        return value ? [value] : [];
      });
    }
    if (isMap(node)) {
      this.problems.push({ span: spanOf(this.fm.source, node)!, message: `${path.join('.')} should be a list.` });
      return [];
    }
    const single = this.text(path);
    return single ? [single] : [];
  }

  /** How many items the list at `path` has (0 when it is not a list). */
  length(path: (string | number)[]): number {
    const node = this.fm ? nodeAt(this.fm.source, path) : undefined;
    return isSeq(node) ? node.items.length : 0;
  }

  has(path: (string | number)[]): boolean {
    return this.fm ? keyAt(this.fm.source, path) !== undefined : false;
  }
}
