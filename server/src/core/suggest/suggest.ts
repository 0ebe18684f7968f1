import type { PolicyDocument } from '../parse/policyDocument';
import type { CatalogSet } from '../catalog/catalog';
import type { Statement } from '../parse/statements';
import type { CriterionProfile, SuggestionIndex } from './index';
import { confidence, DEFAULT_PARAMETERS, documentScore, scoreSentence, type ScoringParameters } from './score';
import { stems } from './tokenize';
import { closestPointOfFocus, reasonText, type Reason } from './explain';

export interface CriterionSuggestion {
  id: string;
  /** Calibrated confidence in 0..1, two decimals. */
  score: number;
  /** The document's own sentences that support the suggestion, strongest first. */
  because: Reason[];
}

export interface SuggestOptions {
  /** Criteria the document already maps: never suggested again. */
  mapped?: ReadonlySet<string>;
  params?: ScoringParameters;
  maxReasons?: number;
}

/** The TSC criteria a document's text probably addresses, best first; only those above the calibrated threshold. */
export function suggestCriteria(doc: PolicyDocument, index: SuggestionIndex, options: SuggestOptions = {}): CriterionSuggestion[] {
  return rankCriteria(doc, index, options).filter((s) => s.selected).map(({ selected: _selected, ...s }) => s);
}

/** Every criterion that scored, best first, with whether it passes the threshold (the bench needs the full ranking). */
export function rankCriteria(doc: PolicyDocument, index: SuggestionIndex, options: SuggestOptions = {}): (CriterionSuggestion & { selected: boolean })[] {
  const params = options.params ?? DEFAULT_PARAMETERS;
  const statements = doc.body.statements;
  const contexts = sectionContexts(doc).map(stems);
  const titleContext = stems(documentTitle(doc));
  // Only the best few sentences per criterion count and explain; keeping them all costs more than scoring.
  const keep = Math.max(params.rankWeights.length, options.maxReasons ?? 3);
  const perCriterion = new Map<number, { score: number; statement: Statement }[]>();
  for (const statement of statements) {
    const context = statement.section >= 0 ? contexts[statement.section] : titleContext;
    const { scores } = scoreSentence(index, { text: statement.text, context }, params);
    for (const [at, score] of scores) keepBest(perCriterion.get(at) ?? perCriterion.set(at, []).get(at)!, { score, statement }, keep);
  }
  const ranked = [...perCriterion]
    .map(([at, entries]) => ({ at, entries, total: documentScore(entries.map((e) => e.score), params) }))
    .filter((r) => !options.mapped?.has(index.profiles[r.at].id))
    .sort((a, b) => b.total - a.total || index.profiles[a.at].id.localeCompare(index.profiles[b.at].id));
  const best = ranked[0]?.total ?? 0;
  return ranked.map((r) => {
    const profile = index.profiles[r.at];
    const score = confidence(r.total, params);
    const selected = score >= params.threshold && r.total >= params.relativeFloor * best;
    // Reasons only for what is shown: finding the point of focus per sentence is the costly part.
    const because = selected ? reasons(doc, profile, r.entries, options.maxReasons ?? 3) : [];
    return { id: profile.id, score: Math.round(score * 100) / 100, because, selected };
  });
}

function reasons(doc: PolicyDocument, profile: CriterionProfile, entries: { score: number; statement: Statement }[], max: number): Reason[] {
  return [...entries]
    .sort((a, b) => b.score - a.score || a.statement.span.start - b.statement.span.start)
    .slice(0, max)
    .map(({ statement }) => {
      const text = doc.text.slice(statement.span.start, statement.span.end);
      const point = closestPointOfFocus(profile, text);
      return { span: statement.span, text: reasonText(text), ...(point ? { pointOfFocus: point } : {}) };
    });
}

/** Inserts `entry` into `best` (sorted by score, highest first, earlier sentence first on ties) if it is among the `keep` best. */
function keepBest(best: { score: number; statement: Statement }[], entry: { score: number; statement: Statement }, keep: number): void {
  let at = best.length;
  while (at > 0 && best[at - 1].score < entry.score) at--;
  if (at >= keep) return;
  best.splice(at, 0, entry);
  if (best.length > keep) best.pop();
}

/** TSC criteria the document maps already (points of focus count for their criterion). */
export function mappedCriteria(doc: PolicyDocument, catalogs: CatalogSet): Set<string> {
  const ids = new Set<string>();
  for (const list of doc.mappings) {
    if (list.catalogId !== 'tsc') continue;
    for (const item of list.items) {
      const criterion = catalogs.criterionOf(item.raw);
      if (criterion) ids.add(criterion.id);
    }
  }
  return ids;
}

function documentTitle(doc: PolicyDocument): string {
  const h1 = doc.body.sections.find((s) => s.depth === 1)?.heading;
  return doc.title?.value ?? h1 ?? doc.id.replace(/[-_]+/g, ' ');
}

/** For each section, the title and the headings above it: "Access Control Policy / Access reviews". */
function sectionContexts(doc: PolicyDocument): string[] {
  const title = documentTitle(doc);
  const chain: { depth: number; heading: string }[] = [];
  return doc.body.sections.map((section) => {
    while (chain.length && chain[chain.length - 1].depth >= section.depth) chain.pop();
    chain.push({ depth: section.depth, heading: section.heading });
    const headings = chain.map((c) => c.heading);
    return (headings[0] === title ? headings : [title, ...headings]).join(' / ');
  });
}
