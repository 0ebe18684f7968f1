/**
 * Pathological snippets spliced into documents. Each is a small JSON-able recipe (so counterexamples stay
 * readable and replayable) that `snippetBytes` expands; sizes are numbers fast-check can shrink.
 */
import fc from 'fast-check';
import { ID_POOL } from './seeds';

export type Snippet =
  | { s: 'bytes'; bytes: number[] }
  | { s: 'text'; text: string }
  | { s: 'token'; token: string }
  | { s: 'repeat'; unit: string; n: number }
  | { s: 'lines'; kind: LinesKind; n: number };

export type LinesKind = 'nestedList' | 'deepQuote' | 'deepMixed' | 'headings' | 'flowIds' | 'blockIds' | 'sections' | 'links' | 'table' | 'deepFlowYaml' | 'deepMapYaml' | 'aliasBomb';

/** Markdown and YAML fragments that have broken parsers before, and the keys the front matter knows. */
export const TOKENS = [
  '---\n', '...\n', '# ', '## Purpose\n', '## Scope\n\n', '<!--', '-->', '<!-- ', '<script>', '</script>', '<style>', '<pre>', '<textarea>',
  '```\n', '~~~\n', '> ', '- ', '* ', '1. ', '[', '](', ')', '|', '\\', '&', '<', '>', '    ', '\t', '$$', '[x]: ', '[^1]', '\r', '\r\n', '\n',
  '\u0000', '\ufeff', '\u2028', '\u0085', '\u200b', '\ud83d\ude00', 'e\u0301',
  'type: constructor\n', 'type: __proto__\n', '__proto__: x\n', '__proto__:\n  polluted: true\n', 'constructor: x\n', 'prototype: {}\n', 'toString: x\n',
  'controls: {__proto__: [CC6.1]}\n', 'satisfies: {__proto__: [CC6.1], constructor: [CC1.1]}\n', 'frameworks: {toString: [A.5.1], __proto__: [A.5.1]}\n',
  'id: __proto__\n', 'id: constructor\n', 'template: __proto__\n', 'template: ../../etc/passwd\n', 'status: hasOwnProperty\n', 'owner: [a, b]\n',
  'title: {a: b}\n', 'title: !!null\n', 'controls: *missing\n', 'controls:\n\t- CC6.1\n', '%YAML 1.1\n', '--- !!map\n', 'controls: !!binary aGk=\n',
  'last_reviewed: 2026-02-30\n', 'last_reviewed: 9999999-01-01\n', 'review_cycle: -1 months\n', 'review_cycle: 99999999999999999999 years\n',
  'controls: [CC6.1, 5, null, {a: b}, [CC1.1]]\n', 'controls: CC6.1\n', 'controls:\n', 'controls: []\n', 'satisfies:\n  TSC: CC6.1\n',
  '? [a, b]\n: c\n', 'a: &x 1\nb: *x\n', '"unterminated\n', "'x\n", 'key: |\n  block\n', '[CC6.1](#cc61)', '![img](x.png)', '[link](../../../x.md)',
  '<!-- controls: [CC6.1] -->', '<a href="x">', '&#0;', '&#x110000;', 'CC6.1', 'CC99.9',
];

/** Units repeated many times: deep nesting, very long lines, many delimiters. */
export const REPEAT_UNITS = [
  '>', '> ', '- ', '* ', '1. ', '> - ', '  ', '\t', '#', '# x\n', '## Purpose\n\n', '[', ']', '(', '*', '_', '`', '\\', '<', '<!--', '-->',
  'x', 'a ', '\r', '\r\n', '\n', '\u0000', '\ufeff', '---\n', '| a ', '&amp;', '[a](b)', '![', '<div>', 'CC6.1, ', '\u00e9', '\ud83d\ude00', '\u200b',
];

