import { stemmer } from 'stemmer';

/**
 * Words to stems. Porter stemming (the `stemmer` package) so "reviews", "reviewed" and "reviewing" meet;
 * stop words and words every policy uses ("policy", "company") carry no signal about which criterion is meant.
 */
const STOP_WORDS = new Set(
  (
    'a an the and or but if then else of to in on at by for with without from into onto over under as is are was were be been being ' +
    'this that these those it its their there they them we our us you your he she his her i me my not no nor so than too very ' +
    'can could may might must shall should will would do does did done has have had having also any all each every some such ' +
    'other others which who whom whose what when where while how why per via within upon about after before between both either ' +
    'more most less least only own same just out up down off again further once here eg ie etc e g i ' +
    'policy policies procedure procedures company organisation organization acme document section ' +
    'ensure ensures include includes including used use using based'
  ).split(/\s+/),
);

export interface Token {
  stem: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}][\p{L}\p{N}'’-]*|\d+/gu;

/** Stemmed content words of `text` with their offsets (relative to `text`). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    for (const part of splitCompound(m[0], m.index!)) {
      const word = part.word.toLowerCase().replace(/['’]s$/, '');
      if (word.length < 2 || STOP_WORDS.has(word)) continue;
      tokens.push({ stem: stemWord(word), start: part.start, end: part.start + part.word.length });
    }
  }
  return tokens;
}

/** Stems only, for indexing. */
export function stems(text: string): string[] {
  return tokenize(text).map((t) => t.stem);
}

/** Hyphenated words ("multi-factor") index as their parts, so they meet "multi factor" and "factor". */
function splitCompound(word: string, start: number): { word: string; start: number }[] {
  if (!/[-'’]/.test(word)) return [{ word, start }];
  const parts: { word: string; start: number }[] = [];
  for (const m of word.matchAll(/[\p{L}\p{N}]+/gu)) parts.push({ word: m[0], start: start + m.index! });
  return parts;
}

// Common spelling variants fold to one form before stemming (British and American policies mix).
const VARIANTS = new Map(Object.entries({ authorisation: 'authorization', authorise: 'authorize', authorised: 'authorized', organisational: 'organizational', minimise: 'minimize', recognise: 'recognize', analyse: 'analyze', prioritise: 'prioritize', encrypted: 'encrypt', licence: 'license', offboarding: 'offboard', onboarding: 'onboard' }));

function stemWord(word: string): string {
  return stemmer(VARIANTS.get(word) ?? word);
}
