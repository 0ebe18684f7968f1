import type { PolicyDocument } from '../parse/policyDocument';

/**
 * Whether a document is a system description: a narrative, or a document whose id names it. Shared by the rules
 * that read the description (subservice organizations it must name, customer responsibilities it declares).
 */
export function isSystemDescription(doc: PolicyDocument): boolean {
  return doc.type === 'narrative' || /system-description/i.test(doc.id);
}
