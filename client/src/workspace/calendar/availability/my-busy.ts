/**
 * What this device publishes for its person [CAL50]: the busy time of the events it
 * holds where they are organiser or invited by name, as start and end only.
 * Department invitations are left out until the invites part resolves departments
 * to people on the device (the person's own calendar still covers what they accepted).
 */
import {
  AVAILABILITY_WINDOW_DAYS,
  MAX_BUSY_INTERVALS,
  type BusyInterval,
} from '../../../../../shared/api/calendar-availability.js';
import {
  busyFromOccurrences,
  busyOf,
  expandAll,
  type CalendarEvent,
  type CalendarRead,
} from '../../../../../shared/calendar/index.js';

const DAY_MS = 86_400_000;

/** The window a publication covers: from now, AVAILABILITY_WINDOW_DAYS ahead. */
export function publishWindow(now: number): { start: number; end: number } {
  return { start: now, end: now + AVAILABILITY_WINDOW_DAYS * DAY_MS };
}

function involves(event: CalendarEvent, person: string): boolean {
  return (
    event.organizer === person ||
    event.attendees.some((a) => a.kind === 'person' && a.id === person)
  );
}

/**
 * Merged busy intervals of `person` within `window` over every calendar given; the
 * earliest MAX_BUSY_INTERVALS when there are more (the relay refuses more, and the
 * near future matters most when scheduling).
 */
export function myBusy(
  calendars: readonly CalendarRead[],
  person: string,
  window: { start: number; end: number },
  zone: string,
): BusyInterval[] {
  const events = calendars.flatMap((c) => c.events).filter((e) => involves(e, person));
  const occurrences = expandAll(events, window, zone);
  const merged = busyOf({
    person,
    busy: busyFromOccurrences(occurrences, person),
    workingHours: null,
    hidden: false,
  });
  return merged
    .map((i) => ({ start: Math.max(i.start, window.start), end: Math.min(i.end, window.end) }))
    .filter((i) => i.end > i.start)
    .slice(0, MAX_BUSY_INTERVALS);
}
