import picomatch from 'picomatch';
import type { WorkspaceRule } from './rule';
import type { PolicyDocument } from '../parse/policyDocument';
import type { Section } from '../parse/markdownBody';
import type { Span } from '../types';
import { tokenize } from '../suggest/tokenize';
import { relativePath } from '../paths';
import { normalizeHeading } from './requiredSections';
import { isSystemDescription } from './systemDescription';

/** The headings of the section that declares customer responsibilities (after normalisation, without a "(CUECs)" suffix). */
const SECTION_NAMES = new Set(['complementary user entity controls', 'customer responsibilities']);

/** Words that say whose duty it is, not what the duty is: every responsibility has them, so they prove nothing. */
const DUTY_STEMS = new Set(tokenize('customer customers client clients entity entities responsible responsibility responsibilities required requires obligation obligations').map((t) => t.stem));

/** Share of a responsibility's content words one passage must hold to state it (a paraphrase keeps most of them). */
const MATCH_SHARE = 2 / 3;

/** The id of a document that states customer responsibilities when nothing marks it otherwise. */
const CUSTOMER_DOCUMENT_ID = /customer-responsibilit/i;

interface Responsibility {
  text: string;
  span: Span;
  stems: Set<string>;
}

interface Passage {
  doc: PolicyDocument;
  stems: Set<string>;
}

export const customerResponsibilityUnstated: WorkspaceRule = {
  kind: 'workspace',
  code: 'customer-responsibility-unstated',
  defaultSeverity: 'warning',
  summary: 'A customer responsibility listed in the system description appears in no customer-facing document.',
  check(ctx) {
    // Most workspaces declare no responsibilities: then nothing else needs reading, on every edit.
    const describing = ctx.documents.filter((d) => isSystemDescription(d) && d.status !== 'retired' && declaresResponsibilities(d));
    if (!describing.length) return;
    const live = ctx.documents.filter((d) => d.status !== 'retired');
    const customerFacing = customerFacingDocuments(live, ctx.config.customerResponsibilities.customerFacing, ctx.config.root);
    const facing = new Set(customerFacing);
    // A system description that is itself customer-facing states its responsibilities to customers already.
    const declaring = describing.filter((d) => !facing.has(d));
    let passages: PassageIndex | undefined;
    const budget = { postings: CLOSEST_SCAN_BUDGET };
    for (const doc of declaring) {
      // A responsibilities section may sit inside another one ("### Customer Responsibilities" under the CUECs): each item once.
      const seen = new Set<number>();
      for (const section of doc.body.sections.filter((s) => SECTION_NAMES.has(sectionName(s.heading)))) {
        const responsibilities = responsibilitiesIn(doc, section).filter((r) => !seen.has(r.span.start) && seen.add(r.span.start));
        if (!responsibilities.length) continue;
        if (!customerFacing.length) {
          ctx.report(doc.file, { span: section.textSpan, message: noCustomerDocumentMessage(section, responsibilities.length, ctx.config.customerResponsibilities.customerFacing) });
          continue;
        }
        passages ??= indexPassages(customerFacing.flatMap(passagesOf));
        for (const responsibility of responsibilities) {
          const best = bestPassage(responsibility, passages, budget);
          if (best.held >= needed(responsibility)) continue;
          ctx.report(doc.file, { span: responsibility.span, message: unstatedMessage(responsibility, customerFacing, best) });
        }
      }
    }
  },
};

/** Whether a document has a customer responsibilities section; read once per parsed document (a document never changes). */
function declaresResponsibilities(doc: PolicyDocument): boolean {
  let declares = declaringByDocument.get(doc);
  if (declares === undefined) declaringByDocument.set(doc, (declares = doc.body.sections.some((s) => SECTION_NAMES.has(sectionName(s.heading)))));
  return declares;
}

const declaringByDocument = new WeakMap<PolicyDocument, boolean>();

/** "7. Customer Responsibilities (CUECs):" reads as "customer responsibilities". */
function sectionName(heading: string): string {
  return normalizeHeading(heading).replace(/\s*\([^)]*\)$/, '').trim();
}

