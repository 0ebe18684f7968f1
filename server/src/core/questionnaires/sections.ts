import type { PolicyDocument } from '../parse/policyDocument';
import type { Statement } from '../parse/statements';
import { sectionTextHash } from './hash';

/** A heading of a policy document as something an answer can cite (`policies/access-control-policy.md#account-provisioning`). */
export interface CitableSection {
  /** Workspace-relative path. */
  document: string;
  slug: string;
  heading: string;
  /** Index into the document's `body.sections`. */
  index: number;
  /** Headings above it and the document title, for matching ("Access Control Policy / Policy / Account provisioning"). */
  context: string;
  /** The section's own text (up to the next heading of any level), what the hash covers. */
  text: string;
  hash: string;
  /** Its own prose sentences. */
  statements: Statement[];
  /** Criteria the section tag or (when it has none) the document's front matter name. */
  mappedCriteria: string[];
  /** Whether `mappedCriteria` come from the section's own tag rather than the whole document. */
  tagged: boolean;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens ("3.1 Classification levels" -> "31-classification-levels"). */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every section of a document with its unique slug (repeated headings get -1, -2 as on GitHub). */
export function citableSections(doc: PolicyDocument, relative: string, criterionOf: (raw: string) => string | undefined): CitableSection[] {
  const seen = new Map<string, number>();
  const sections = doc.body.sections;
  const ownStatements = sections.map((): Statement[] => []);
  for (const statement of doc.body.statements) if (statement.section >= 0) ownStatements[statement.section].push(statement);
  const documentCriteria = doc.mappings.filter((m) => m.catalogId === 'tsc').flatMap((m) => m.items.map((i) => criterionOf(i.raw)).filter((c): c is string => !!c));
  const chain: string[] = [];
  const title = doc.title?.value ?? sections.find((s) => s.depth === 1)?.heading ?? relative;
  return sections.map((section, index) => {
    const base = headingSlug(section.heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    chain.length = Math.max(0, section.depth - 1);
    chain[section.depth - 1] = section.heading;
    const end = index + 1 < sections.length ? sections[index + 1].headingSpan.start : doc.text.length;
    const text = doc.text.slice(section.headingSpan.end, end);
    const tagged = section.tag?.ids.map((id) => criterionOf(id.raw)).filter((c): c is string => !!c) ?? [];
    const context = [title, ...chain.filter((h) => h && h !== title)].join(' / ');
    return {
      document: relative,
      slug: count ? `${base}-${count}` : base,
      heading: section.heading,
      index,
      context,
      text,
      hash: sectionTextHash(text),
      statements: ownStatements[index],
      mappedCriteria: tagged.length ? tagged : documentCriteria,
      tagged: tagged.length > 0,
    };
  });
}

/**
 * Looks sections up by `document#slug`, the citation key. `sections` are the policies' (what questions are matched
 * against); `citableOnly` are sections an answer may cite without being matched, such as vendor files for carve-outs.
 */
export class SectionLookup {
  private readonly bySlug = new Map<string, CitableSection>();
  private readonly documents = new Set<string>();

  constructor(
    readonly sections: readonly CitableSection[],
    private readonly citableOnly: readonly CitableSection[] = [],
  ) {
    for (const s of [...sections, ...citableOnly]) {
      this.bySlug.set(`${s.document}#${s.slug}`, s);
      this.documents.add(s.document);
    }
  }

  find(document: string, slug: string): CitableSection | undefined {
    return this.bySlug.get(`${document}#${slug}`);
  }

  hasDocument(document: string): boolean {
    return this.documents.has(document);
  }

  /** Sections of a document, for "the heading was renamed" suggestions. */
  inDocument(document: string): CitableSection[] {
    return [...this.sections, ...this.citableOnly].filter((s) => s.document === document);
  }
}
