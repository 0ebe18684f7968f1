import { stems, tokenize } from '../suggest/tokenize';
import type { Answer, AnswerValue } from './model';
import { questionCriteria, rankSections, type SectionIndex } from './match';
import type { CitableSection } from './sections';

export interface DraftOptions {
  /** Excluded criterion id -> reason (soc2-policy.yaml scope.exclusions): questions about them are `n/a`. */
  exclusions?: ReadonlyMap<string, string>;
}

const BINDING = /\b(must|shall|is required|are required|never|always|at least|within \d|every|each|annually|quarterly|monthly|weekly|daily|yearly)\b/i;

/** A drafted answer for one question: criteria, cited sections, value, text built from the cited binding statements, confidence. */
export function draftAnswer(question: string, index: SectionIndex, options: DraftOptions = {}): Answer {
  const params = index.params;
  const criteriaWeights = questionCriteria(question, index.criteria);
  const criteria = [...criteriaWeights].filter(([, w]) => w >= 0.6).map(([id]) => id).slice(0, 3);
  const excluded = criteria.length ? options.exclusions?.get(criteria[0]) : undefined;
  if (excluded !== undefined) {
    return { value: 'n/a', text: `Not applicable: ${criteria[0]} is outside the audit scope. ${excluded}`.trim(), criteria, citations: [], confidence: 0.5, status: 'draft' };
  }
  const ranked = rankSections(index, question, criteriaWeights);
  const best = ranked[0];
  const confidence = best ? round(1 - Math.exp(-best.score / params.scale)) : 0;
  if (!best || confidence < params.minimumConfidence) {
    return { value: 'no', text: 'No policy section clearly addresses this question; answer it by hand.', criteria, citations: [], confidence, status: 'draft' };
  }
  const cited = [best.section];
  const second = ranked[1];
  if (second && second.score >= params.secondCitation * best.score) cited.push(second.section);
  const value: AnswerValue = confidence >= params.yesConfidence ? 'yes' : 'partial';
  return {
    value,
    text: answerText(question, cited, value),
    criteria,
    citations: cited.map((s) => ({ document: s.document, section: s.slug, hash: s.hash })),
    confidence,
    status: 'draft',
  };
}

/** One or two sentences: the cited sections' statements that share the most words with the question, binding ones first. */
export function answerText(question: string, sections: readonly CitableSection[], value: AnswerValue): string {
  const wanted = new Set(stems(question));
  const candidates = sections.flatMap((section) =>
    section.statements.map((statement, order) => {
      const overlap = new Set(tokenize(statement.text).map((t) => t.stem).filter((s) => wanted.has(s))).size;
      return { text: plain(statement.text), score: overlap + (BINDING.test(statement.text) ? 0.5 : 0) - order * 0.01 };
    }),
  );
  const chosen = candidates
    .filter((c) => c.text.length > 3)
    .sort((a, b) => b.score - a.score)
    .slice(0, 2)
    .map((c) => sentence(c.text));
  const lead = value === 'yes' ? 'Yes.' : 'Partially.';
  return [lead, ...chosen].join(' ');
}

/** Markdown emphasis, links and list markers out: the answer goes into a spreadsheet cell. */
function plain(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/^\s*(?:[-+]|\d+[.)])\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function sentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised.replace(/[;:,]$/, '')}.`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
