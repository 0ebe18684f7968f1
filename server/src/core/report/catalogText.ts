import type { Catalog } from '../catalog/catalog';

/** A terminal listing of catalogs: criteria under their series, with point-of-focus counts. */
export function renderCatalogText(catalogs: readonly Catalog[]): string {
  const out: string[] = [];
  for (const catalog of catalogs) {
    const points = catalog.controls.reduce((n, c) => n + c.pointsOfFocus.length, 0);
    out.push(`${catalog.title} (${catalog.id}): ${catalog.controls.length} controls${points ? `, ${points} points of focus` : ''}`);
    const seriesIds = [...new Set(catalog.controls.map((c) => c.series ?? ''))];
    for (const seriesId of seriesIds) {
      const title = catalog.series.find((s) => s.id === seriesId)?.title;
      if (seriesId) out.push(`  ${seriesId}${title ? ` ${title}` : ''}`);
      for (const control of catalog.controls.filter((c) => (c.series ?? '') === seriesId)) {
        const count = control.pointsOfFocus.length ? `  [${control.pointsOfFocus.length} points of focus]` : '';
        out.push(`    ${control.id.padEnd(7)} ${control.title}${count}`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}
