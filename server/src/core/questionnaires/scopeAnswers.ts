import type { Answer, Citation } from './model';
import type { CitableSection } from './sections';

/**
 * Answers about criteria our own policies do not carry: excluded from the audit (soc2-policy.yaml scope.exclusions)
 * or carved out to a subservice organization (vendors/<id>.md, method: carve-out, csocs). Saying "yes, our policy
 * covers it" would be wrong for both; the answer says who carries the control instead, and cites where that is written.
 */

/** A criterion carried by a subservice organization under the carve-out method, as an answer cites it. */
export interface CarvedOutCriterion {
  vendorId: string;
  vendorName: string;
  /** The section of vendors/<id>.md to cite: the one naming the criterion, else the first with prose. */
  vendorSection?: CitableSection;
  /** The vendor's controls (CSOCs) for the criterion. */
  controls: readonly string[];
  /** True when an approved document maps our monitoring of vendors (CC9.2) and names this one. */
  monitored: boolean;
  /** Ids of the documents that monitor it. */
  monitoredBy: readonly string[];
  /** The section of such a document that names the vendor, cited beside the vendor file. */
  monitoringSection?: CitableSection;
}

export interface CriterionAsked {
  id: string;
  title?: string;
  /** Every criterion the question concerns (the answer's `criteria`). */
  all: string[];
  confidence: number;
}

/** `n/a`, with the reason soc2-policy.yaml gives for the exclusion. */
export function excludedAnswer(asked: CriterionAsked, reason: string): Answer {
  const why = reason.trim() ? sentence(reason.trim()) : 'soc2-policy.yaml gives no reason.';
  return { value: 'n/a', text: `Not applicable: ${named(asked)} is excluded from the scope of our SOC 2 audit. ${why}`, criteria: asked.all, citations: [], confidence: asked.confidence, status: 'draft' };
}

/**
 * The subservice organization carries the control; we monitor it. `yes` when a document maps that monitoring
 * (what the auditor tests under the carve-out method), else `partial`.
 * `monitoringStatement` picks the sentence of the monitoring section to quote.
 */
export function carvedOutAnswer(asked: CriterionAsked, carriers: readonly CarvedOutCriterion[], monitoringStatement: (section: CitableSection, carrier: CarvedOutCriterion) => string | undefined): Answer {
  const monitored = carriers.every((c) => c.monitored);
  const sentences = carriers.flatMap((c) => {
    const controls = c.controls.map((control) => lowerFirst(control.trim().replace(/[.;]+$/, ''))).filter(Boolean);
    const carried = `${named(asked)} is carried by our subservice organization ${c.vendorName} (carve-out method), not by our own policies${controls.length ? `: ${controls.join('; ')}` : ''}.`;
    if (!c.monitored) return [carried, `No approved document that maps vendor monitoring (CC9.2) names ${c.vendorName} yet.`];
    const quoted = c.monitoringSection ? monitoringStatement(c.monitoringSection, c) : undefined;
    const how = c.monitoringSection ? `We monitor ${c.vendorName} as "${c.monitoringSection.heading}" in ${c.monitoringSection.document} describes.` : `We monitor ${c.vendorName} (${c.monitoredBy.join(', ')}).`;
    return quoted ? [carried, how, quoted] : [carried, how];
  });
  const sections = carriers.flatMap((c) => [c.vendorSection, c.monitored ? c.monitoringSection : undefined]).filter((s): s is CitableSection => !!s);
  const citations: Citation[] = [];
  for (const s of sections) if (!citations.some((c) => c.document === s.document && c.section === s.slug)) citations.push({ document: s.document, section: s.slug, hash: s.hash });
  return { value: monitored ? 'yes' : 'partial', text: [monitored ? 'Yes.' : 'Partially.', ...sentences].join(' '), criteria: asked.all, citations, confidence: asked.confidence, status: 'draft' };
}

function named(asked: CriterionAsked): string {
  return asked.title ? `${asked.title} (${asked.id})` : asked.id;
}

function lowerFirst(text: string): string {
  // Keep acronyms and names as written ("AWS", "Okta"): only a capitalised ordinary word is lowered.
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
