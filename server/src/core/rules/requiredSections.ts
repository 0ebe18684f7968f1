import type { RequiredSection } from '../config/config';
import { COMPLY_REQUIRED_SECTIONS } from '../config/config';
import type { PolicyDocument } from '../parse/policyDocument';
import type { Environment } from './rule';
import type { Section } from '../parse/markdownBody';

/** Lower case, no numbering ("1.", "2.3)", "A."), no trailing punctuation, "&" read as "and". */
export function normalizeHeading(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/^\s*(?:section\s+)?(?:[0-9]+(?:\.[0-9]+)*|[a-z])[.)]\s+/, '')
    .replace(/^\s*[0-9]+(?:\.[0-9]+)*\s+/, '')
    .replace(/&/g, ' and ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(TRAILING_PUNCTUATION, '')
    .trim();
}

// Whitespace is already trimmed, so this never scans a long run twice (a `[.:;]+\s*$` form was quadratic on long runs of punctuation).
const TRAILING_PUNCTUATION = /(?<![.:;,!?])[.:;,!?]+$/;

/** The names a heading answers to: itself, and each part of "A and B", "A & B", "A, B and C", "A / B". */
export function headingNames(heading: string): string[] {
  const whole = normalizeHeading(heading);
  const parts = whole.split(/\s*(?:,|\/|\band\b)\s*/).filter(Boolean);
  return [whole, ...parts];
}

export function satisfies(heading: string, required: RequiredSection): boolean {
  const names = new Set([required.heading, ...required.aliases].map(normalizeHeading));
  return headingNames(heading).some((n) => names.has(n));
}

/** The first section satisfying each requirement. Each heading is normalised once, so this is linear in headings. */
export function matchRequirements(sections: readonly Section[], required: readonly RequiredSection[]): (Section | undefined)[] {
  const firstByName = new Map<string, Section>();
  for (const section of sections) for (const name of headingNames(section.heading)) if (!firstByName.has(name)) firstByName.set(name, section);
  return required.map((requirement) => {
    let first: Section | undefined;
    for (const name of [requirement.heading, ...requirement.aliases].map(normalizeHeading)) {
      const section = firstByName.get(name);
      if (section && (!first || section.headingSpan.start < first.headingSpan.start)) first = section;
    }
    return first;
  });
}

/** The required sections for a document: its template's, else its type's (comply documents follow comply's outline). */
export function requiredSectionsFor(doc: PolicyDocument, env: Environment): RequiredSection[] {
  if (doc.template) {
    const fromTemplate = env.templates.requiredSections(doc.template.value);
    if (fromTemplate) return fromTemplate;
  }
  if (doc.frontMatter?.format === 'comply') return COMPLY_REQUIRED_SECTIONS.get(doc.type) ?? [];
  return env.config.requiredSections.get(doc.type) ?? [];
}
