import type { DocumentRule } from './rule';
import type { Fix, Span } from '../types';

/** What a vague phrase leaves out, and concrete wording an auditor can test. */
export interface VagueTerm {
  phrase: string;
  missing: string;
  choices: readonly string[];
}

const FREQUENCY = ['at least quarterly', 'at least annually', 'monthly'];
const TIME_LIMIT = ['within 1 business day', 'within 24 hours', 'within 5 business days'];
const DECIDER = ['as approved by the policy owner', 'as approved by the Security Lead'];

/** The built-in list (docs/rules.md#vague-commitment). `vagueCommitment.words` in soc2-policy.yaml adds to it, `allow` removes from it. */
export const VAGUE_TERMS: readonly VagueTerm[] = [
  { phrase: 'periodically', missing: 'a frequency', choices: FREQUENCY },
  { phrase: 'regularly', missing: 'a frequency', choices: FREQUENCY },
  { phrase: 'on a regular basis', missing: 'a frequency', choices: FREQUENCY },
  { phrase: 'from time to time', missing: 'a frequency', choices: FREQUENCY },
  { phrase: 'as needed', missing: 'a frequency or who decides', choices: [...FREQUENCY.slice(0, 1), ...DECIDER.slice(0, 1)] },
  { phrase: 'as necessary', missing: 'a frequency or who decides', choices: [...FREQUENCY.slice(0, 1), ...DECIDER.slice(0, 1)] },
  { phrase: 'as appropriate', missing: 'who decides', choices: DECIDER },
  { phrase: 'where appropriate', missing: 'who decides', choices: DECIDER },
  { phrase: 'in a timely manner', missing: 'a time limit', choices: TIME_LIMIT },
  { phrase: 'timely', missing: 'a time limit', choices: TIME_LIMIT },
  { phrase: 'promptly', missing: 'a time limit', choices: TIME_LIMIT },
  { phrase: 'as soon as possible', missing: 'a time limit', choices: TIME_LIMIT },
  { phrase: 'where possible', missing: 'when the rule applies (and who approves exceptions)', choices: ['in every case; exceptions are approved by the policy owner'] },
  { phrase: 'where feasible', missing: 'when the rule applies (and who approves exceptions)', choices: ['in every case; exceptions are approved by the policy owner'] },
  { phrase: 'reasonable', missing: 'a measurable standard', choices: [] },
  { phrase: 'reasonably', missing: 'a measurable standard', choices: [] },
  { phrase: 'should', missing: 'a binding requirement', choices: ['must'] },
  { phrase: 'etc.', missing: 'the complete list', choices: [] },
];

export const vagueCommitment: DocumentRule = {
  kind: 'document',
  code: 'vague-commitment',
  defaultSeverity: 'warning',
  summary: 'A policy statement uses wording an auditor cannot test ("periodically", "as needed", "in a timely manner", "should", "etc.").',
  check(ctx) {
    const terms = effectiveTerms(ctx.config.vagueCommitment);
    if (!terms.length) return;
    const pattern = termPattern(terms);
    const byPhrase = new Map(terms.map((t) => [t.phrase.toLowerCase(), t]));
    for (const statement of ctx.doc.body.statements) {
      // Quoted text is someone else's words (a regulation, an example), not our commitment.
      if (statement.quoted) continue;
      for (const m of statement.text.matchAll(pattern)) {
        const term = byPhrase.get(m[1].toLowerCase().replace(/\s+/g, ' '));
        if (!term) continue;
        const start = statement.span.start + m.index! + m[0].indexOf(m[1]);
        const span = { start, end: start + m[1].length };
        ctx.report({ span, subject: term.phrase, message: message(term), fixes: fixesFor(term, span, ctx.doc.text) });
      }
    }
  },
};

function message(term: VagueTerm): string {
  const choices = term.choices.length ? ` For example: "${term.choices[0]}".` : '';
  return `"${term.phrase}" is not testable: state ${term.missing}.${choices}`;
}

function fixesFor(term: VagueTerm, span: Span, text: string): Fix[] {
  if (term.phrase === 'etc.') {
    // Drop ", etc." with its comma so the list reads as complete; the author then checks it is.
    const before = /,?\s*$/.exec(text.slice(Math.max(0, span.start - 3), span.start))![0];
    return [{ title: 'Remove "etc." (then make sure the list is complete)', edits: [{ span: { start: span.start - before.length, end: span.end - 1 }, newText: '' }] }];
  }
  const original = text.slice(span.start, span.end);
  const capitalised = /^[A-Z]/.test(original);
  return term.choices.map((choice) => ({
    title: `Replace "${original}" with "${choice}"`,
    edits: [{ span, newText: capitalised ? choice[0].toUpperCase() + choice.slice(1) : choice }],
  }));
}

/** The built-in list with the workspace's additions and removals. */
export function effectiveTerms(settings?: { words: readonly string[]; allow: readonly string[] }): VagueTerm[] {
  const allowed = new Set((settings?.allow ?? []).map((w) => w.toLowerCase().trim()));
  const extra = (settings?.words ?? []).map((w) => w.trim()).filter((w) => w && !VAGUE_TERMS.some((t) => t.phrase === w.toLowerCase()));
  return [...VAGUE_TERMS, ...extra.map((phrase) => ({ phrase, missing: 'a concrete, testable commitment', choices: [] }))].filter((t) => !allowed.has(t.phrase.toLowerCase()));
}

function termPattern(terms: readonly VagueTerm[]): RegExp {
  const alternatives = [...terms]
    .sort((a, b) => b.phrase.length - a.phrase.length)
    .map((t) => t.phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  // Word boundaries by hand: "etc." ends in a dot, and "timely" must not match inside "untimely".
  return new RegExp(`(?<![\\p{L}\\p{N}])(${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}
