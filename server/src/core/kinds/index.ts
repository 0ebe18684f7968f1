import type { DocumentKind } from './documentKind';
import { riskKind } from '../risks/riskKind';
import { vendorKind } from '../vendors/vendorKind';
import { evidenceRecordKind } from '../evidence/recordKind';

/**
 * Every document kind besides policies, in match order (the first that matches a file wins). One folder per kind:
 * add its kind here.
 */
export const DOCUMENT_KINDS: readonly DocumentKind[] = [riskKind as DocumentKind, vendorKind as DocumentKind, evidenceRecordKind as DocumentKind];

export { POLICY_KIND, type DocumentKind } from './documentKind';
