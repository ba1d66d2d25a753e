/**
 * Occurrences of events in a window of real time.
 *
 * How rrule is used with zones: rrule computes in UTC only. Its `tzid` option makes
 * it return Dates whose UTC fields are the wall clock in the *runtime's* zone, so
 * the same rule gives different instants on devices in different zones. We do not
 * use `tzid`. We use rrule's "floating UTC" convention instead: DTSTART is the
 * event's wall clock read as UTC (09:00 Berlin -> 09:00Z), rrule steps through
 * wall-clock dates (so BYHOUR, BYDAY, BYMONTHDAY=31 or -1 and Feb 29 are plain
 * calendar rules, and 09:00 stays 09:00 across DST), and only then is each
 * floating result turned into a real instant in the event's zone by
 * `zonedInstant`, which applies RFC 5545 §3.3.5: a time that does not exist
 * (02:30 on a spring-forward day) takes the offset from before the gap (so it is
 * 03:30 summer time), a time that happens twice means the first. UNTIL, which
 * RFC 5545 writes in UTC for zoned events, is converted to the event's wall clock
 * the same way before rrule sees it. Window bounds are real instants; rrule is
 * asked for a floating range widened by a day either side (no zone is more than
 * 14 h from UTC) plus the event's length, and the results are then cut exactly.
 */
import { endOfZonedDay, startOfZonedDay } from '../model/time/zoned-time.js';
import { dateOf, floating, instantOf, localAt, localOf, minutesBetween } from './local-time.js';
import type { CalendarEvent, Override } from './read-events.js';
import { RRule } from './rrule-lib.js';
import { ruleParts, ruleText } from './rule.js';
import type { EventTime } from './schemas.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** A window of real time, [start, end) in epoch ms. */
export interface Window {
  readonly start: number;
  readonly end: number;
}

/** One occurrence of an event, with the overrides of that occurrence applied. */
export interface Occurrence {
  readonly eventId: string;
  /** Which occurrence of a series; null for a single event. */
  readonly recurrenceId: string | null;
  readonly title: string;
  readonly time: EventTime;
  /** Real instants; an all-day occurrence spans its days in the zone it was expanded for. */
  readonly start: number;
  readonly end: number;
  readonly location: string;
  readonly meetingUrl: string | null;
  readonly description: string;
  readonly cancelled: boolean;
  /** The notes doc of this occurrence (its own, else the series'). */
  readonly notesDoc: string | null;
  readonly event: CalendarEvent;
}

/** [start, end) of `time` in real instants; all-day days are taken in `dayZone`. */
export function instantsOf(time: EventTime, dayZone: string): { start: number; end: number } {
  if (time.kind === 'allDay')
    return { start: startOfZonedDay(time.start, dayZone), end: endOfZonedDay(time.end, dayZone) };
  const start = instantOf(time.start, time.timeZone);
  return { start, end: Math.max(start, instantOf(time.end, time.timeZone)) };
}

/** The recurrence id of the occurrence of `time`'s series starting at floating `float`. */
function recurrenceIdAt(time: EventTime, float: number): string {
  return time.kind === 'allDay' ? dateOf(float) : localOf(float);
}

/** `time` moved so that it starts at recurrence id `rid`, keeping its length. */
export function timeAt(time: EventTime, rid: string): EventTime {
  const shift = floating(rid) - floating(time.start);
  if (time.kind === 'allDay')
    return { kind: 'allDay', start: rid, end: dateOf(floating(time.end) + shift) };
  return { ...time, start: rid, end: localOf(floating(time.end) + shift) };
}

/** The series rule as an rrule object on floating time (see the top of this file). */
export function seriesRule(event: CalendarEvent): RRule | undefined {
  if (!event.rrule) return undefined;
  const parts = ruleParts(event.rrule);
  const until = parts.get('UNTIL');
  parts.delete('UNTIL');
  const options = RRule.parseString(ruleText(parts));
  options.dtstart = new Date(floating(event.time.start));
  if (until) options.until = new Date(untilFloating(until, event.time));
  return new RRule(options);
}

