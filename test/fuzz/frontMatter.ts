/**
 * Fully random documents: YAML front matter built from the keys the core knows, with hostile values,
 * written as raw text (not through a YAML library) so broken syntax, duplicates and odd scalars get through.
 */
import fc from 'fast-check';
import { ID_POOL, SECTION_HEADINGS } from './seeds';
import { sized } from './snippets';

export const FRONT_MATTER_KEYS = [
  'title', 'type', 'owner', 'status', 'last_reviewed', 'review_cycle', 'controls', 'satisfies', 'frameworks', 'id', 'template',
  '__proto__', 'constructor', 'prototype', 'toString', 'name', 'majorRevisions', 'acronym',
];

/** Scalars YAML reads in surprising ways, plus the values the rules look for. */
const RAW_VALUES = [
  '~', 'null', '', '.nan', '.inf', '-.inf', '0x1F', '0o17', '1e400', '-0', 'yes', 'no', 'true', 'Off',
  '2026-02-30', '2026-12-01', '2025-13-01', '2026-06-01T10:00:00Z', '0001-01-01', '12 months', '0 months', '-1 months', '1 fortnight', '999999999999 years',
  'constructor', '__proto__', 'toString', 'hasOwnProperty', 'policy', 'procedure', 'standard', 'plan', 'narrative', 'approved', 'draft', 'retired', 'in-review',
  'access-control', '[]', '{}', '[[CC6.1]]', '{CC6.1: x}', '!!binary aGk=', '!!js/undefined', '&a x', '*a', '*missing', '"unterminated', "'x", '|\n  block',
  '>-\n  folded', '[CC6.1, 5, null, {a: b}]', '{__proto__: [CC6.1]}', '- CC6.1', '"\\u0000"', '"\\ud800"', 'a: b: c', '@x', '`x`', '%x',
];

const MAP_KEYS = ['TSC', 'tsc', 'ISO27001', 'iso27001', 'iso-27001', '__proto__', 'constructor', 'unknown', '', '"a b"', '? x'];

export type Value =
  | { v: 'raw'; raw: string }
  | { v: 'str'; text: string }
  | { v: 'quoted'; text: string }
  | { v: 'ids'; ids: number[]; flow: boolean }
  | { v: 'map'; entries: [string, number[]][] }
  | { v: 'long'; n: number };

export interface FrontMatterDoc {
  entries: [string, Value][];
  /** `---` close, `...` close, or none (unclosed). */
  close: 'dashes' | 'dots' | 'none';
  sections: { heading: number; level: number; body: string }[];
}

const ids = fc.array(fc.nat({ max: ID_POOL.length - 1 }), { maxLength: 8 });

const valueArb: fc.Arbitrary<Value> = fc.oneof(
  fc.record({ v: fc.constant('raw' as const), raw: fc.constantFrom(...RAW_VALUES) }),
  fc.record({ v: fc.constant('str' as const), text: fc.string({ maxLength: 30 }) }),
  fc.record({ v: fc.constant('quoted' as const), text: fc.string({ unit: 'binary', maxLength: 30 }) }),
  fc.record({ v: fc.constant('ids' as const), ids, flow: fc.boolean() }),
  fc.record({ v: fc.constant('map' as const), entries: fc.array(fc.tuple(fc.constantFrom(...MAP_KEYS), ids), { maxLength: 4 }) }),
  fc.record({ v: fc.constant('long' as const), n: sized(100_000) }),
);

export const frontMatterDocArb: fc.Arbitrary<FrontMatterDoc> = fc.record({
  entries: fc.array(fc.tuple(fc.constantFrom(...FRONT_MATTER_KEYS), valueArb), { maxLength: 12 }),
  close: fc.constantFrom('dashes' as const, 'dots' as const, 'none' as const),
  sections: fc.array(
    fc.record({ heading: fc.nat({ max: SECTION_HEADINGS.length }), level: fc.integer({ min: 1, max: 6 }), body: fc.string({ maxLength: 60 }) }),
    { maxLength: 10 },
  ),
});

function valueText(value: Value): string {
  switch (value.v) {
    case 'raw':
      return value.raw;
    case 'str':
      return value.text;
    case 'quoted':
      return JSON.stringify(value.text);
    case 'ids': {
      const list = value.ids.map((i) => ID_POOL[i]);
      return value.flow ? `[${list.join(', ')}]` : list.map((i) => `\n  - ${i}`).join('');
    }
    case 'map':
      return value.entries.map(([k, list]) => `\n  ${k}: [${list.map((i) => ID_POOL[i]).join(', ')}]`).join('');
    case 'long':
      return 'x'.repeat(value.n);
  }
}

export function frontMatterDocText(doc: FrontMatterDoc): string {
  const lines = ['---', ...doc.entries.map(([key, value]) => `${key}: ${valueText(value)}`)];
  if (doc.close !== 'none') lines.push(doc.close === 'dashes' ? '---' : '...');
  for (const s of doc.sections) {
    // Index SECTION_HEADINGS.length stands for an empty heading.
    lines.push('', `${'#'.repeat(s.level)} ${SECTION_HEADINGS[s.heading] ?? ''}`, '', s.body);
  }
  return lines.join('\n') + '\n';
}
