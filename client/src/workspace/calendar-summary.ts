import type { DirectoryRoom } from '../../../shared/api/schemas.js';
import {
  expandAll,
  readCalendar,
  type CalendarEvent,
  type Occurrence,
} from '../../../shared/calendar/index.js';
import { addCalendarDays } from '../../../shared/model/time/calendar-date.js';
import { instantOf } from '../../../shared/calendar/local-time.js';
import type { RoomSummaries } from './room-summaries.js';
import type { Summarizer } from './summary-engine.js';

export const CALENDAR_SUMMARY_KEY = 'calendar';

/**
 * What Home and the briefing need of a calendar without opening it [CAL77]: this
 * person's events that may still happen (series, and single events not yet over).
 */
export interface CalendarSummary {
  events: CalendarEvent[];
}

export function readCalendarSummary(value: unknown): CalendarSummary | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<CalendarSummary>;
  return Array.isArray(v.events) ? (v as CalendarSummary) : null;
}

/** Mine: I organise it, I am a guest and did not decline, or it invites no one in person. */
function isMine(event: CalendarEvent, me: string): boolean {
  if (event.answers[me]?.answer === 'no') return false;
  const people = event.attendees.filter((a) => a.kind === 'person');
  return event.organizer === me || people.length === 0 || people.some((a) => a.id === me);
}

/** Still to come, seen from `today` in any zone (a day either side covers every zone). */
function mayComeUp(event: CalendarEvent, today: string): boolean {
  return event.rrule !== null || event.time.end.slice(0, 10) >= addCalendarDays(today, -1);
}

export function calendarSummarizer(me: () => string | null, now = Date.now): Summarizer {
  return {
    key: CALENDAR_SUMMARY_KEY,
    kinds: ['calendar'],
    async summarize(roomId, read): Promise<CalendarSummary> {
      const self = me() ?? '';
      const today = new Date(now()).toISOString().slice(0, 10);
      const doc = await read(roomId);
      return {
        events: readCalendar(doc).events.filter(
          (event) => !event.cancelled && isMine(event, self) && mayComeUp(event, today),
        ),
      };
    },
  };
}

/** A meeting on Home: which calendar it is in, and the occurrence. */
export interface DayMeeting {
  calendarId: string;
  occurrence: Occurrence;
}

/**
 * Today's meetings in `zone` from the calendars' summaries on the device (reactive
 * once per batch of summary changes; no calendar is opened), earliest first.
 */
export function todaysMeetings(
  summaries: RoomSummaries,
  calendars: readonly DirectoryRoom[],
  today: string,
  zone: string,
): DayMeeting[] {
  summaries.changes();
  const window = {
    start: instantOf(`${today}T00:00`, zone),
    end: instantOf(`${addCalendarDays(today, 1)}T00:00`, zone),
  };
  return calendars
    .flatMap((calendar) => {
      const summary = readCalendarSummary(summaries.peek(calendar.id, CALENDAR_SUMMARY_KEY));
      return expandAll(summary?.events ?? [], window, zone)
        .filter((occurrence) => !occurrence.cancelled)
        .map((occurrence) => ({ calendarId: calendar.id, occurrence }));
    })
    .sort((a, b) => a.occurrence.start - b.occurrence.start);
}
