import { isMap, isSeq } from 'yaml';
import type { PolicyDocument } from '../parse/policyDocument';
import type { Span } from '../types';
import { FieldReader, type FactProblem } from '../kinds/fields';
import { nodeAt } from '../yaml/yamlSource';
import { normalizeCron, parseEvery, type CronDialect, type EveryUnit } from './windows';

/** How often a control must produce evidence: a calendar unit, a cron schedule, or once per event (counted, not scheduled). */
export type Schedule =
  | { every: EveryUnit }
  | { cron: string; written: string; dialect: CronDialect }
  | { on: 'event' };

/** One evidence obligation a policy or procedure declares (front matter `evidence:` or comply `cron:`). */
export interface Obligation {
  id: string;
  idSpan: Span;
  /** The declaring document (absolute path). */
  document: string;
  kind?: string;
  schedule: Schedule;
  owner?: string;
  criteria: string[];
  /** Days after a window closes before its missing record is reported. */
  graceDays: number;
  /** The document is not approved (draft or retired): its obligations are plans, not yet controls. */
  inactive: boolean;
}

export interface ObligationProblem extends FactProblem {
  /** Information rather than an error (a comply cron read seconds-first, which is valid but often not meant). */
  severity?: 'info';
}

export const OBLIGATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Common evidence kinds, offered by completion; `kind` is free text. */
export const COMMON_EVIDENCE_KINDS = [
  'access review',
  'restore test',
  'vulnerability scan review',
  'penetration test',
  'incident tabletop',
  'onboarding checklist',
  'offboarding checklist',
  'security training',
  'vendor review',
  'risk assessment',
  'change review',
  'backup report',
  'policy review',
  'board meeting minutes',
] as const;

/** Parses `10d`, `2w`, `10 days`, `P7D`, or a number of days. */
export function parseGrace(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const match = /^\s*(?:P)?(\d+)\s*(d|w|days?|weeks?)\s*$/i.exec(String(value));
  if (!match) return undefined;
  return Number(match[1]) * (match[2].toLowerCase().startsWith('w') ? 7 : 1);
}

/** The obligations a document declares, and what is wrong with the declarations. */
/**
 * Read once per parsed document: workspace rules ask for every document's obligations after each edit, and a
 * PolicyDocument never changes once parsed (an edit makes a new one), so a weak cache is invisible to callers.
 */
const obligationsByDocument = new WeakMap<PolicyDocument, { obligations: Obligation[]; problems: ObligationProblem[] }>();

/** A document revived from the warm cache comes with the obligations read when it was first parsed. */
export function rememberObligations(doc: PolicyDocument, read: { obligations: Obligation[]; problems: ObligationProblem[] }): void {
  obligationsByDocument.set(doc, read);
}

export function obligationsOf(doc: PolicyDocument): { obligations: Obligation[]; problems: ObligationProblem[] } {
  let read = obligationsByDocument.get(doc);
  if (!read) obligationsByDocument.set(doc, (read = readObligations(doc)));
  return read;
}