/** UNTIL as floating wall clock of the series: UTC stamps are converted into its zone. */
function untilFloating(until: string, time: EventTime): number {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(until);
  if (!match) return Number.POSITIVE_INFINITY;
  const [, y, mo, d, h, mi, s, z] = match;
  const date = `${y}-${mo}-${d}`;
  if (h === undefined) return floating(date) + DAY_MS - 1; // a date: that whole day counts
  const local = `${date}T${h}:${mi}`;
  const stamp = floating(local) + Number(s) * 1000;
  if (z !== 'Z' || time.kind === 'allDay') return stamp;
  return floating(localAt(stamp, time.timeZone)) + (Number(s) % 60) * 1000;
}

/** True when `rid` is an occurrence the series' rule generates (exdates aside). */
export function isOccurrence(event: CalendarEvent, rid: string): boolean {
  const rule = seriesRule(event);
  if (!rule) return false;
  const at = new Date(floating(rid));
  return rule.between(at, at, true).length > 0 && recurrenceIdAt(event.time, +at) === rid;
}

function occurrenceOf(
  event: CalendarEvent,
  rid: string | null,
  override: Override | undefined,
  dayZone: string,
): Occurrence {
  const time = override?.time ?? (rid === null ? event.time : timeAt(event.time, rid));
  const { start, end } = instantsOf(time, dayZone);
  return {
    eventId: event.id,
    recurrenceId: rid,
    title: override?.title ?? event.title,
    time,
    start,
    end,
    location: override?.location ?? event.location,
    meetingUrl: override?.meetingUrl === undefined ? event.meetingUrl : override.meetingUrl,
    description: override?.description ?? event.description,
    cancelled: event.cancelled || override?.cancelled === true,
    notesDoc: override?.notesDoc ?? event.notesDoc,
    event,
  };
}

function overlaps(occurrence: Occurrence, window: Window): boolean {
  if (occurrence.start === occurrence.end)
    return occurrence.start >= window.start && occurrence.start < window.end;
  return occurrence.start < window.end && occurrence.end > window.start;
}

/**
 * The occurrences of `event` overlapping `window`, sorted by start. Exdates are
 * left out; a cancelled occurrence is kept with `cancelled` set, so views can show
 * it struck through. All-day days are read in `dayZone` (the viewer's zone).
 */
export function expandEvent(event: CalendarEvent, window: Window, dayZone: string): Occurrence[] {
  const rule = seriesRule(event);
  if (!rule) {
    // Cheap floating test first: zone offsets are costly and most events of a
    // calendar are far from the window. No zone is more than 14 h from UTC.
    const margin = DAY_MS;
    if (
      floating(event.time.end) + margin < window.start ||
      floating(event.time.start) - margin > window.end
    )
      return [];
    const single = occurrenceOf(event, null, undefined, dayZone);
    return overlaps(single, window) ? [single] : [];
  }
  const lengthMs = minutesBetween(event.time.start, event.time.end) * MINUTE_MS;
  const from = new Date(window.start - DAY_MS - lengthMs);
  const to = new Date(window.end + DAY_MS);
  const excluded = new Set(event.exdates);
  const seen = new Set<string>();
  const out: Occurrence[] = [];
  for (const date of rule.between(from, to, true)) {
    const rid = recurrenceIdAt(event.time, +date);
    seen.add(rid);
    if (excluded.has(rid)) continue;
    const occurrence = occurrenceOf(event, rid, event.overrides[rid], dayZone);
    if (overlaps(occurrence, window)) out.push(occurrence);
  }
  // An override may have moved an occurrence from outside the searched range into it.
  for (const [rid, override] of Object.entries(event.overrides)) {
    if (!override.time || seen.has(rid) || excluded.has(rid)) continue;
    const occurrence = occurrenceOf(event, rid, override, dayZone);
    if (overlaps(occurrence, window) && isOccurrence(event, rid)) out.push(occurrence);
  }
  return out.sort((a, b) => a.start - b.start || a.eventId.localeCompare(b.eventId));
}

/** The occurrences of every event overlapping `window`, sorted by start. */
export function expandAll(
  events: readonly CalendarEvent[],
  window: Window,
  dayZone: string,
): Occurrence[] {
  return events
    .flatMap((event) => expandEvent(event, window, dayZone))
    .sort((a, b) => a.start - b.start || a.eventId.localeCompare(b.eventId));
}
