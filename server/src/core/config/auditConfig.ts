import type { DateOnly } from '../dates';
import { addCycle, compareDates, formatDate, parseDate } from '../dates';
import type { Span } from '../types';

/** The audit the workspace prepares for (soc2-policy.yaml `audit:`), after validation. */
export interface AuditSettings {
  type: 'I' | 'II';
  /** Type II: the observation period, both days included. Type I: start = end = `as_of`. */
  period: { start: DateOnly; end: DateOnly };
  /** IANA time zone that calendar windows and cron schedules are read in. */
  timeZone: string;
  /** The previous report's period end, for the bridge-letter check. */
  lastReport?: { periodEnd: DateOnly; span: Span };
  /** evidence-due: a window closing within this many days is reported. */
  dueWithinDays: number;
  /** Where `audit` is written in the config, for workspace findings. */
  keySpan: Span;
}

export interface RawAudit {
  type?: string;
  period?: { start?: unknown; end?: unknown };
  as_of?: unknown;
  timezone?: string;
  last_report?: { period_end?: unknown };
  due_within_days?: number;
}

/** Longest observation period we accept: SOC 2 Type II periods are 3 to 12 months; 18 allows a first long one. */
export const MAX_PERIOD_MONTHS = 18;

type Reporter = (path: (string | number)[], message: string) => void;

/** `YYYY-MM-DD` only: `1/3/2026` or `March 2026` would be read differently by different people. */
function isoDate(value: unknown): DateOnly | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return undefined;
  return parseDate(value);
}

/** Validates `audit:` beyond its schema (dates, order, length, time zone). Undefined when it cannot be used. */
export function readAudit(raw: RawAudit, spanAt: (path: string[]) => Span, report: Reporter): AuditSettings | undefined {
  const date = (value: unknown, path: string[]): DateOnly | undefined => {
    if (value === undefined) return undefined;
    const parsed = isoDate(value);
    if (!parsed) report(path, `${path.join('.')} "${String(value)}" is not a date. Write it as YYYY-MM-DD, for example 2026-01-01.`);
    return parsed;
  };
  const type = raw.type === 'I' ? 'I' : 'II';
  let period: AuditSettings['period'] | undefined;
  if (type === 'I') {
    const asOf = date(raw.as_of, ['audit', 'as_of']);
    if (raw.as_of === undefined) report(['audit'], 'A Type I audit needs as_of: the date the controls are described at.');
    if (asOf) period = { start: asOf, end: asOf };
  } else {
    const start = date(raw.period?.start, ['audit', 'period', 'start']);
    const end = date(raw.period?.end, ['audit', 'period', 'end']);
    if (!raw.period) report(['audit'], 'A Type II audit needs period: {start, end}, the observation period.');
    if (start && end) {
      if (compareDates(end, start) < 0) report(['audit', 'period', 'end'], `The period ends (${formatDate(end)}) before it starts (${formatDate(start)}).`);
      else if (compareDates(end, addCycle(start, { amount: MAX_PERIOD_MONTHS, unit: 'months' })) >= 0) {
        report(['audit', 'period', 'end'], `The period is longer than ${MAX_PERIOD_MONTHS} months. Type II periods run 3 to 12 months; split it into two audits.`);
      } else period = { start, end };
    }
  }
  const timeZone = raw.timezone ?? 'UTC';
  if (!isTimeZone(timeZone)) {
    report(['audit', 'timezone'], `"${timeZone}" is not an IANA time zone. Write it like "UTC" or "Europe/Berlin".`);
    return undefined;
  }
  const periodEnd = date(raw.last_report?.period_end, ['audit', 'last_report', 'period_end']);
  if (!period) return undefined;
  return {
    type,
    period,
    timeZone,
    lastReport: periodEnd ? { periodEnd, span: spanAt(['audit', 'last_report']) } : undefined,
    dueWithinDays: raw.due_within_days ?? 14,
    keySpan: spanAt(['audit']),
  };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
