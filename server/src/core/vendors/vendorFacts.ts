import type { PolicyDocument } from '../parse/policyDocument';
import type { DateOnly } from '../dates';
import type { Span } from '../types';
import { FieldReader, type FactProblem, type FactValue } from '../kinds/fields';

export const VENDOR_CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type VendorCriticality = (typeof VENDOR_CRITICALITIES)[number];
export const SUBSERVICE_METHODS = ['carve-out', 'inclusive'] as const;
export type SubserviceMethod = (typeof SUBSERVICE_METHODS)[number];
export const REPORT_TYPES = ['type-i', 'type-ii', 'i', 'ii', 'type 1', 'type 2', 'type i', 'type ii'] as const;
export const OPINIONS = ['unqualified', 'qualified', 'adverse', 'disclaimer'] as const;

/** A complementary subservice organization control: what we rely on the vendor for, and the criteria it supports. */
export interface Csoc {
  control: string;
  criteria: FactValue<string>[];
  span: Span;
}

export interface VendorReport {
  keySpan: Span;
  reportType?: FactValue<string>;
  periodEnd?: FactValue<DateOnly>;
  opinion?: FactValue<(typeof OPINIONS)[number]>;
  bridgeLetterUntil?: FactValue<DateOnly>;
  reviewed?: FactValue<DateOnly>;
}

/** Where a new `csocs` entry goes: `withKey` when the front matter has no `csocs` yet (the key is inserted too). */
export interface CsocInsertPoint {
  offset: number;
  /** Indentation of the list's dashes. */
  indent: string;
  withKey: boolean;
  eol: string;
}

/** What rules, reports and features need from one `vendors/<id>.md`. */
export interface VendorFacts {
  file: string;
  id: string;
  idSpan: Span;
  name: string;
  services?: string;
  criticality?: FactValue<VendorCriticality>;
  data: string[];
  subprocessor?: boolean;
  soc2?: VendorReport;
  /** Set for subservice organizations: how the system description treats their controls. */
  method?: FactValue<SubserviceMethod>;
  csocs: Csoc[];
  cuecsReviewed?: boolean;
  reviewCycle?: FactValue<string>;
  lastReviewed?: FactValue<DateOnly>;
  contract?: string;
  dpa?: string;
  headSpan: Span;
  /** Where a quick fix adds a CSOC: after the last `csocs` entry, or as a new `csocs` key before the closing `---`. */
  csocInsert?: CsocInsertPoint;
  problems: FactProblem[];
}

export function readVendorFacts(doc: PolicyDocument): VendorFacts {
  const fields = new FieldReader(doc.frontMatter);
  const headSpan = doc.idField?.span ?? doc.h1 ?? { start: 0, end: 0 };
  const soc2Key = fields.keySpan(['soc2']);
  const csocs: Csoc[] = [];
  for (let index = 0; index < fields.length(['csocs']); index++) {
    const control = fields.text(['csocs', index, 'control']);
    const span = fields.raw(['csocs', index])?.span ?? headSpan;
    if (!control) {
      fields.problems.push({ span, message: 'Each entry of csocs needs a control (what the vendor does that we rely on) and its criteria.' });
      continue;
    }
    csocs.push({ control: control.value, criteria: fields.texts(['csocs', index, 'criteria']), span });
  }
  const name = fields.text(['name']);
  if (!name) fields.problems.push({ span: doc.frontMatter ? fields.endSpan : headSpan, message: 'A vendor needs a name in its front matter.' });
  return {
    file: doc.file,
    id: doc.id,
    idSpan: doc.idField?.span ?? headSpan,
    name: name?.value ?? doc.id,
    services: fields.texts(['services']).map((s) => s.value).join(', ') || undefined,
    criticality: fields.oneOf(['criticality'], VENDOR_CRITICALITIES),
    data: fields.texts(['data']).map((d) => d.value),
    subprocessor: fields.flag(['subprocessor'])?.value,
    soc2: soc2Key
      ? {
          keySpan: soc2Key,
          reportType: fields.text(['soc2', 'report_type']),
          periodEnd: fields.date(['soc2', 'period_end']),
          opinion: fields.oneOf(['soc2', 'opinion'], OPINIONS),
          bridgeLetterUntil: fields.date(['soc2', 'bridge_letter_until']),
          reviewed: fields.date(['soc2', 'reviewed']),
        }
      : undefined,
    method: fields.oneOf(['method'], SUBSERVICE_METHODS),
    csocs,
    cuecsReviewed: fields.flag(['cuecs_reviewed'])?.value,
    reviewCycle: fields.text(['review_cycle']),
    lastReviewed: fields.date(['last_reviewed']),
    contract: fields.text(['contract'])?.value,
    dpa: fields.text(['dpa'])?.value,
    headSpan,
    csocInsert: csocInsertPoint(doc, fields),
    problems: fields.problems,
  };
}

/** Only where the insertion is plain: a block list of csocs, or none yet in a closed native front matter. */
function csocInsertPoint(doc: PolicyDocument, fields: FieldReader): CsocInsertPoint | undefined {
  const fm = doc.frontMatter;
  if (!fm || fm.unclosed || fm.format !== 'native' || fm.source.errors.length) return undefined;
  const { lines } = doc;
  if (!fields.keySpan(['csocs'])) return { offset: lines.lineStart(lines.positionAt(fm.closeSpan.end).line), indent: '', withKey: true, eol: lines.eol };
  const count = fields.length(['csocs']);
  const first = fields.raw(['csocs', 0])?.span;
  const last = fields.raw(['csocs', count - 1])?.span;
  if (!count || !first || !last) return undefined;
  const prefix = /^([ \t]*)- +$/.exec(doc.text.slice(lines.lineStart(lines.positionAt(first.start).line), first.start));
  if (!prefix) return undefined;
  // A block map's range ends after its last line break.
  let end = last.end;
  while (end > last.start && /\s/.test(doc.text[end - 1])) end--;
  const lastLine = lines.positionAt(end).line;
  const offset = lastLine + 1 < lines.lineCount ? lines.lineStart(lastLine + 1) : doc.text.length;
  return { offset, indent: prefix[1], withKey: false, eol: lines.eol };
}
