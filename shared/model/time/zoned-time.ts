/**
 * Wall-clock time in an IANA zone <-> instants (epoch ms), following RFC 5545
 * §3.3.5 so the result never depends on a library's guess:
 * - a time that happens twice (clocks go back) means the first of the two;
 * - a time that never happens (clocks go forward) is read with the offset from
 *   before the gap, so 02:30 on Berlin's spring-forward day is 03:30 CEST.
 * Offsets come from @date-fns/tz (the runtime's Intl time zone data).
 */
import { tzOffset } from '@date-fns/tz';
import { z } from 'zod';
import { addCalendarDays, type CalendarDate } from './calendar-date.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
// Only names that passed are cached: zone strings come from other replicas too.
const knownZones = new Set<string>();

/** The viewer's time zone, for due dates, "today" and reminders. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** True for a zone name the runtime knows, e.g. 'Europe/Berlin' or 'UTC'. */
export function isTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  knownZones.add(zone);
  return true;
}

/** An IANA time zone name. */
export const TimeZone = z.string().max(64).refine(isTimeZone, 'unknown time zone');
export type TimeZone = z.infer<typeof TimeZone>;

/** A wall-clock time as 'HH:mm', 00:00 to 23:59. */
export const WallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:mm');
export type WallTime = z.infer<typeof WallTime>;

function offsetMs(zone: TimeZone, instant: number): number {
  return tzOffset(zone, new Date(instant)) * MINUTE_MS;
}

/** The instant at which clocks in `zone` show `date` `time`. */
export function zonedInstant(date: CalendarDate, time: WallTime, zone: TimeZone): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(year, month - 1, day, hours, minutes);
  // Transitions are at least days apart, so the offsets a day either side are the
  // only candidates for this local time.
  const before = offsetMs(zone, naive - DAY_MS);
  const after = offsetMs(zone, naive + DAY_MS);
  const candidates = [naive - before, naive - after].filter(
    (instant) => naive - offsetMs(zone, instant) === instant,
  );
  if (candidates.length === 0) return naive - before;
  return Math.min(...candidates);
}

/** What clocks in `zone` show at `instant`. */
export function zonedParts(
  instant: number,
  zone: TimeZone,
): { date: CalendarDate; time: WallTime } {
  const iso = new Date(instant + offsetMs(zone, instant)).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** The first instant of `date` in `zone` (not always 00:00 where DST starts at midnight). */
export function startOfZonedDay(date: CalendarDate, zone: TimeZone): number {
  return zonedInstant(date, '00:00', zone);
}

/** The first instant of the day after `date` in `zone`. */
export function endOfZonedDay(date: CalendarDate, zone: TimeZone): number {
  return startOfZonedDay(addCalendarDays(date, 1), zone);
}
