import { describe, expect, it } from 'vitest';
import {
  nextDue,
  nextOccurrenceDate,
} from '../../../../../client/src/workspace/tasks/recurrence/next-occurrence.js';
import {
  normalizeRule,
  RecurrenceRule,
} from '../../../../../shared/model/tasks/recurrence/rule.js';
import {
  deadlineOf,
  type TaskDate,
} from '../../../../../shared/model/tasks/recurrence/task-date.js';

const rule = (input: unknown) => RecurrenceRule.parse(input);
const HOUR = 3_600_000;

/** The next `count` due dates after `due`, as if each occurrence was completed on time. */
function series(r: RecurrenceRule, due: TaskDate, count: number): TaskDate[] {
  const out: TaskDate[] = [];
  let current = due;
  for (let i = 0; i < count; i++) {
    const next = nextDue(r, current, deadlineOf(current) - 1);
    if (!next) break;
    out.push(next);
    current = next;
  }
  return out;
}

describe('nextOccurrenceDate', () => {
  it('daily, and every N days', () => {
    expect(nextOccurrenceDate(rule({ freq: 'daily' }), '2026-02-28')).toBe('2026-03-01');
    expect(nextOccurrenceDate(rule({ freq: 'daily', interval: 3 }), '2026-12-30')).toBe(
      '2027-01-02',
    );
  });

  it('weekly on chosen weekdays, wrapping to the next (or Nth) week', () => {
    const monWedFri = rule({ freq: 'weekly', weekdays: [5, 1, 3] });
    expect(nextOccurrenceDate(monWedFri, '2026-03-02')).toBe('2026-03-04'); // Mon -> Wed
    expect(nextOccurrenceDate(monWedFri, '2026-03-04')).toBe('2026-03-06'); // Wed -> Fri
    expect(nextOccurrenceDate(monWedFri, '2026-03-06')).toBe('2026-03-09'); // Fri -> Mon
    expect(nextOccurrenceDate(monWedFri, '2026-03-07')).toBe('2026-03-09'); // off-rule Sat -> Mon
    const everyOtherTue = rule({ freq: 'weekly', interval: 2, weekdays: [2] });
    expect(nextOccurrenceDate(everyOtherTue, '2026-03-03')).toBe('2026-03-17');
    const sunday = rule({ freq: 'weekly', weekdays: [7] });
    expect(nextOccurrenceDate(sunday, '2026-03-08')).toBe('2026-03-15');
  });

  it('monthly on a day of the month, clamped to short months without drifting', () => {
    const on31st = rule({ freq: 'monthly', dayOfMonth: 31 });
    expect(nextOccurrenceDate(on31st, '2026-01-31')).toBe('2026-02-28');
    expect(nextOccurrenceDate(on31st, '2026-02-28')).toBe('2026-03-31');
    expect(nextOccurrenceDate(on31st, '2026-03-31')).toBe('2026-04-30');
    expect(nextOccurrenceDate(on31st, '2028-01-31')).toBe('2028-02-29');
    const quarterly = rule({ freq: 'monthly', interval: 3, dayOfMonth: 15 });
    expect(nextOccurrenceDate(quarterly, '2026-11-15')).toBe('2027-02-15');
  });
});

describe('normalizeRule', () => {
  it('fills weekdays and day of month from the due date', () => {
    expect(normalizeRule(rule({ freq: 'weekly' }), '2026-03-04')).toEqual({
      freq: 'weekly',
      interval: 1,
      weekdays: [3],
    });
    expect(
      normalizeRule(rule({ freq: 'weekly', weekdays: [5, 1, 5] }), '2026-03-04'),
    ).toMatchObject({ weekdays: [1, 5] });
    expect(normalizeRule(rule({ freq: 'monthly' }), '2026-01-31')).toMatchObject({
      dayOfMonth: 31,
    });
  });

  it('rejects nonsense', () => {
    expect(RecurrenceRule.safeParse({ freq: 'yearly' }).success).toBe(false);
    expect(RecurrenceRule.safeParse({ freq: 'daily', interval: 0 }).success).toBe(false);
    expect(RecurrenceRule.safeParse({ freq: 'weekly', weekdays: [8] }).success).toBe(false);
    expect(RecurrenceRule.safeParse({ freq: 'monthly', dayOfMonth: 32 }).success).toBe(false);
  });
});

