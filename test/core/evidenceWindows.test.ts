import { strict as assert } from 'node:assert';
import { addDays, calendarUnit, calendarWindows, cronWindows, daysBetween, EVERY_UNITS, normalizeCron, parseEvery } from '../../server/src/core/evidence/windows';
import { compareDates, formatDate, type DateOnly } from '../../server/src/core/dates';
import { loadConfig } from '../../server/src/core/config/loadConfig';
import { RULE_CODES } from '../../server/src/core/rules';
import { parseGrace } from '../../server/src/core/evidence/obligations';

const d = (text: string): DateOnly => ({ year: +text.slice(0, 4), month: +text.slice(5, 7), day: +text.slice(8, 10) });

/** Every day from 2023-01-01 to 2028-12-31: three leap-year boundaries (2024, 2028) and every quarter edge. */
const DAYS: DateOnly[] = Array.from({ length: daysBetween(d('2023-01-01'), d('2028-12-31')) + 1 }, (_, i) => addDays(d('2023-01-01'), i));

describe('evidence windows', () => {
  it('every day lies in exactly one unit window of each kind, which starts and ends on the calendar boundaries', () => {
    for (const unit of EVERY_UNITS) {
      for (const day of DAYS) {
        const w = calendarUnit(unit, day);
        assert.ok(compareDates(w.start, day) <= 0 && compareDates(day, w.end) <= 0, `${unit} ${formatDate(day)}`);
        const next = calendarUnit(unit, addDays(w.end, 1));
        assert.deepEqual(next.start, addDays(w.end, 1), `${unit} windows are contiguous after ${formatDate(w.end)}`);
        if (unit === 'month') assert.equal(w.start.day, 1);
        if (unit === 'quarter') assert.ok([1, 4, 7, 10].includes(w.start.month));
        if (unit === 'half-year') assert.ok([1, 7].includes(w.start.month));
        if (unit === 'week') assert.equal(new Date(Date.UTC(w.start.year, w.start.month - 1, w.start.day)).getUTCDay(), 1, 'weeks start on Monday');
      }
    }
  });

  it('February has 29 days in leap years only', () => {
    assert.deepEqual(calendarUnit('month', d('2024-02-10')).end, d('2024-02-29'));
    assert.deepEqual(calendarUnit('month', d('2026-02-10')).end, d('2026-02-28'));
    assert.deepEqual(calendarUnit('month', d('2100-02-10')).end, d('2100-02-28'));
  });

  it('windows of a period cover it exactly, without gaps or overlaps, clipped at both ends (periods starting mid-month)', () => {
    for (const [start, end] of [['2026-01-01', '2026-12-31'], ['2026-02-15', '2027-02-14'], ['2024-02-29', '2024-08-28'], ['2025-07-01', '2026-06-30']]) {
      const period = { start: d(start), end: d(end) };
      for (const unit of EVERY_UNITS) {
        const windows = calendarWindows(unit, period);
        assert.deepEqual(windows[0].start, period.start);
        assert.deepEqual(windows[windows.length - 1].end, period.end);
        for (let i = 1; i < windows.length; i++) assert.deepEqual(windows[i].start, addDays(windows[i - 1].end, 1));
        const days = windows.reduce((sum, w) => sum + daysBetween(w.start, w.end) + 1, 0);
        assert.equal(days, daysBetween(period.start, period.end) + 1, `${unit} ${start}..${end}`);
      }
    }
    assert.equal(calendarWindows('quarter', { start: d('2026-02-15'), end: d('2027-02-14') }).length, 5);
    assert.equal(calendarWindows('month', { start: d('2026-01-01'), end: d('2026-12-31') }).length, 12);
  });

  it('reads the every spellings people write', () => {
    assert.equal(parseEvery('Quarterly'), 'quarter');
    assert.equal(parseEvery('annually'), 'year');
    assert.equal(parseEvery('semiannual'), 'half-year');
    assert.equal(parseEvery('fortnight'), undefined);
    assert.equal(parseGrace('10d'), 10);
    assert.equal(parseGrace('2w'), 14);
    assert.equal(parseGrace('P7D'), 7);
    assert.equal(parseGrace('soon'), undefined);
  });

  it('cron windows run from each firing day to the day before the next, in the audit time zone', () => {
    const year = { start: d('2026-01-01'), end: d('2026-12-31') };
    const monthly = cronWindows('0 9 1 * *', year, 'UTC');
    assert.equal(monthly.length, 12);
    assert.deepEqual([monthly[1].start, monthly[1].end], [d('2026-02-01'), d('2026-02-28')]);
    assert.equal(cronWindows('0 0 0 15 * *', year, 'UTC').length, 12, 'six fields: seconds first');
    assert.equal(cronWindows('@weekly', year, 'UTC').length, 52);
    assert.equal(cronWindows('0 * * * *', year, 'UTC').length, 365, 'hourly firings on one day are one window');
    // Firings are read in the audit's time zone: 23:30 on the 28th in Berlin is the 28th, across the DST change of the 29th.
    const march = cronWindows('30 23 28-31 * *', { start: d('2026-03-01'), end: d('2026-03-31') }, 'Europe/Berlin');
    assert.deepEqual(march.map((w) => w.start.day), [28, 29, 30, 31]);
    assert.equal(cronWindows('30 0 1 * *', year, 'America/Los_Angeles').length, 12, 'the first of each month, local time');
    assert.equal(cronWindows('0 9 29 2 *', { start: d('2024-01-01'), end: d('2025-06-30') }, 'UTC').length, 1, '29 February in leap years only');
  });

  it('reads comply cron as comply does, and rejects what is not cron', () => {
    assert.equal(normalizeCron('0 9 1 * *', 'comply').expression, '0 9 1 * * *', 'five fields are seconds-first in comply');
    assert.equal(normalizeCron('0 9 1 * *', 'standard').expression, '0 9 1 * *');
    assert.match(normalizeCron('61 * * * *', 'standard').error!, /not a valid cron/);
    assert.match(normalizeCron('* *', 'standard').error!, /has 2 fields/);
  });
});

