import { CronExpressionParser } from 'cron-parser';
import { compareDates, formatDate, type DateOnly } from '../dates';

/**
 * Calendar windows of an evidence schedule inside an audit period. A window is the span of days in which one
 * performance of the control counts; every window is clipped to the period. Dates are calendar days in the
 * audit's time zone (docs/evidence.md explains each form).
 */
export interface EvidenceWindow {
  start: DateOnly;
  end: DateOnly;
}

export const EVERY_UNITS = ['day', 'week', 'month', 'quarter', 'half-year', 'year'] as const;
export type EveryUnit = (typeof EVERY_UNITS)[number];

/** Spellings people write for each unit (`monthly`, `annually`, ...). A Map: the key is user text. */
const EVERY_ALIASES = new Map<string, EveryUnit>([
  ...EVERY_UNITS.map((u) => [u, u] as [string, EveryUnit]),
  ['daily', 'day'],
  ['weekly', 'week'],
  ['monthly', 'month'],
  ['quarterly', 'quarter'],
  ['half-yearly', 'half-year'],
  ['semiannual', 'half-year'],
  ['semi-annual', 'half-year'],
  ['semiannually', 'half-year'],
  ['yearly', 'year'],
  ['annual', 'year'],
  ['annually', 'year'],
]);

export function parseEvery(text: string): EveryUnit | undefined {
  return EVERY_ALIASES.get(text.trim().toLowerCase());
}

/** Days are counted on UTC dates: a DateOnly has no time zone, so no daylight-saving hour can shift it. */
const toUtc = (d: DateOnly) => Date.UTC(d.year, d.month - 1, d.day);
const fromUtc = (ms: number): DateOnly => {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};
export const addDays = (d: DateOnly, days: number): DateOnly => fromUtc(toUtc(d) + days * 86_400_000);
export const daysBetween = (a: DateOnly, b: DateOnly): number => Math.round((toUtc(b) - toUtc(a)) / 86_400_000);

/** The calendar unit holding `date`: ISO weeks (Monday to Sunday), quarters from January, halves January and July. */
export function calendarUnit(unit: EveryUnit, date: DateOnly): EvidenceWindow {
  const { year, month } = date;
  const monthSpan = (first: number, count: number) => ({ start: { year, month: first, day: 1 }, end: addDays({ year: first + count > 12 ? year + 1 : year, month: ((first + count - 1) % 12) + 1, day: 1 }, -1) });
  switch (unit) {
    case 'day':
      return { start: date, end: date };
    case 'week': {
      const weekday = (new Date(toUtc(date)).getUTCDay() + 6) % 7; // Monday = 0
      return { start: addDays(date, -weekday), end: addDays(date, 6 - weekday) };
    }
    case 'month':
      return monthSpan(month, 1);
    case 'quarter':
      return monthSpan(month - ((month - 1) % 3), 3);
    case 'half-year':
      return monthSpan(month <= 6 ? 1 : 7, 6);
    case 'year':
      return monthSpan(1, 12);
  }
}

/** Calendar units that overlap the period, each clipped to it. */
export function calendarWindows(unit: EveryUnit, period: EvidenceWindow): EvidenceWindow[] {
  const windows: EvidenceWindow[] = [];
  let cursor = period.start;
  while (compareDates(cursor, period.end) <= 0) {
    const whole = calendarUnit(unit, cursor);
    const end = compareDates(whole.end, period.end) > 0 ? period.end : whole.end;
    windows.push({ start: cursor, end });
    cursor = addDays(whole.end, 1);
  }
  return windows;
}

/** The most windows one cron schedule yields: a daily schedule over the longest period allowed is about 550. */
const MAX_CRON_WINDOWS = 800;

export type CronDialect = 'standard' | 'comply';

/**
 * Checks a cron expression and says how it reads. `comply` is strongdm/comply's dialect (robfig/cron v1): the first
 * field is seconds and the day-of-week field is optional, so five fields read seconds-first.
 */
export function normalizeCron(expression: string, dialect: CronDialect): { expression?: string; error?: string } {
  const text = expression.trim();
  const fields = text.split(/\s+/);
  const normalized = dialect === 'comply' && !text.startsWith('@') && fields.length === 5 ? `${text} *` : text;
  if (!text.startsWith('@') && (fields.length < 5 || fields.length > 6)) return { error: `"${text}" has ${fields.length} fields; a cron schedule has 5 (minute hour day month weekday) or 6 (with seconds first).` };
  try {
    CronExpressionParser.parse(normalized, { tz: 'UTC' });
    return { expression: normalized };
  } catch (error) {
    return { error: `"${text}" is not a valid cron schedule (${error instanceof Error ? error.message : String(error)}).` };
  }
}

/**
 * Cron windows: each day the schedule fires inside the period opens a window that lasts until the day before the
 * next firing (the last one until the period ends). Several firings on one day are one window.
 */
export function cronWindows(expression: string, period: EvidenceWindow, timeZone: string): EvidenceWindow[] {
  const endDate = new Date(zonedMidnight(addDays(period.end, 1), timeZone) - 1);
  const days: DateOnly[] = [];
  let cursor = zonedMidnight(period.start, timeZone) - 1;
  let iterator = CronExpressionParser.parse(expression, { currentDate: new Date(cursor), endDate, tz: timeZone });
  while (days.length < MAX_CRON_WINDOWS && iterator.hasNext()) {
    const next = iterator.next();
    const day = { year: next.getFullYear(), month: next.getMonth() + 1, day: next.getDate() };
    const last = days[days.length - 1];
    if (last && compareDates(last, day) === 0) {
      // An hourly schedule would step through every hour; jump to the next day instead.
      cursor = zonedMidnight(addDays(day, 1), timeZone) - 1;
      if (cursor >= endDate.getTime()) break;
      iterator = CronExpressionParser.parse(expression, { currentDate: new Date(cursor), endDate, tz: timeZone });
      continue;
    }
    days.push(day);
  }
  return days.map((start, i) => ({ start, end: i + 1 < days.length ? addDays(days[i + 1], -1) : period.end }));
}

/** The instant a calendar day starts in a time zone (milliseconds since the epoch). */
export function zonedMidnight(date: DateOnly, timeZone: string): number {
  const guess = toUtc(date);
  const offset = zoneOffset(guess, timeZone);
  // A second pass settles days on which the offset changes (daylight saving).
  return guess - zoneOffset(guess - offset, timeZone);
}

function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(instant / 1000) * 1000;
}

/** `2026-03`, `2026-Q1`, `2026-H1`, `2026`, `2026-W05` or the day: how a window is named in reports. */
export function windowLabel(window: EvidenceWindow, unit?: EveryUnit): string {
  const { year, month } = window.start;
  switch (unit) {
    case 'month':
      return `${year}-${String(month).padStart(2, '0')}`;
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'half-year':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case 'year':
      return String(year);
    default:
      return compareDates(window.start, window.end) === 0 ? formatDate(window.start) : `${formatDate(window.start)}..${formatDate(window.end)}`;
  }
}
