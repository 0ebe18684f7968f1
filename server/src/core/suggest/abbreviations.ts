import { isMap, isScalar } from 'yaml';
import type { Span } from '../types';
import { parseYaml, spanOf } from '../yaml/yamlSource';

/**
 * Abbreviations and informal words of questionnaires with what they mean (controls-catalog/tsc/abbreviations.yaml).
 * Customers write "2FA", "UARs" or "pen test" where policies spell out "multi-factor authentication", "access review"
 * and "penetration test"; the meaning is added to a question before it is matched, so both meet.
 */
export interface Abbreviations {
  /** First word (lower case) -> the keys starting with it, longest first. */
  readonly byFirstWord: ReadonlyMap<string, readonly AbbreviationEntry[]>;
}

export interface AbbreviationEntry {
  /** The key as words, lower case ("ci/cd" -> ["ci", "cd"]). */
  words: readonly string[];
  meaning: string;
}

export interface AbbreviationProblem {
  message: string;
  span: Span;
}

export const NO_ABBREVIATIONS: Abbreviations = { byFirstWord: new Map() };

const SECTIONS = ['abbreviations', 'synonyms'] as const;
const MAX_KEY_WORDS = 4;
const MAX_MEANING_LENGTH = 200;
const WORD = /[\p{L}\p{N}]+/gu;

/** Reads and validates the file once. A bad entry is reported and left out; the rest still expands. */
export function parseAbbreviations(text: string): { abbreviations: Abbreviations; problems: AbbreviationProblem[] } {
  const source = parseYaml(text);
  const problems: AbbreviationProblem[] = [...source.errors];
  const whole = { start: 0, end: Math.min(1, text.length) };
  const root = source.doc.contents;
  if (!problems.length && !isMap(root)) problems.push({ message: 'the abbreviations file needs "abbreviations:" and "synonyms:" maps', span: whole });
  const entries: AbbreviationEntry[] = [];
  const seen = new Map<string, string>();
  for (const section of SECTIONS) {
    const pair = isMap(root) ? root.items.find((p) => isScalar(p.key) && p.key.value === section) : undefined;
    if (!pair || pair.value === null) continue;
    if (!isMap(pair.value)) {
      problems.push({ message: `"${section}" must map each abbreviation to its meaning`, span: spanOf(source, pair.value as never) ?? whole });
      continue;
    }
    for (const item of pair.value.items) {
      const keySpan = spanOf(source, item.key as never) ?? whole;
      const key = isScalar(item.key) ? String(item.key.value ?? '') : '';
      const meaning = isScalar(item.value) && typeof item.value.value === 'string' ? item.value.value.trim() : '';
      const words = wordsOf(key);
      if (!words.length || words.length > MAX_KEY_WORDS) {
        problems.push({ message: `"${key}": a key is one to ${MAX_KEY_WORDS} words`, span: keySpan });
        continue;
      }
      if (!meaning || meaning.length > MAX_MEANING_LENGTH) {
        problems.push({ message: `"${key}" needs a meaning of 1 to ${MAX_MEANING_LENGTH} characters`, span: spanOf(source, item.value as never) ?? keySpan });
        continue;
      }
      const normalized = words.join(' ');
      const earlier = seen.get(normalized);
      if (earlier !== undefined) {
        problems.push({ message: `"${key}" is listed twice (also as "${earlier}"); keep one`, span: keySpan });
        continue;
      }
      seen.set(normalized, key);
      entries.push({ words, meaning });
    }
  }
  const byFirstWord = new Map<string, AbbreviationEntry[]>();
  for (const entry of entries) (byFirstWord.get(entry.words[0]) ?? byFirstWord.set(entry.words[0], []).get(entry.words[0])!).push(entry);
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { abbreviations: { byFirstWord }, problems };
}

/**
 * The text with each abbreviation's meaning added after it, in parentheses: "Is 2FA enforced?" becomes
 * "Is 2FA (two-factor authentication, multi-factor authentication) enforced?". Deterministic; the longest key wins;
 * meanings are not expanded again.
 */
export function expandAbbreviations(text: string, abbreviations: Abbreviations): string {
  if (!abbreviations.byFirstWord.size) return text;
  const words = [...text.matchAll(WORD)].map((m) => ({ word: m[0].toLowerCase(), plural: pluralOf(m[0]), end: m.index! + m[0].length }));
  let out = '';
  let copied = 0;
  for (let i = 0; i < words.length; ) {
    const entry = matchAt(words, i, abbreviations);
    if (!entry) {
      i++;
      continue;
    }
    const end = words[i + entry.words.length - 1].end;
    out += `${text.slice(copied, end)} (${entry.meaning})`;
    copied = end;
    i += entry.words.length;
  }
  return copied ? out + text.slice(copied) : text;
}

function matchAt(words: readonly QuestionWord[], at: number, abbreviations: Abbreviations): AbbreviationEntry | undefined {
  const { word, plural } = words[at];
  const candidates = abbreviations.byFirstWord.get(word) ?? (plural ? abbreviations.byFirstWord.get(plural) : undefined) ?? [];
  return candidates.find((entry) =>
    entry.words.every((w, k) => {
      const next = words[at + k];
      return next !== undefined && (next.word === w || (k === entry.words.length - 1 && next.plural === w));
    }),
  );
}

interface QuestionWord {
  word: string;
  /** The word without a plural "s" ("VPNs" -> "vpn"), when it reads as a plural; else undefined. */
  plural?: string;
  end: number;
}

/**
 * A plural only when what is left has three letters or more ("vpns", "admins") or the word is written in capitals
 * ("DBs", "PRs"): "has" must not read as the plural of "HA".
 */
function pluralOf(word: string): string | undefined {
  if (!/s$/.test(word) || word.length < 3) return undefined;
  const stem = word.slice(0, -1);
  return stem.length >= 3 || /^[A-Z0-9]+$/.test(stem) ? stem.toLowerCase() : undefined;
}

function wordsOf(key: string): string[] {
  return [...key.matchAll(WORD)].map((m) => m[0].toLowerCase());
}
