import { formatDate } from '../dates';
import { relativePath } from '../paths';
import { describeSchedule } from './obligations';
import type { EvidencePlan, ObligationPlan } from './plan';

/** The JSON contract of `soc2-policy evidence --format json` (docs/evidence.md); scripts rely on its shape. */
export interface EvidenceJson {
  period: { start: string; end: string };
  obligations: {
    id: string;
    document: string;
    criteria: string[];
    every?: string;
    cron?: string;
    on?: string;
    owner?: string;
    kind?: string;
    windows: { start: string; end: string; status: string; records: string[] }[];
    records?: string[];
  }[];
}

export function evidenceJson(plan: EvidencePlan, root: string): EvidenceJson {
  const rel = (file: string) => relativePath(root, file);
  return {
    period: { start: formatDate(plan.period.start), end: formatDate(plan.period.end) },
    obligations: plan.obligations.map(({ obligation, windows, recordsInPeriod }) => {
      const { schedule } = obligation;
      return {
        id: obligation.id,
        document: rel(obligation.document),
        criteria: obligation.criteria,
        ...('every' in schedule ? { every: schedule.every } : 'cron' in schedule ? { cron: schedule.written } : { on: schedule.on }),
        ...(obligation.owner ? { owner: obligation.owner } : {}),
        ...(obligation.kind ? { kind: obligation.kind } : {}),
        windows: windows.map((w) => ({ start: formatDate(w.start), end: formatDate(w.end), status: w.status, records: w.records.map(rel) })),
        ...('on' in schedule ? { records: recordsInPeriod.map(rel) } : {}),
      };
    }),
  };
}

/** "9 of 12 windows recorded, 1 missing, next due 2026-12-31": one line per obligation for lenses and the tree. */
export function obligationSummary(plan: ObligationPlan): string {
  if ('on' in plan.obligation.schedule) return `${plan.recordsInPeriod.length} record${plan.recordsInPeriod.length === 1 ? '' : 's'} in the period (per event)`;
  const count = (status: string) => plan.windows.filter((w) => w.status === status).length;
  const recorded = count('recorded');
  const missing = count('missing');
  const due = plan.windows.find((w) => w.status === 'due');
  const closedOrDue = plan.windows.filter((w) => w.status !== 'future').length;
  return `${recorded} of ${closedOrDue} ${unitWord(plan)} recorded${missing ? `, ${missing} missing` : ''}${due ? `, next due ${formatDate(due.dueBy)}` : ''} (${plan.windows.length} in the period)`;
}

function unitWord(plan: ObligationPlan): string {
  const { schedule } = plan.obligation;
  if ('every' in schedule) return { day: 'daily', week: 'weekly', month: 'monthly', quarter: 'quarterly', 'half-year': 'half-yearly', year: 'yearly' }[schedule.every] + ' samples';
  return 'scheduled samples';
}

const STATUS_MARK: Record<string, string> = { recorded: '✓', missing: '✗', due: '…', future: '·' };

export function renderEvidenceText(plan: EvidencePlan, root: string): string {
  const lines = [`Audit period ${formatDate(plan.period.start)} to ${formatDate(plan.period.end)}`, ''];
  for (const item of plan.obligations) {
    lines.push(`${item.obligation.id} (${describeSchedule(item.obligation.schedule)}; ${relativePath(root, item.obligation.document)}): ${obligationSummary(item)}`);
    if (item.windows.length) lines.push('  ' + item.windows.map((w) => `${w.label} ${STATUS_MARK[w.status]}`).join('  '));
    for (const w of item.windows.filter((w) => w.status === 'missing')) lines.push(`  missing ${w.label}: ${formatDate(w.start)} to ${formatDate(w.end)}, was due ${formatDate(w.dueBy)}`);
  }
  if (!plan.obligations.length) lines.push('No evidence obligations. Declare them under evidence: in a policy or procedure (docs/evidence.md).');
  return lines.join('\n') + '\n';
}

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** One row per obligation and window: the auditor's request list (what will be sampled, where each record lives). */
export function renderEvidenceCsv(plan: EvidencePlan, root: string): string {
  const rows = [['obligation', 'document', 'criteria', 'schedule', 'owner', 'window_start', 'window_end', 'status', 'records']];
  for (const { obligation, windows, recordsInPeriod } of plan.obligations) {
    const base = [obligation.id, relativePath(root, obligation.document), obligation.criteria.join(' '), describeSchedule(obligation.schedule), obligation.owner ?? ''];
    if (!windows.length) rows.push([...base, formatDate(plan.period.start), formatDate(plan.period.end), 'event', recordsInPeriod.map((f) => relativePath(root, f)).join(' ')]);
    for (const w of windows) rows.push([...base, formatDate(w.start), formatDate(w.end), w.status, w.records.map((f) => relativePath(root, f)).join(' ')]);
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

const mdCell = (value: string) => value.replace(/\|/g, '\\|');

export function renderEvidenceMarkdown(plan: EvidencePlan, root: string): string {
  const lines = [`# Evidence calendar`, '', `Audit period ${formatDate(plan.period.start)} to ${formatDate(plan.period.end)}.`, ''];
  lines.push('| obligation | schedule | criteria | status | windows |', '|---|---|---|---|---|');
  for (const item of plan.obligations) {
    const windows = item.windows.map((w) => `${w.label} ${STATUS_MARK[w.status]}`).join(' ');
    lines.push(`| ${mdCell(item.obligation.id)} ([${mdCell(relativePath(root, item.obligation.document))}](${relativePath(root, item.obligation.document)})) | ${mdCell(describeSchedule(item.obligation.schedule))} | ${item.obligation.criteria.join(', ')} | ${mdCell(obligationSummary(item))} | ${windows} |`);
  }
  lines.push('', '✓ recorded, ✗ missing, … due, · future.');
  return lines.join('\n') + '\n';
}