/** The bound on each size keeps one document below a few MB, so a case costs time only when the code is slow. */
const LINES_MAX: Record<LinesKind, number> = {
  nestedList: 400, deepQuote: 20_000, deepMixed: 5_000, headings: 10_000, flowIds: 5_000, blockIds: 5_000, sections: 2_000, links: 5_000, table: 5_000, deepFlowYaml: 5_000, deepMapYaml: 300, aliasBomb: 12,
};

/** Mostly small sizes, sometimes up to `max`: big inputs find slowness, small ones keep the run fast. */
export function sized(max: number): fc.Arbitrary<number> {
  return fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 1, max: Math.min(20, max) }) }, { weight: 6, arbitrary: fc.integer({ min: 1, max: Math.min(500, max) }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max }) });
}

/** Nesting is only interesting deep: these sizes are not biased small. */
const DEEP = new Set<LinesKind>(['deepQuote', 'deepMixed', 'deepFlowYaml']);

export const snippetArb: fc.Arbitrary<Snippet> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ s: fc.constant('bytes' as const), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ s: fc.constant('text' as const), text: fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }) }) },
  { weight: 5, arbitrary: fc.record({ s: fc.constant('token' as const), token: fc.constantFrom(...TOKENS) }) },
  { weight: 3, arbitrary: fc.record({ s: fc.constant('repeat' as const), unit: fc.constantFrom(...REPEAT_UNITS), n: sized(20_000) }) },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(...(Object.keys(LINES_MAX) as LinesKind[]))
      .chain((kind) => fc.record({ s: fc.constant('lines' as const), kind: fc.constant(kind), n: DEEP.has(kind) ? fc.integer({ min: 1, max: LINES_MAX[kind] }) : sized(LINES_MAX[kind]) })),
  },
);

const id = (i: number) => ID_POOL[i % ID_POOL.length];

function linesText(kind: LinesKind, n: number): string {
  const out: string[] = [];
  switch (kind) {
    case 'nestedList':
      for (let i = 0; i < n; i++) out.push(`${'  '.repeat(i)}- item ${i}\n`);
      break;
    case 'deepQuote':
      return `${'>'.repeat(n)} quoted\n`;
    case 'deepMixed':
      return `${'> 1. - '.repeat(n)}nested\n`;
    case 'headings':
      for (let i = 0; i < n; i++) out.push(`${'#'.repeat(1 + (i % 6))} Heading ${i}\n`);
      break;
    case 'flowIds':
      return `controls: [${Array.from({ length: n }, (_, i) => id(i)).join(', ')}]\n`;
    case 'blockIds':
      out.push('controls:\n');
      for (let i = 0; i < n; i++) out.push(`  - ${id(i)}\n`);
      break;
    case 'sections':
      for (let i = 0; i < n; i++) out.push(`## Section ${i}\n\nText about CC${(i % 9) + 1}.1.\n\n`);
      break;
    case 'links':
      for (let i = 0; i < n; i++) out.push(`[l${i}](./missing-${i}.md) `);
      break;
    case 'table':
      out.push('| a | b |\n|---|---|\n');
      for (let i = 0; i < n; i++) out.push(`| ${i} | CC6.1 |\n`);
      break;
    case 'deepFlowYaml':
      return `controls: ${'['.repeat(n)}CC6.1${']'.repeat(n)}\n`;
    case 'deepMapYaml':
      for (let i = 0; i < n; i++) out.push(`${'  '.repeat(i)}k${i}:\n`);
      break;
    case 'aliasBomb':
      out.push('a0: &a0 [x, x, x, x, x, x, x, x, x]\n');
      for (let i = 1; i < n; i++) out.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`);
      break;
  }
  return out.join('');
}

const encoder = new TextEncoder();

export function snippetBytes(snippet: Snippet): Uint8Array {
  switch (snippet.s) {
    case 'bytes':
      return Uint8Array.from(snippet.bytes);
    case 'text':
      return encoder.encode(snippet.text);
    case 'token':
      return encoder.encode(snippet.token);
    case 'repeat':
      return encoder.encode(snippet.unit.repeat(snippet.n));
    case 'lines':
      return encoder.encode(linesText(snippet.kind, snippet.n));
  }
}
