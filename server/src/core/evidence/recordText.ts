import { formatDate, type DateOnly } from '../dates';
import type { TemplateSet } from '../templates/templates';

/** The steps of an evidence template a new record starts with (docs/evidence.md#evidence-templates). */
export interface RecordChecklist {
  /** Title of the template the steps come from. */
  template: string;
  items: string[];
}

export interface NewRecord {
  obligation: string;
  performed: DateOnly;
  recorded: DateOnly;
  by?: string;
  result: 'pass' | 'fail' | 'exception';
  link?: string;
  /** Workspace-relative path of the attached file and its SHA-256. */
  file?: { path: string; sha256: string };
  /** Steps to tick off, from the template whose obligation kind matches; none for other kinds. */
  checklist?: RecordChecklist;
}

/**
 * The checklist for a record of an obligation of `kind`: the one of the template obligation with the same kind
 * (ignoring case and spacing). Shared by `evidence record` and the editor's Record Evidence command.
 */
export function checklistFor(templates: TemplateSet, kind: string | undefined): RecordChecklist | undefined {
  const match = templates.obligationOfKind(kind);
  return match && { template: match.template.title, items: match.obligation.checklist };
}

/** The text of a new evidence record (docs/evidence.md), written by `evidence record` and the editor command. */
export function renderRecord(record: NewRecord): string {
  const quote = (value: string) => (/^[\w./@:+-]+$/.test(value) && !/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) ? value : JSON.stringify(value));
  const lines = ['---', `obligation: ${record.obligation}`, `performed: ${formatDate(record.performed)}`, `recorded: ${formatDate(record.recorded)}`];
  if (record.by) lines.push(`by: ${quote(record.by)}`);
  lines.push(`result: ${record.result}`);
  if (record.link) lines.push(`link: ${quote(record.link)}`);
  if (record.file) lines.push(`file: ${quote(record.file.path)}`, `sha256: ${record.file.sha256}`);
  // A fail or exception still needs a Remediation section: evidence-failed-unresolved asks for it until written.
  lines.push('---', '', 'Notes: what was checked, by whom, and what was found.', '');
  if (record.checklist?.items.length) {
    lines.push('## Checklist', '', `From the ${record.checklist.template} template: tick each step done, and say why for any step skipped.`, '');
    lines.push(...record.checklist.items.map((item) => `- [ ] ${item.replace(/\s+/g, ' ').trim()}`), '');
  }
  return lines.join('\n');
}

/** `evidence/<obligation>/<date>.md`, or `<date>-2.md` and on when taken: records are never overwritten. */
export function recordPath(obligation: string, performed: DateOnly, taken: (relative: string) => boolean): string {
  const base = `evidence/${obligation}/${formatDate(performed)}`;
  if (!taken(`${base}.md`)) return `${base}.md`;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}.md`)) return `${base}-${n}.md`;
}
