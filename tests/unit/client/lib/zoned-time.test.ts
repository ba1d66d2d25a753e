import { afterEach, describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addCalendarMonths,
  CalendarDate,
  daysBetween,
  isoWeekday,
} from '../../../../shared/model/time/calendar-date.js';
import { deadlineOf } from '../../../../shared/model/tasks/recurrence/task-date.js';
import {
  endOfZonedDay,
  isTimeZone,
  zonedInstant,
  zonedParts,
} from '../../../../shared/model/time/zoned-time.js';

const iso = (instant: number) => new Date(instant).toISOString();

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(CalendarDate.safeParse('2028-02-29').success).toBe(true);
    expect(CalendarDate.safeParse('2026-02-29').success).toBe(false);
    expect(CalendarDate.safeParse('2026-13-01').success).toBe(false);
    expect(CalendarDate.safeParse('2026-3-1').success).toBe(false);
  });

  it('adds days and months, clamping to the month end', () => {
    expect(addCalendarDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addCalendarMonths('2026-01-31', 1, 31)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1, 31)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-02-28', 1, 31)).toBe('2026-03-31');
    expect(addCalendarMonths('2026-11-30', 3, 30)).toBe('2027-02-28');
    expect(isoWeekday('2026-03-02')).toBe(1);
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect(daysBetween('2026-03-28', '2026-04-02')).toBe(5);
  });
});

describe('zonedInstant (RFC 5545 §3.3.5)', () => {
  it('converts ordinary wall-clock times', () => {
    expect(iso(zonedInstant('2026-01-15', '09:00', 'Europe/Berlin'))).toBe(
      '2026-01-15T08:00:00.000Z',
    );
    expect(iso(zonedInstant('2026-07-15', '09:00', 'Europe/Berlin'))).toBe(
      '2026-07-15T07:00:00.000Z',
    );
    expect(iso(zonedInstant('2026-07-15', '09:00', 'America/New_York'))).toBe(
      '2026-07-15T13:00:00.000Z',
    );
    expect(iso(zonedInstant('2026-07-15', '09:00', 'Asia/Kolkata'))).toBe(
      '2026-07-15T03:30:00.000Z',
    );
  });

  it('reads a time in the spring-forward gap with the offset from before the gap', () => {
    // Berlin, 29 March 2026: 02:00 CET jumps to 03:00 CEST, so 02:30 is 03:30 CEST.
    expect(iso(zonedInstant('2026-03-29', '02:30', 'Europe/Berlin'))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // New York, 8 March 2026: 02:30 does not exist either; it is 03:30 EDT.
    expect(iso(zonedInstant('2026-03-08', '02:30', 'America/New_York'))).toBe(
      '2026-03-08T07:30:00.000Z',
    );
  });

  it('takes the first of two identical wall-clock times when clocks go back', () => {
    // Berlin, 25 October 2026: 02:30 happens in CEST first (00:30Z), then in CET.
    expect(iso(zonedInstant('2026-10-25', '02:30', 'Europe/Berlin'))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    // New York, 1 November 2026: 01:30 EDT (05:30Z) comes before 01:30 EST.
    expect(iso(zonedInstant('2026-11-01', '01:30', 'America/New_York'))).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('round-trips through zonedParts', () => {
    const instant = Date.UTC(2026, 10, 1, 6, 30); // 01:30 EST, the second 01:30
    expect(zonedParts(instant, 'America/New_York')).toEqual({ date: '2026-11-01', time: '01:30' });
    expect(zonedParts(Date.UTC(2026, 2, 29, 1, 0), 'Europe/Berlin')).toEqual({
      date: '2026-03-29',
      time: '03:00',
    });
  });

  it('knows day lengths across DST and where an all-day task ends', () => {
    const start = zonedInstant('2026-03-29', '00:00', 'Europe/Berlin');
    expect(endOfZonedDay('2026-03-29', 'Europe/Berlin') - start).toBe(23 * 3_600_000);
    expect(deadlineOf({ date: '2026-11-01', timeZone: 'America/New_York' })).toBe(
      Date.UTC(2026, 10, 2, 5, 0),
    );
    expect(deadlineOf({ date: '2026-11-01', time: '17:00', timeZone: 'America/New_York' })).toBe(
      Date.UTC(2026, 10, 1, 22, 0),
    );
  });

  it('validates zone names', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe("independence from the device's own zone", () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('gives the same answers whatever TZ the process runs in', () => {
    const answers = () => [
      addCalendarMonths('2026-01-31', 1, 31),
      addCalendarDays('2026-03-28', 2),
      isoWeekday('2026-03-29'),
      zonedInstant('2026-03-29', '09:00', 'Europe/Berlin'),
      zonedParts(Date.UTC(2026, 10, 1, 6, 30), 'America/New_York'),
    ];
    process.env.TZ = 'UTC';
    const inUtc = answers();
    for (const zone of ['Pacific/Chatham', 'America/St_Johns', 'Europe/Berlin']) {
      process.env.TZ = zone;
      expect(answers()).toEqual(inUtc);
    }
  });
});
