import { expandAbbreviations } from '../suggest/abbreviations';
import { stems, tokenize } from '../suggest/tokenize';
import type { Answer, AnswerValue } from './model';
import { questionCriteria, rankSections, type SectionIndex } from './match';
import type { CitableSection } from './sections';
import { namesVendor } from '../vendors/carveOuts';
import { carvedOutAnswer, excludedAnswer, type CarvedOutCriterion } from './scopeAnswers';

export interface DraftOptions {
  /** Excluded criterion id -> reason (soc2-policy.yaml scope.exclusions): questions about them are `n/a`. */
  exclusions?: ReadonlyMap<string, string>;
  /** Criterion id -> the subservice organizations that carry it (carve-out): questions about them cite the vendor file. */
  carveOuts?: ReadonlyMap<string, readonly CarvedOutCriterion[]>;
}

const BINDING = /\b(must|shall|is required|are required|never|always|at least|within \d|every|each|annually|quarterly|monthly|weekly|daily|yearly)\b/i;

/** A drafted answer for one question: criteria, cited sections, value, text built from the cited binding statements, confidence. */
export function draftAnswer(question: string, index: SectionIndex, options: DraftOptions = {}): Answer {
  const params = index.params;
  // "2FA", "UARs", "pen test": read with their meanings, as policies spell them out.
  const asked = expandAbbreviations(question, index.criteria.abbreviations);
  const { weights: criteriaWeights, strength } = questionCriteria(asked, index.criteria);
  const criteria = [...criteriaWeights].filter(([, w]) => w >= 0.6).map(([id]) => id).slice(0, 3);
  const main = criteria.length && strength >= params.scopeStrength ? { id: criteria[0], title: titleOf(index, criteria[0]), all: criteria, confidence: round(1 - Math.exp(-strength / params.scale)) } : undefined;
  const excluded = main ? options.exclusions?.get(main.id) : undefined;
  if (main && excluded !== undefined) return excludedAnswer(main, excluded);
  const ranked = rankSections(index, asked, criteriaWeights);
  const best = ranked[0];
  const confidence = best ? round(1 - Math.exp(-best.score / params.scale)) : 0;
  const carriers = main ? options.carveOuts?.get(main.id)?.filter((c) => asksAboutCarrier(asked, c)) : undefined;
  // A section of ours tagged with the criterion is a person saying our policy carries (its part of) it.
  const ownPart = best && confidence >= params.minimumConfidence && best.section.tagged && best.section.mappedCriteria.includes(main?.id ?? '');
  if (main && carriers?.length && !ownPart) return carvedOutAnswer(main, carriers, (section, carrier) => monitoringStatement(asked, section, carrier));
  if (!best || confidence < params.minimumConfidence) {
    return { value: 'no', text: 'No policy section clearly addresses this question; answer it by hand.', criteria, citations: [], confidence, status: 'draft' };
  }
  const cited = [best.section];
  const second = ranked[1];
  if (second && second.score >= params.secondCitation * best.score) cited.push(second.section);
  const value: AnswerValue = confidence >= params.yesConfidence ? 'yes' : 'partial';
  return {
    value,
    text: answerText(asked, cited, value),
    criteria,
    citations: cited.map((s) => ({ document: s.document, section: s.slug, hash: s.hash })),
    confidence,
    status: 'draft',
  };
}

/** One or two sentences: the cited sections' statements that share the most words with the question, binding ones first. */
export function answerText(question: string, sections: readonly CitableSection[], value: AnswerValue): string {
  const lead = value === 'yes' ? 'Yes.' : 'Partially.';
  return [lead, ...bestStatements(question, sections, 2)].join(' ');
}

/** The sections' statements sharing the most words with the question, binding ones first, as plain sentences. */
function bestStatements(question: string, sections: readonly CitableSection[], count: number): string[] {
  const wanted = new Set(stems(question));
  const candidates = sections.flatMap((section) =>
    section.statements.map((statement, order) => {
      const overlap = new Set(tokenize(statement.text).map((t) => t.stem).filter((s) => wanted.has(s))).size;
      return { text: plain(statement.text), score: overlap + (BINDING.test(statement.text) ? 0.5 : 0) - order * 0.01 };
    }),
  );
  return candidates
    .filter((c) => c.text.length > 3)
    .sort((a, b) => b.score - a.score)
    .slice(0, count)
    .map((c) => sentence(c.text));
}

/**
 * Whether the question is about what the vendor carries, not only about the same criterion: it shares a word with
 * the vendor's controls or its file ("data centres" yes; "visitors at your office" no, our office is not AWS's).
 */
function asksAboutCarrier(question: string, carrier: CarvedOutCriterion): boolean {
  const carried = new Set(stems([...carrier.controls, carrier.vendorSection?.text ?? ''].join(' ')));
  return stems(question).some((s) => carried.has(s) && !GENERIC.has(s));
}

// Words of any control statement: sharing one of them says nothing about which part of a criterion is asked.
const GENERIC = new Set(stems('control controls security secure access accessed process system systems manage management describe provide'));

/** The sentence quoted for our monitoring: one that names the vendor, else the closest to the question. */
function monitoringStatement(question: string, section: CitableSection, carrier: CarvedOutCriterion): string | undefined {
  const naming = section.statements.find((st) => namesVendor(st.text, { id: carrier.vendorId, name: carrier.vendorName }));
  return naming ? sentence(plain(naming.text)) : bestStatements(question, [section], 1)[0];
}

function titleOf(index: SectionIndex, id: string): string | undefined {
  const at = index.criteria.profileIndex.get(id);
  return at === undefined ? undefined : index.criteria.profiles[at].title;
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