describe('audit config', () => {
  const load = (text: string) => loadConfig(text, '/ws/soc2-policy.yaml', '/ws', RULE_CODES);

  it('reads a Type II period, with the default time zone', () => {
    const { config, findings } = load('audit:\n  type: II\n  period: {start: 2026-01-01, end: 2026-12-31}\n');
    assert.deepEqual(findings, []);
    assert.deepEqual(config.audit?.period, { start: d('2026-01-01'), end: d('2026-12-31') });
    assert.equal(config.audit?.timeZone, 'UTC');
  });

  for (const [name, yaml, line, pattern] of [
    ['end before start', 'audit:\n  period:\n    start: 2026-06-01\n    end: 2026-01-01\n', 4, /ends .* before it starts/],
    ['longer than 18 months', 'audit:\n  period:\n    start: 2025-01-01\n    end: 2026-12-31\n', 4, /longer than 18 months/],
    ['a date in the wrong format', 'audit:\n  period:\n    start: 01/01/2026\n    end: 2026-12-31\n', 3, /not a date/],
    ['an unknown time zone', 'audit:\n  period: {start: 2026-01-01, end: 2026-12-31}\n  timezone: Mars/Olympus\n', 3, /IANA/],
    ['an unknown key', 'audit:\n  perid: {start: 2026-01-01}\n', 2, /Unknown setting/],
  ] as const) {
    it(`reports ${name} as config-invalid at its position`, () => {
      const { config, findings } = load(yaml);
      assert.equal(config.audit, undefined);
      const finding = findings.find((f) => pattern.test(f.message));
      assert.ok(finding, findings.map((f) => f.message).join('\n'));
      assert.equal(finding.code, 'config-invalid');
      assert.equal(finding.range.start.line + 1, line);
    });
  }
});
