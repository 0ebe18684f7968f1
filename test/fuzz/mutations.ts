/**
 * Byte-level mutations of a document. Positions are fractions of the current length (0..POS_MAX), so a
 * recipe stays meaningful whatever the document and shrinks towards the start of the file.
 */
import fc from 'fast-check';
import { sized, snippetArb, snippetBytes, type Snippet } from './snippets';

export type Mutation =
  | { op: 'insert'; at: number; lineStart: boolean; snippet: Snippet }
  | { op: 'replace'; at: number; lineStart: boolean; len: number; snippet: Snippet }
  | { op: 'delete'; at: number; len: number }
  | { op: 'duplicate'; at: number; len: number; to: number; times: number }
  | { op: 'eol'; style: 'crlf' | 'cr' }
  | { op: 'bom' }
  | { op: 'truncate'; at: number };

const POS_MAX = 1_000_000;
const pos = fc.integer({ min: 0, max: POS_MAX });
const len = sized(4096);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ op: fc.constant('insert' as const), at: pos, lineStart: fc.boolean(), snippet: snippetArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('replace' as const), at: pos, lineStart: fc.boolean(), len, snippet: snippetArb }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: pos, len }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: pos, len, to: pos, times: sized(50) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('eol' as const), style: fc.constantFrom('crlf' as const, 'cr' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('bom' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: pos }) },
);

export const mutationsArb = (maxLength = 4): fc.Arbitrary<Mutation[]> => fc.array(mutationArb, { maxLength });

function offset(bytes: Uint8Array, at: number, lineStart: boolean): number {
  let o = Math.floor((at / POS_MAX) * bytes.length);
  // Headings, list items and `---` only mean something at the start of a line.
  if (lineStart) while (o > 0 && bytes[o - 1] !== 0x0a) o--;
  return o;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function convertEol(bytes: Uint8Array, style: 'crlf' | 'cr'): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0d && bytes[i + 1] === 0x0a) continue; // normalise CRLF first, then re-emit
    if (b === 0x0a || b === 0x0d) out.push(...(style === 'crlf' ? [0x0d, 0x0a] : [0x0d]));
    else out.push(b);
  }
  return Uint8Array.from(out);
}

/** Applies one mutation. Pure: the same recipe always gives the same bytes. */
export function applyMutation(bytes: Uint8Array, m: Mutation): Uint8Array {
  switch (m.op) {
    case 'insert': {
      const o = offset(bytes, m.at, m.lineStart);
      return concat(bytes.subarray(0, o), snippetBytes(m.snippet), bytes.subarray(o));
    }
    case 'replace': {
      const o = offset(bytes, m.at, m.lineStart);
      return concat(bytes.subarray(0, o), snippetBytes(m.snippet), bytes.subarray(Math.min(bytes.length, o + m.len)));
    }
    case 'delete': {
      const o = offset(bytes, m.at, false);
      return concat(bytes.subarray(0, o), bytes.subarray(Math.min(bytes.length, o + m.len)));
    }
    case 'duplicate': {
      const o = offset(bytes, m.at, false);
      const piece = bytes.subarray(o, Math.min(bytes.length, o + m.len));
      const to = offset(bytes, m.to, false);
      return concat(bytes.subarray(0, to), ...Array(m.times).fill(piece), bytes.subarray(to));
    }
    case 'eol':
      return convertEol(bytes, m.style);
    case 'bom':
      return concat(Uint8Array.of(0xef, 0xbb, 0xbf), bytes);
    case 'truncate':
      return bytes.subarray(0, offset(bytes, m.at, false)).slice();
  }
}

export function applyMutations(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  return mutations.reduce(applyMutation, bytes);
}