/** The configured documents, or else those marked `audience: customer` or named like customer-responsibilities. */
function customerFacingDocuments(documents: readonly PolicyDocument[], globs: readonly string[], root: string): PolicyDocument[] {
  if (globs.length) {
    const matches = picomatch([...globs]);
    return documents.filter((d) => matches(relativePath(root, d.file)));
  }
  return documents.filter((d) => isForCustomers(d.frontMatter?.data.audience) || CUSTOMER_DOCUMENT_ID.test(d.id));
}

function isForCustomers(audience: unknown): boolean {
  const values = Array.isArray(audience) ? audience : [audience];
  return values.some((v) => typeof v === 'string' && /^customers?$/i.test(v.trim()));
}

/**
 * Each top-level item of the section's lists is one responsibility, read from the sentences the parser already found:
 * a sentence whose line starts with a list marker opens an item, further sentences continue it, and items whose
 * marker is indented deeper than the first are details of their parent (left out of its words).
 */
function responsibilitiesIn(doc: PolicyDocument, section: Section): Responsibility[] {
  const { start, end } = section.contentSpan;
  const items: Span[][] = [];
  let topColumn: number | undefined;
  let nested = false;
  for (const statement of doc.body.statements) {
    if (statement.span.start < start || statement.span.start >= end || statement.kind !== 'listItem' || statement.quoted) continue;
    const lineStart = doc.text.lastIndexOf('\n', statement.span.start - 1) + 1;
    const marker = LIST_MARKER.exec(doc.text.slice(lineStart, statement.span.start));
    if (marker) {
      const column = marker[1].length;
      topColumn = Math.min(topColumn ?? column, column);
      nested = column > topColumn;
      if (!nested) items.push([]);
    }
    if (!nested) items[items.length - 1]?.push(statement.span);
  }
  return items.flatMap((spans) => {
    const span = { start: spans[0].start, end: spans[spans.length - 1].end };
    const text = readable(doc.text.slice(span.start, span.end));
    const stems = contentStems(text);
    return stems.size ? [{ text, span, stems }] : [];
  });
}

/** What may stand between a line's start and an item's first word: indentation and one bullet or number. */
const LIST_MARKER = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?$/;

