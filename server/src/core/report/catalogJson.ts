import type { Catalog } from '../catalog/catalog';
import type { TemplateSet } from '../templates/templates';
import { ALL_RULES, docsUrl } from '../rules';
import type { CatalogJson } from './contracts';

/** The `catalog --format json` contract: catalogs with their controls, plus templates and rules. */
export function catalogJson(catalogs: readonly Catalog[], templates: TemplateSet): CatalogJson {
  return {
    catalogs: catalogs.map((catalog) => ({
      id: catalog.id,
      title: catalog.title,
      ...(catalog.edition !== undefined ? { edition: catalog.edition } : {}),
      indicative: catalog.indicative,
      categories: catalog.categories.map((c) => ({ id: c.id, title: c.title, ...(c.description ? { description: c.description } : {}) })),
      series: catalog.series.map((s) => ({ id: s.id, title: s.title, ...(s.category ? { category: s.category } : {}) })),
      controls: catalog.controls.map((control) => ({
        id: control.id,
        title: control.title,
        ...(control.category !== undefined ? { category: control.category } : {}),
        ...(control.series !== undefined ? { series: control.series } : {}),
        description: control.description,
        ...(control.coso !== undefined ? { coso: control.coso } : {}),
        pointsOfFocus: control.pointsOfFocus.map((p) => ({ id: p.id, title: p.title, summary: p.summary, ...(p.appliesTo ? { appliesTo: p.appliesTo } : {}), ...(p.roles ? { roles: p.roles } : {}) })),
        mappings: control.mappings,
        ...(control.mappingNotes ? { mappingNotes: control.mappingNotes } : {}),
      })),
    })),
    templates: templates.templates.map((t) => ({
      id: t.id,
      title: t.title,
      type: t.type,
      summary: t.summary,
      suggestedCriteria: t.suggestedCriteria,
      sections: t.sections.map((s) => ({
        heading: s.heading,
        aliases: s.aliases,
        ...(s.controls ? { controls: s.controls } : {}),
        ...(s.optional ? { optional: true } : {}),
      })),
    })),
    rules: ALL_RULES.map((r) => ({ code: r.code, defaultSeverity: r.defaultSeverity, summary: r.summary, helpUri: docsUrl(r.code) })),
  };
}
