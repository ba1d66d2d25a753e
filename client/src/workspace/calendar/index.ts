/**
 * Calendars on the device: a calendar is a room of kind 'calendar' whose one doc
 * holds its events (shared/calendar, CALENDAR.md). Pages read it through these
 * helpers so that views, invites and availability agree on zone and window.
 */
import type * as Y from 'yjs';
import { addCalendarDays } from '../../../../shared/model/time/calendar-date.js';
import {
  expandAll,
  readCalendar,
  type CalendarRead,
  type Occurrence,
} from '../../../../shared/calendar/index.js';
import { instantOf } from '../../../../shared/calendar/local-time.js';

export { addMinutes, instantOf, localAt } from '../../../../shared/calendar/local-time.js';

export * from '../../../../shared/calendar/index.js';

/** The zone the device shows times in [CAL13]. */
export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Today's date in `zone`, 'YYYY-MM-DD'. */
export function todayIn(zone: string, now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(now);
}

/** A new event id: random, so devices never collide offline. */
export function newEventId(): string {
  return crypto.randomUUID();
}

/** Occurrences of the calendar's events on the days [from, from + days) in `zone`. */
export function occurrencesOn(
  calendar: CalendarRead,
  from: string,
  days: number,
  zone: string,
): Occurrence[] {
  const start = instantOf(`${from}T00:00`, zone);
  const end = instantOf(`${addCalendarDays(from, days)}T00:00`, zone);
  return expandAll(calendar.events, { start, end }, zone);
}

export function readCalendarDoc(doc: Y.Doc): CalendarRead {
  return readCalendar(doc);
}