function readObligations(doc: PolicyDocument): { obligations: Obligation[]; problems: ObligationProblem[] } {
  const fm = doc.frontMatter;
  const obligations: Obligation[] = [];
  const problems: ObligationProblem[] = [];
  if (!fm || fm.source.errors.length) return { obligations, problems };
  const reader = new FieldReader(fm);
  const inactive = doc.status === 'draft' || doc.status === 'retired';
  const mapped = doc.mappings.filter((list) => list.catalogId === 'tsc').flatMap((list) => list.items.map((item) => item.raw));
  const list = nodeAt(fm.source, ['evidence']);
  if (list && !isSeq(list)) problems.push({ span: reader.keySpan(['evidence'])!, message: 'evidence must be a list of obligations, each with an id and every, cron or on.' });
  const items = isSeq(list) ? list.items.length : 0;
  for (let index = 0; index < items; index++) {
    const at = (key: string) => ['evidence', index, key];
    if (!isMap(nodeAt(fm.source, ['evidence', index]))) {
      problems.push({ span: reader.raw(['evidence', index])?.span ?? reader.keySpan(['evidence'])!, message: 'Each evidence entry is a map with id and every, cron or on.' });
      continue;
    }
    const id = reader.text(at('id'));
    const entrySpan = reader.raw(['evidence', index])!.span;
    if (!id || !OBLIGATION_ID.test(id.value)) {
      problems.push({ span: id?.span ?? entrySpan, message: id ? `Obligation id "${id.value}" may hold letters, digits, dots, dashes and underscores only: records name it in a folder.` : 'This obligation has no id. Records refer to it by id, e.g. id: access-review.' });
      continue;
    }
    const every = reader.text(at('every'));
    const cron = reader.text(at('cron'));
    const on = reader.text(at('on'));
    const declared = [every, cron, on].filter(Boolean).length;
    if (declared !== 1) {
      problems.push({ span: id.span, message: declared ? `Obligation "${id.value}" declares more than one of every, cron and on; keep one.` : `Obligation "${id.value}" needs a schedule: every: quarter (day, week, month, quarter, half-year, year), cron: "0 9 1 * *", or on: event.` });
      continue;
    }
    let schedule: Schedule | undefined;
    if (every) {
      const unit = parseEvery(every.value);
      if (unit) schedule = { every: unit };
      else problems.push({ span: every.span, message: `every "${every.value}" is not a schedule. Write day, week, month, quarter, half-year or year (or use cron:).` });
    } else if (cron) {
      const read = normalizeCron(cron.value, 'standard');
      if (read.expression) schedule = { cron: read.expression, written: cron.value, dialect: 'standard' };
      else problems.push({ span: cron.span, message: read.error! });
    } else if (on) {
      if (on.value.toLowerCase() === 'event' || on.value.toLowerCase().startsWith('event:')) schedule = { on: 'event' };
      else problems.push({ span: on.span, message: `on "${on.value}" is not known. Write on: event for controls performed per occurrence (a hire, a departure).` });
    }
    const graceRaw = reader.raw(at('grace'));
    const graceDays = graceRaw ? parseGrace(graceRaw.value) : 0;
    if (graceRaw && graceDays === undefined) problems.push({ span: graceRaw.span, message: `grace "${String(graceRaw.value)}" is not a number of days. Write it like 10d or 2w.` });
    if (!schedule) continue;
    const criteria = reader.texts(at('criteria')).map((c) => c.value);
    obligations.push({
      id: id.value,
      idSpan: id.span,
      document: doc.file,
      kind: reader.text(at('kind'))?.value,
      schedule,
      owner: reader.text(at('owner'))?.value ?? doc.owner?.value,
      criteria: criteria.length ? criteria : mapped,
      graceDays: graceDays ?? 0,
      inactive,
    });
  }
  problems.push(...reader.problems.filter((p) => !problems.some((q) => q.span.start === p.span.start)));
  const complyCron = reader.text(['cron']);
  if (complyCron) obligations.push(...complyObligation(doc, complyCron, mapped, inactive, problems));
  return { obligations, problems };
}

/** strongdm/comply's procedure `cron:` (seconds first), read as it is: an obligation named after the procedure. */
function complyObligation(doc: PolicyDocument, cron: { value: string; span: Span }, mapped: string[], inactive: boolean, problems: ObligationProblem[]): Obligation[] {
  const read = normalizeCron(cron.value, 'comply');
  if (!read.expression) {
    problems.push({ span: cron.span, message: `${read.error} comply's scheduler skips it silently.` });
    return [];
  }
  if (!cron.value.trim().startsWith('@') && cron.value.trim().split(/\s+/).length === 5) {
    problems.push({
      span: cron.span,
      severity: 'info',
      message: `comply reads cron "${cron.value}" seconds-first (seconds minute hour day month), so it fires every day it matches, not once a month as in a crontab. If you meant a standard crontab, put a 0 in front for the seconds.`,
    });
  }
  return [{ id: doc.id, idSpan: doc.idField?.span ?? cron.span, document: doc.file, schedule: { cron: read.expression, written: cron.value, dialect: 'comply' }, owner: doc.owner?.value, criteria: mapped, graceDays: 0, inactive }];
}

/**
 * Every obligation of the workspace by id; the first declaration of an id wins (documents come in path order).
 * Built once per list of documents: the analyzer hands every rule the same list until a policy document changes.
 */
export function obligationIndex(documents: readonly PolicyDocument[]): ReadonlyMap<string, Obligation> {
  let byId = indexByDocuments.get(documents);
  if (!byId) {
    byId = new Map<string, Obligation>();
    for (const doc of documents) for (const obligation of obligationsOf(doc).obligations) if (!byId.has(obligation.id)) byId.set(obligation.id, obligation);
    indexByDocuments.set(documents, byId);
  }
  return byId;
}

const indexByDocuments = new WeakMap<readonly PolicyDocument[], Map<string, Obligation>>();

/** How a schedule is written, for reports: `every: quarter`, `cron: 0 9 1 * *`, `on: event`. */
export function describeSchedule(schedule: Schedule): string {
  if ('every' in schedule) return `every ${schedule.every}`;
  if ('cron' in schedule) return `cron "${schedule.written}"`;
  return 'on event';
}
