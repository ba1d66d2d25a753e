import {
  addMinutes,
  occurrenceDates,
  showOccurrence,
  type EventTime,
  type Occurrence,
} from '../../../workspace/calendar/index.js';

/** What every view gets from the page. */
export interface ViewProps {
  readonly occurrences: readonly Occurrence[];
  /** The dates shown, in order (one for day, seven for week, the month grid's weeks). */
  readonly days: readonly string[];
  readonly zone: string;
  readonly today: string;
  readonly readOnly: boolean;
  /** A colour per calendar when several are shown at once. */
  readonly colourOf?: (occurrence: Occurrence) => string | undefined;
  onOpen(occurrence: Occurrence): void;
  /** A new event at wall-clock `start` in the viewer's zone (a date when `allDay`). */
  onCreate(start: string, allDay: boolean): void;
  /** Moves or resizes an occurrence (drag, Alt+arrows). */
  onMove(occurrence: Occurrence, time: EventTime): void;
  /** Shows one date in the day view ("+N more", a month cell's date). */
  onShowDay(date: string): void;
}

export const occurrenceKey = (o: Occurrence) => `${o.eventId}|${o.recurrenceId ?? ''}`;

/** "09:00–09:30" or "All day", for the accessible name of an event button. */
export function timeLabel(occurrence: Occurrence, zone: string): string {
  const shown = showOccurrence(occurrence, zone);
  if (shown.kind === 'allDay') return 'All day';
  const zoneNote = shown.eventZone ? ` (${shown.eventZone})` : '';
  return `${shown.startTime}–${shown.endTime}${zoneNote}`;
}

/** Occurrences on `date`: all-day (and multi-day) ones and timed ones, each in time order. */
export function onDate(occurrences: readonly Occurrence[], date: string, zone: string) {
  return occurrences.filter((o) => occurrenceDates(o, zone).includes(date));
}

/**
 * `time` moved by `minutes` of wall clock in its own zone, and its end by
 * `endMinutes` more (a resize); the end never comes before start + 15 minutes.
 * All-day times move by whole days.
 */
export function shiftTime(time: EventTime, minutes: number, endMinutes = 0): EventTime {
  if (time.kind === 'allDay') {
    const days = Math.round(minutes / 1440);
    const endDays = days + Math.round(endMinutes / 1440);
    return {
      kind: 'allDay',
      start: addMinutes(`${time.start}T00:00`, days * 1440).slice(0, 10),
      end: addMinutes(`${time.end}T00:00`, Math.max(days, endDays) * 1440).slice(0, 10),
    };
  }
  const start = addMinutes(time.start, minutes);
  let end = addMinutes(time.end, minutes + endMinutes);
  if (end < addMinutes(start, 15)) end = addMinutes(start, 15);
  return { ...time, start, end };
}
