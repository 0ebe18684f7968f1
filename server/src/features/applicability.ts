import { pointOfFocusApplies, type CatalogSet, type PointOfFocus } from '../core/catalog/catalog';
import type { DocumentTarget } from '../session/session';

/** Said wherever point-of-focus ids are shown: the numbers are ours, not the framework's. */
export const POINT_NUMBERING_NOTE = "Point-of-focus numbers are this product's own: the AICPA text lists points of focus without numbers.";

/** The categories in scope when the config declares a scope; undefined when it does not (every category is still open). */
export function declaredScope(target: DocumentTarget): ReadonlySet<string> | undefined {
  if (!target.analyzer.currentConfig.scope.declared) return undefined;
  return new Set(target.root.coverage()?.summary.categories.filter((c) => c.inScope).map((c) => c.id) ?? target.analyzer.currentConfig.scope.categories);
}

/** False only when a scope is declared and the point of focus is limited to categories none of which is in it. */
export function applies(point: PointOfFocus, scope: ReadonlySet<string> | undefined): boolean {
  return !scope || pointOfFocusApplies(point, scope);
}

/** "Privacy or Confidentiality", in the catalog's own category titles. */
export function limitedTo(point: PointOfFocus, catalogs: CatalogSet, catalogId: string): string | undefined {
  const categories = (point.appliesTo ?? []).filter((scope) => scope !== 'system-level');
  if (!categories.length) return undefined;
  const titles = catalogs.get(catalogId)?.categories;
  return categories.map((id) => titles?.find((c) => c.id === id)?.title ?? id).join(' or ');
}

/** One line on where the point of focus applies (category, system level, privacy role); undefined when it always applies. */
export function applicabilityLine(point: PointOfFocus, catalogs: CatalogSet, catalogId: string, scope: ReadonlySet<string> | undefined): string | undefined {
  const parts: string[] = [];
  const categories = limitedTo(point, catalogs, catalogId);
  if (categories) parts.push(applies(point, scope) ? `Applies only when ${categories} is in scope` : `Not applicable: ${categories} is not in this workspace's scope`);
  if (point.appliesTo?.includes('system-level')) parts.push('Applies to system-level engagements, as every SOC 2 examination is');
  if (point.roles?.length) parts.push(`Privacy role: ${roleText(point.roles)}`);
  return parts.length ? parts.join('. ') + '.' : undefined;
}

/** "not applicable: Privacy not in scope", for lists. */
export function notApplicableLabel(point: PointOfFocus, catalogs: CatalogSet, catalogId: string): string {
  return `not applicable: ${limitedTo(point, catalogs, catalogId) ?? 'its category'} not in scope`;
}

export function roleText(roles: readonly string[]): string {
  const words = roles.map((role) => (role === 'controller' ? 'data controller' : role === 'processor' ? 'data processor' : role));
  return words.length === 2 ? `${words[0]} and ${words[1]}` : words.join(', ');
}
