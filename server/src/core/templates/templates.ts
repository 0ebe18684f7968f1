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
  /** `customer` for documents customers receive; generated documents say so in their front matter. */
  audience?: 'customer';
  /** Evidence obligations a document of this kind declares; empty for templates that produce no scheduled evidence. */
  obligations: TemplateObligation[];
  file?: string;
}

/**
 * An evidence obligation a template declares (docs/evidence.md): its generated document lists it under
 * `evidence:`, and a record written for any obligation of the same kind starts with its checklist.
 */
export interface TemplateObligation {
  id: string;
  kind: string;
  every?: string;
  on?: 'event';
  owner?: string;
  criteria?: string[];
  grace?: string;
  /** The steps the person performing the control ticks off in the record. */
  checklist: string[];
}

/** Kinds compare like the words they are: "Access Review" and "access  review" are one kind. */
export function normalizeKind(kind: string): string {
  return kind.trim().replace(/\s+/g, ' ').toLowerCase();
}

export interface TemplateSection {
  heading: string;
  aliases: string[];
  guidance: string;
  controls?: string[];
  optional?: boolean;
  /** What an auditor checks when testing this section; goes into the generated guidance comment. */
  auditorLooksFor?: string;
  /** Example policy statements a generated document starts with under the heading (empty when the template has none). */
  statements: TemplateStatement[];
  /** Records the statements produce; goes into the generated guidance comment. */
  evidence: string[];
}

/**
 * An example policy statement. `{name}` in `text` marks an adjustable part whose suggested value is
 * `defaults[name]` (docs/design/templates.md): "Access is reviewed {review_frequency}." with
 * `{review_frequency: at least quarterly}`.
 */
export interface TemplateStatement {
  text: string;
  defaults: Record<string, string>;
}

/** A `{name}` marker of an adjustable part in a statement's text. */
const STATEMENT_MARKER = /\{([a-z][a-z0-9_]*)\}/g;

/** The statement as a new document shows it: every marker replaced by its default. */
export function statementText(statement: TemplateStatement): string {
  return statement.text.replace(STATEMENT_MARKER, (marker, name: string) => statement.defaults[name] ?? marker);
}

/** The statement as literal text and adjustable parts, in order (snippets make each adjustable part a tab stop). */
export function statementParts(statement: TemplateStatement): { text: string; name?: string }[] {
  const parts: { text: string; name?: string }[] = [];
  let last = 0;
  for (const m of statement.text.matchAll(STATEMENT_MARKER)) {
    if (m.index > last) parts.push({ text: statement.text.slice(last, m.index) });
    parts.push({ text: statement.defaults[m[1]] ?? m[0], name: m[1] });
    last = m.index + m[0].length;
  }
  if (last < statement.text.length) parts.push({ text: statement.text.slice(last) });
  return parts;
}

/** What the schema cannot check: markers without a default, and defaults no marker uses. */
export function statementProblems(statement: { text: string; defaults?: Record<string, string> }): string[] {
  const defaults = statement.defaults ?? {};
  const used = new Set([...statement.text.matchAll(STATEMENT_MARKER)].map((m) => m[1]));
  return [
    ...[...used].filter((name) => !Object.hasOwn(defaults, name)).map((name) => `{${name}} has no default`),
    ...Object.keys(defaults).filter((name) => !used.has(name)).map((name) => `default "${name}" is not used in the text`),
  ];
}

/** Words of substance in a template: each section's guidance, auditor notes, statements (defaults filled in) and evidence. */
export function templateWordCount(template: Pick<PolicyTemplate, 'sections'>): number {
  const words = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return template.sections.reduce((n, s) => n + words(s.guidance) + words(s.auditorLooksFor ?? '')
    + s.statements.reduce((m, st) => m + words(statementText(st)), 0)
    + s.evidence.reduce((m, e) => m + words(e), 0), 0);
}

/**
 * Whether an HTML comment (or the text of one) is the guidance comment generated documents carry under a
 * template heading: `<!-- guidance: ... -->`, one or more lines (docs/design/templates.md).
 */
export function isGuidanceComment(html: string): boolean {
  return /^\s*<!--\s*guidance:/i.test(html);
}

export class TemplateSet {
  private readonly byId: Map<string, PolicyTemplate>;
  /** Every section's guidance, whitespace-normalised, built on first use. */
  private guidanceTexts?: Set<string>;
  constructor(readonly templates: PolicyTemplate[]) {
    this.byId = new Map(templates.map((t) => [t.id, t]));
  }
  /** Whether a paragraph is, word for word, the guidance of some template's section (as snippets insert it). */
  isGuidance(paragraph: string): boolean {
    this.guidanceTexts ??= new Set(this.templates.flatMap((t) => t.sections.map((s) => normalizeSpaces(s.guidance))));
    return this.guidanceTexts.has(normalizeSpaces(paragraph));
  }
  get(id: string): PolicyTemplate | undefined {
    return this.byId.get(id);
  }
  requiredSections(id: string): RequiredSection[] | undefined {
    const template = this.byId.get(id);
    return template?.sections.filter((s) => !s.optional).map((s) => ({ heading: s.heading, aliases: s.aliases, guidance: s.guidance }));
  }
  /**
   * Templates that suggest a criterion, best first: documents that set controls before narratives (a system
   * description or a bridge letter describes controls, it does not close a gap), then the fewer criteria a
   * template suggests, the more focused it is.
   */
  suggestFor(criterionId: string): PolicyTemplate[] {
    const narrative = (t: PolicyTemplate) => Number(t.type === 'narrative');
    return this.templates.filter((t) => t.suggestedCriteria.includes(criterionId))
      .sort((a, b) => narrative(a) - narrative(b) || a.suggestedCriteria.length - b.suggestedCriteria.length);
  }
  /** The template obligation whose kind matches an obligation's free-text kind (ignoring case and spacing), if any. */
  obligationOfKind(kind: string | undefined): { template: PolicyTemplate; obligation: TemplateObligation } | undefined {
    if (!kind?.trim()) return undefined;
    const wanted = normalizeKind(kind);
    for (const template of this.templates) {
      const obligation = template.obligations.find((o) => normalizeKind(o.kind) === wanted);
      if (obligation) return { template, obligation };
    }
    return undefined;
  }
}

export function normalizeSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
