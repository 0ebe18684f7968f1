import type { RequiredSection } from '../config/config';

/** A policy template from controls-catalog/templates: drives missing-section, snippets and new documents. */
export interface PolicyTemplate {
  id: string;
  title: string;
  type: string;
  summary: string;
  domains: string[];
  suggestedCriteria: string[];
  sections: TemplateSection[];
  file?: string;
}

export interface TemplateSection {
  heading: string;
  aliases: string[];
  guidance: string;
  controls?: string[];
  optional?: boolean;
}

export class TemplateSet {
  private readonly byId: Map<string, PolicyTemplate>;
  constructor(readonly templates: PolicyTemplate[]) {
    this.byId = new Map(templates.map((t) => [t.id, t]));
  }
  get(id: string): PolicyTemplate | undefined {
    return this.byId.get(id);
  }
  requiredSections(id: string): RequiredSection[] | undefined {
    const template = this.byId.get(id);
    return template?.sections.filter((s) => !s.optional).map((s) => ({ heading: s.heading, aliases: s.aliases, guidance: s.guidance }));
  }
  /** Templates that suggest a criterion, best first: the fewer criteria a template suggests, the more focused it is. */
  suggestFor(criterionId: string): PolicyTemplate[] {
    return this.templates.filter((t) => t.suggestedCriteria.includes(criterionId)).sort((a, b) => a.suggestedCriteria.length - b.suggestedCriteria.length);
  }
}
