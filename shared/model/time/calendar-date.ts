/**
 * Calendar dates ('YYYY-MM-DD') with no time zone. Recurrence steps through these,
 * not through instants, so "every day at 09:00" stays at 09:00 across DST and the
 * wall-clock time is applied last (see zoned-time.ts). The arithmetic runs on
 * date-fns with a UTC TZDate, so the device's own zone never leaks in.
 */
import { TZDate } from '@date-fns/tz';
import {
  addDays,
  addMonths,
  differenceInCalendarDays,
  format,
  getDaysInMonth,
  getISODay,
} from 'date-fns';
import { z } from 'zod';

const pattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtcDate(date: string): TZDate {
  const match = pattern.exec(date);
  if (!match) throw new RangeError(`not a calendar date: ${date}`);
  return new TZDate(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 'UTC');
}

function fromUtcDate(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}

function isRealDate(date: string): boolean {
  // Date rolls 2026-02-30 over to March; a real date keeps its parts. Plain UTC
  // arithmetic (setUTCFullYear keeps years below 100 as they are): this runs for
  // every stored date a board reads, so it must be cheap.
  const match = pattern.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const probe = new Date(0);
  probe.setUTCFullYear(year, month, day);
  return (
    probe.getUTCFullYear() === year && probe.getUTCMonth() === month && probe.getUTCDate() === day
  );
}

/** A calendar date as 'YYYY-MM-DD', e.g. '2026-03-29'. */
export const CalendarDate = z.string().refine(isRealDate, 'expected a date as YYYY-MM-DD');
export type CalendarDate = z.infer<typeof CalendarDate>;

/** `date` moved by `days` calendar days (negative goes back). */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtcDate(addDays(toUtcDate(date), days));
}

/**
 * The date `months` months after `date`'s month, on `dayOfMonth` clamped to that
 * month's last day: ('2026-01-31', 1, 31) is '2026-02-28'.
 */
export function addCalendarMonths(
  date: CalendarDate,
  months: number,
  dayOfMonth: number,
): CalendarDate {
  const firstOfMonth = addMonths(toUtcDate(`${date.slice(0, 8)}01`), months);
  const day = Math.min(dayOfMonth, getDaysInMonth(firstOfMonth));
  return fromUtcDate(addDays(firstOfMonth, day - 1));
}

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export function isoWeekday(date: CalendarDate): number {
  return getISODay(toUtcDate(date));
}

/** Day of the month, 1 to 31. */
export function dayOfMonth(date: CalendarDate): number {
  return Number(date.slice(8, 10));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return differenceInCalendarDays(toUtcDate(to), toUtcDate(from));
}
