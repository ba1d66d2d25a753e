/**
 * How an occurrence reads to a viewer. Timed occurrences are instants, shown in
 * the viewer's zone (a 09:00 Berlin meeting is 03:00 in New York, and a late one
 * may fall on the next date); all-day occurrences are dates, the same everywhere.
 */
import { addCalendarDays, daysBetween } from '../model/time/calendar-date.js';
import { localAt } from './local-time.js';
import type { EventTime } from './schemas.js';

/** An occurrence as the viewer's calendar shows it. */
export type ShownTime =
  | { readonly kind: 'allDay'; readonly startDate: string; readonly lastDate: string }
  | {
      readonly kind: 'timed';
      readonly startDate: string;
      readonly startTime: string;
      /** The date of the end; `endTime` 00:00 ends at the start of that date. */
      readonly endDate: string;
      readonly endTime: string;
      /** The last date the occurrence covers (an end at midnight covers nothing of that day). */
      readonly lastDate: string;
      /** The event's own zone when it is not the viewer's, for a "(09:00 Berlin)" note. */
      readonly eventZone: string | null;
    };

/** `occurrence` in `viewerZone`. */
export function showOccurrence(
  occurrence: { readonly time: EventTime; readonly start: number; readonly end: number },
  viewerZone: string,
): ShownTime {
  const { time } = occurrence;
  if (time.kind === 'allDay') return { kind: 'allDay', startDate: time.start, lastDate: time.end };
  const start = localAt(occurrence.start, viewerZone);
  const end = localAt(occurrence.end, viewerZone);
  const endDate = end.slice(0, 10);
  const lastDate =
    end.slice(11) === '00:00' && occurrence.end > occurrence.start
      ? addCalendarDays(endDate, -1)
      : endDate;
  return {
    kind: 'timed',
    startDate: start.slice(0, 10),
    startTime: start.slice(11),
    endDate,
    endTime: end.slice(11),
    lastDate,
    eventZone: time.timeZone === viewerZone ? null : time.timeZone,
  };
}

/** Every date the occurrence covers in `viewerZone`, for placing it in a day or month grid. */
export function occurrenceDates(
  occurrence: { readonly time: EventTime; readonly start: number; readonly end: number },
  viewerZone: string,
): string[] {
  const shown = showOccurrence(occurrence, viewerZone);
  const days = Math.max(0, daysBetween(shown.startDate, shown.lastDate));
  return Array.from({ length: days + 1 }, (_, i) => addCalendarDays(shown.startDate, i));
}
