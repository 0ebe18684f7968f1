import type { AuditSettings } from '../config/auditConfig';
import { compareDates, type DateOnly } from '../dates';
import type { Obligation } from './obligations';
import type { EvidenceRecordFacts } from './recordKind';
import { addDays, calendarWindows, cronWindows, windowLabel, type EvidenceWindow, type EveryUnit } from './windows';

/**
 * recorded: a record was performed inside the window. missing: the window closed (plus grace) with none.
 * due: the window is open, or closed but still within its grace. future: it has not started.
 */
export type WindowStatus = 'recorded' | 'missing' | 'due' | 'future';

export interface PlannedWindow extends EvidenceWindow {
  label: string;
  status: WindowStatus;
  /** The last day a record is still on time (end + grace). */
  dueBy: DateOnly;
  /** Record files (absolute) performed inside the window. */
  records: string[];
}

export interface ObligationPlan {
  obligation: Obligation;
  /** Empty for event obligations: they are counted, not scheduled. */
  windows: PlannedWindow[];
  /** Records performed inside the period (for event obligations, the population an auditor samples from). */
  recordsInPeriod: string[];
}

export interface EvidencePlan {
  period: EvidenceWindow;
  obligations: ObligationPlan[];
}

/** Records by obligation id, each list sorted by performed date. */
export function recordsByObligation(records: Iterable<EvidenceRecordFacts>): Map<string, EvidenceRecordFacts[]> {
  const byId = new Map<string, EvidenceRecordFacts[]>();
  for (const record of records) {
    if (!record.obligation || !record.performed) continue;
    (byId.get(record.obligation.value) ?? byId.set(record.obligation.value, []).get(record.obligation.value)!).push(record);
  }
  for (const list of byId.values()) list.sort((a, b) => compareDates(a.performed!.value, b.performed!.value) || (a.file < b.file ? -1 : 1));
  return byId;
}

export function windowsOf(obligation: Obligation, audit: AuditSettings): { windows: EvidenceWindow[]; unit?: EveryUnit } {
  const { schedule } = obligation;
  if ('every' in schedule) return { windows: calendarWindows(schedule.every, audit.period), unit: schedule.every };
  if ('cron' in schedule) return { windows: cronWindows(schedule.cron, audit.period, audit.timeZone) };
  return { windows: [] };
}

/** The evidence calendar: each obligation's windows in the period and their status on `today`. */
export function evidencePlan(obligations: Iterable<Obligation>, records: Iterable<EvidenceRecordFacts>, audit: AuditSettings, today: DateOnly): EvidencePlan {
  const byId = recordsByObligation(records);
  const inside = (date: DateOnly, w: EvidenceWindow) => compareDates(date, w.start) >= 0 && compareDates(date, w.end) <= 0;
  const plans: ObligationPlan[] = [];
  for (const obligation of obligations) {
    const own = byId.get(obligation.id) ?? [];
    const { windows, unit } = audit.type === 'II' ? windowsOf(obligation, audit) : { windows: [], unit: undefined };
    // Records are sorted, so one pointer walks them alongside the windows.
    let next = 0;
    const planned = windows.map((window): PlannedWindow => {
      while (next < own.length && compareDates(own[next].performed!.value, window.start) < 0) next++;
      const records: string[] = [];
      for (let i = next; i < own.length && inside(own[i].performed!.value, window); i++) records.push(own[i].file);
      const dueBy = addDays(window.end, obligation.graceDays);
      const status: WindowStatus = records.length ? 'recorded' : compareDates(window.start, today) > 0 ? 'future' : compareDates(dueBy, today) < 0 ? 'missing' : 'due';
      return { ...window, label: windowLabel(window, unit), status, dueBy, records };
    });
    plans.push({ obligation, windows: planned, recordsInPeriod: own.filter((r) => inside(r.performed!.value, audit.period)).map((r) => r.file) });
  }
  plans.sort((a, b) => (a.obligation.id < b.obligation.id ? -1 : a.obligation.id > b.obligation.id ? 1 : 0));
  return { period: audit.period, obligations: plans };
}
