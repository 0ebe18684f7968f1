import type { RequiredSection } from '../config/config';
import { COMPLY_REQUIRED_SECTIONS } from '../config/config';
import type { PolicyDocument } from '../parse/policyDocument';
import type { Environment } from './rule';

/** Lower case, no numbering ("1.", "2.3)", "A."), no trailing punctuation, "&" read as "and". */
export function normalizeHeading(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/^\s*(?:section\s+)?(?:[0-9]+(?:\.[0-9]+)*|[a-z])[.)]\s+/, '')
    .replace(/^\s*[0-9]+(?:\.[0-9]+)*\s+/, '')
    .replace(/&/g, ' and ')
    .replace(/[.:;,!?]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

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

/** The required sections for a document: its template's, else its type's (comply documents follow comply's outline). */
export function requiredSectionsFor(doc: PolicyDocument, env: Environment): RequiredSection[] {
  if (doc.template) {
    const fromTemplate = env.templates.requiredSections(doc.template.value);
    if (fromTemplate) return fromTemplate;
  }
  if (doc.frontMatter?.format === 'comply') return COMPLY_REQUIRED_SECTIONS[doc.type] ?? [];
  return env.config.requiredSections[doc.type] ?? [];
}