describe('nextDue across DST', () => {
  it('keeps 09:00 in Berlin when the clocks go forward at the end of March', () => {
    const due: TaskDate = { date: '2026-03-27', time: '09:00', timeZone: 'Europe/Berlin' };
    const dues = series(rule({ freq: 'daily' }), due, 3);
    expect(dues.map((d) => d.date)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    const instants = [due, ...dues].map(deadlineOf);
    expect(instants.map((i) => new Date(i).toISOString())).toEqual([
      '2026-03-27T08:00:00.000Z',
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z', // CEST from here on
      '2026-03-30T07:00:00.000Z',
    ]);
    // The day of the change is 23 hours long.
    expect(instants[2]! - instants[1]!).toBe(23 * HOUR);
  });

  it('keeps 09:00 in New York when the clocks go back in early November', () => {
    const due: TaskDate = { date: '2026-10-30', time: '09:00', timeZone: 'America/New_York' };
    const weekdays = rule({ freq: 'weekly', weekdays: [1, 2, 3, 4, 5] });
    const dues = series(weekdays, due, 2);
    expect(dues.map((d) => d.date)).toEqual(['2026-11-02', '2026-11-03']);
    // Friday 09:00 EDT to Monday 09:00 EST spans a 25-hour Sunday.
    expect(deadlineOf(dues[0]!) - deadlineOf(due)).toBe(3 * 24 * HOUR + HOUR);
    expect(new Date(deadlineOf(dues[0]!)).toISOString()).toBe('2026-11-02T14:00:00.000Z');
  });

  it('returns to 02:30 after the one day 02:30 does not exist', () => {
    const due: TaskDate = { date: '2026-03-28', time: '02:30', timeZone: 'Europe/Berlin' };
    const dues = series(rule({ freq: 'daily' }), due, 2);
    expect(dues.every((d) => d.time === '02:30')).toBe(true);
    expect(new Date(deadlineOf(dues[0]!)).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(new Date(deadlineOf(dues[1]!)).toISOString()).toBe('2026-03-30T00:30:00.000Z'); // 02:30 CEST
  });

  it('steps monthly from January 31st to the end of February and back to the 31st', () => {
    const due: TaskDate = { date: '2026-01-31', time: '18:00', timeZone: 'Europe/Berlin' };
    const monthly = normalizeRule(rule({ freq: 'monthly' }), due.date);
    expect(series(monthly, due, 3).map((d) => d.date)).toEqual([
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
    ]);
    const leap: TaskDate = { ...due, date: '2028-01-31' };
    expect(series(monthly, leap, 1)[0]?.date).toBe('2028-02-29');
  });

  it('custom every 2 months and every 10 days', () => {
    const due: TaskDate = { date: '2026-12-31', timeZone: 'UTC' };
    const everyTwoMonths = normalizeRule(rule({ freq: 'monthly', interval: 2 }), due.date);
    expect(series(everyTwoMonths, due, 2).map((d) => d.date)).toEqual(['2027-02-28', '2027-04-30']);
    expect(series(rule({ freq: 'daily', interval: 10 }), due, 1)[0]?.date).toBe('2027-01-10');
  });
});

describe('nextDue when late, and until', () => {
  const due: TaskDate = { date: '2026-03-02', time: '09:00', timeZone: 'Europe/Berlin' };

  it('skips occurrences missed while the task was overdue', () => {
    const friday = Date.UTC(2026, 2, 6, 12, 0); // Friday 13:00 in Berlin
    expect(nextDue(rule({ freq: 'daily' }), due, friday)?.date).toBe('2026-03-07');
    const fridayMorning = Date.UTC(2026, 2, 6, 7, 0); // 08:00, before that day's 09:00
    expect(nextDue(rule({ freq: 'daily' }), due, fridayMorning)?.date).toBe('2026-03-06');
  });

  it('stops after until', () => {
    const ending = rule({ freq: 'daily', until: '2026-03-03' });
    const early = deadlineOf(due) - HOUR;
    expect(nextDue(ending, due, early)?.date).toBe('2026-03-03');
    expect(nextDue(ending, { ...due, date: '2026-03-03' }, early)).toBeNull();
  });
});
