import type { DocumentKind } from '../kinds/documentKind';
import { readVendorFacts, type VendorFacts } from './vendorFacts';

export const VENDOR_KIND = 'vendor';

/** `vendors/<id>.md` anywhere in the workspace, or any document whose front matter says `type: vendor`. */
export const vendorKind: DocumentKind<VendorFacts> = {
  id: VENDOR_KIND,
  matches: (relative, doc) => /(^|\/)vendors\/[^/]+$/i.test(relative) || doc.type === 'vendor',
  facts: readVendorFacts,
};
