import type { DocumentKind } from './documentKind';

/**
 * Every document kind besides policies, in match order (the first that matches a file wins). One folder per kind:
 * add its kind here.
 */
export const DOCUMENT_KINDS: readonly DocumentKind[] = [];

export { POLICY_KIND, type DocumentKind } from './documentKind';
