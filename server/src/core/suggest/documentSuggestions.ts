import type { CatalogSet } from '../catalog/catalog';
import type { PolicyDocument } from '../parse/policyDocument';
import type { SuggestionIndex } from './index';
import { mappedCriteria, suggestCriteria, type CriterionSuggestion } from './suggest';

/** Documents that map more TSC criteria than this were tagged by someone: editor suggestions are for the untagged. */
export const FEW_MAPPINGS = 2;

/**
 * What the editor suggests for a document with no or few mappings (none for a tagged one), best first.
 * Ranked as if nothing were mapped, so accepting one suggestion never makes another appear.
 */
export function editorSuggestions(doc: PolicyDocument, index: SuggestionIndex, catalogs: CatalogSet): CriterionSuggestion[] {
  const mapped = mappedCriteria(doc, catalogs);
  if (mapped.size > FEW_MAPPINGS) return [];
  return suggestCriteria(doc, index).filter((s) => !mapped.has(s.id));
}
