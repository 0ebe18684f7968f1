/** Calendar dates without time zones: reviews are due on a day, not at an instant. */
export interface DateOnly {
  year: number;
  month: number; // 1-12
  day: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Parses `2026-01-31` and comply's `Jun 1 2018` / `June 1, 2018`. Undefined when it is not a real date. */
export function parseDate(value: unknown): DateOnly | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) return valid(+match[1], +match[2], +match[3]);
  match = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(text);
  if (match) {
    const month = MONTHS.indexOf(match[1].slice(0, 3).toLowerCase()) + 1;
    return month ? valid(+match[3], month, +match[2]) : undefined;
  }
  return undefined;
}

function valid(year: number, month: number, day: number): DateOnly | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? { year, month, day } : undefined;
}

export interface Cycle {
  amount: number;
  unit: 'days' | 'weeks' | 'months' | 'years';
}

/** Parses "12 months", "1 year", "6 weeks", "90 days". */
export function parseCycle(value: unknown): Cycle | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const match = /^\s*(\d+)\s*(day|week|month|year)s?\s*$/i.exec(String(value));
  if (!match || +match[1] === 0) return undefined;
  return { amount: +match[1], unit: (match[2].toLowerCase() + 's') as Cycle['unit'] };
}

export function addCycle(date: DateOnly, cycle: Cycle): DateOnly {
  const base = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (cycle.unit === 'days') base.setUTCDate(base.getUTCDate() + cycle.amount);
  else if (cycle.unit === 'weeks') base.setUTCDate(base.getUTCDate() + cycle.amount * 7);
  else {
    const months = cycle.unit === 'years' ? cycle.amount * 12 : cycle.amount;
    // Clamp to the month's last day: 31 Jan + 1 month is 28/29 Feb, not 3 Mar.
    const target = new Date(Date.UTC(date.year, date.month - 1 + months, 1));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    target.setUTCDate(Math.min(date.day, lastDay));
    return { year: target.getUTCFullYear(), month: target.getUTCMonth() + 1, day: target.getUTCDate() };
  }
  return { year: base.getUTCFullYear(), month: base.getUTCMonth() + 1, day: base.getUTCDate() };
}

export function compareDates(a: DateOnly, b: DateOnly): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function formatDate(date: DateOnly): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function today(now = new Date()): DateOnly {
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}