/** The words as a reader sees them: no comments, link targets or emphasis marks. */
function readable(markdown: string): string {
  return withoutComments(markdown).replace(/\]\([^()\s]*\)/g, ']').replace(/[*_`[\]]/g, '').replace(/\s+/g, ' ').trim();
}

/** The text without HTML comments (an unclosed one runs to the end), in one pass. */
function withoutComments(text: string): string {
  let out = '';
  for (let at = 0; ; ) {
    const open = text.indexOf('<!--', at);
    if (open < 0) return out + text.slice(at);
    out += text.slice(at, open) + ' ';
    const close = text.indexOf('-->', open + 4);
    if (close < 0) return out;
    at = close + 3;
  }
}

function contentStems(text: string): Set<string> {
  return new Set(tokenize(text).map((t) => t.stem).filter((stem) => !DUTY_STEMS.has(stem)));
}

/**
 * What a customer reads as one statement: each sentence, and each run of sentences of one paragraph or list item
 * (sentences are one container when only spaces and at most one line break lie between them).
 */
function passagesOf(doc: PolicyDocument): Passage[] {
  const passages: Passage[] = [];
  const textOf = (span: Span) => withoutComments(doc.text.slice(span.start, span.end));
  let run: Span | undefined;
  let sentences = 0;
  const closeRun = () => {
    if (run && sentences > 1) passages.push({ doc, stems: contentStems(textOf(run)) });
    run = undefined;
    sentences = 0;
  };
  for (const statement of doc.body.statements) {
    passages.push({ doc, stems: contentStems(textOf(statement.span)) });
    if (run && !/^[ \t]*(\r?\n)?[ \t]*$/.test(doc.text.slice(run.end, statement.span.start))) closeRun();
    run = run ? { start: run.start, end: statement.span.end } : { ...statement.span };
    sentences++;
  }
  closeRun();
  return passages;
}

function needed(responsibility: Responsibility): number {
  return Math.max(1, Math.ceil(responsibility.stems.size * MATCH_SHARE - 1e-9));
}

/** The passages, and for each stem the passages holding it: a responsibility is compared only with passages sharing a word. */
interface PassageIndex {
  passages: readonly Passage[];
  byStem: ReadonlyMap<string, readonly number[]>;
}

function indexPassages(passages: readonly Passage[]): PassageIndex {
  const byStem = new Map<string, number[]>();
  passages.forEach((passage, index) => {
    for (const stem of passage.stems) (byStem.get(stem) ?? byStem.set(stem, []).get(stem)!).push(index);
  });
  return { passages, byStem };
}

/** Postings one check may read to name the closest passages of unstated responsibilities; past it, messages go without. */
const CLOSEST_SCAN_BUDGET = 200_000;

/**
 * A passage holding enough of the responsibility's stems, else the closest one. Only passages holding one of the
 * rarest stems can qualify (a passage missing all `size - needed + 1` of them holds fewer than `needed`), so only those
 * are counted: the work follows the rare words, not the size of the documents. The closest passage, for the message,
 * is looked for only while the check's budget of postings lasts.
 */
function bestPassage(responsibility: Responsibility, index: PassageIndex, budget: { postings: number }): { held: number; doc?: PolicyDocument } {
  const stems = [...responsibility.stems];
  const postings = (stem: string) => index.byStem.get(stem) ?? [];
  const enough = needed(responsibility);
  const rarest = stems.sort((a, b) => postings(a).length - postings(b).length || (a < b ? -1 : a > b ? 1 : 0)).slice(0, stems.length - enough + 1);
  for (const rare of rarest) {
    for (const candidate of postings(rare)) {
      const passage = index.passages[candidate];
      let held = 0;
      for (const stem of stems) if (passage.stems.has(stem)) held++;
      if (held >= enough) return { held, doc: passage.doc };
    }
  }
  const cost = stems.reduce((n, stem) => n + postings(stem).length, 0);
  if (cost > budget.postings) return { held: 0 };
  budget.postings -= cost;
  const held = new Map<number, number>();
  for (const stem of stems) for (const passage of postings(stem)) held.set(passage, (held.get(passage) ?? 0) + 1);
  let best = { held: 0, index: -1 };
  // The first passage in document order wins a tie, so the message is the same on every run.
  for (const [passage, count] of held) if (count > best.held || (count === best.held && passage < best.index)) best = { held: count, index: passage };
  return { held: best.held, doc: best.index >= 0 ? index.passages[best.index].doc : undefined };
}

function quote(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77).trimEnd()}...` : text;
}

function unstatedMessage(responsibility: Responsibility, customerFacing: readonly PolicyDocument[], best: { held: number; doc?: PolicyDocument }): string {
  const where = customerFacing.map((d) => d.id).join(', ');
  const closest = best.doc ? ` The closest passage, in ${best.doc.id}, has ${best.held} of its ${responsibility.stems.size} key words.` : '';
  return `Customer responsibility "${quote(responsibility.text)}" is declared in the system description but no customer-facing document states it (${where}).${closest} Tell customers what they must do, in their words, in one of those documents.`;
}

function noCustomerDocumentMessage(section: Section, count: number, globs: readonly string[]): string {
  const how = globs.length
    ? `customerResponsibilities.customerFacing in soc2-policy.yaml (${globs.join(', ')}) matches no document`
    : 'no document is customer-facing (front matter audience: customer, or an id containing customer-responsibilities, or customerResponsibilities.customerFacing in soc2-policy.yaml)';
  return `"${section.heading}" declares ${count} customer responsibilit${count === 1 ? 'y' : 'ies'}, but ${how}. Customers must be told what they are responsible for.`;
}
