/**
 * VTIMEZONE blocks for the IANA zones an exported file names [CAL65]. RFC 5545
 * wants one per TZID; Google and Apple also know IANA names, but Outlook and older
 * clients place an event whose TZID has no VTIMEZONE in their own zone. ical.js can
 * read VTIMEZONEs but not make them from IANA data, and the runtime's Intl data
 * gives offsets, not rules, so each transition in the years asked for is found by
 * sampling the offset daily and narrowing to the minute, and written as its own
 * observance (a DTSTART and no RRULE), which every client reads.
 */
import { tzOffset } from '@date-fns/tz';
import ICAL from 'ical.js';
import type { CalendarEvent } from './read-events.js';
import type { EventTime } from './schemas.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const offsetMinutes = (zone: string, instant: number): number => tzOffset(zone, new Date(instant));

/** The first minute at which the offset is no longer the one at `from`. */
function transitionIn(zone: string, from: number, to: number): number {
  const before = offsetMinutes(zone, from);
  let [low, high] = [from, to];
  while (high - low > MINUTE_MS) {
    const mid = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetMinutes(zone, mid) === before) low = mid;
    else high = mid;
  }
  return high;
}

/** Wall clock of `instant` at offset `minutes`, as a floating ICAL.Time. */
function wallClock(instant: number, minutes: number): ICAL.Time {
  const d = new Date(instant + minutes * MINUTE_MS);
  return ICAL.Time.fromData({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: 0,
    isDate: false,
  });
}

function observance(kind: 'standard' | 'daylight', at: number, from: number, to: number) {
  const component = new ICAL.Component(kind);
  component.addPropertyWithValue('dtstart', wallClock(at, from));
  component.addPropertyWithValue('tzoffsetfrom', ICAL.UtcOffset.fromSeconds(from * 60));
  component.addPropertyWithValue('tzoffsetto', ICAL.UtcOffset.fromSeconds(to * 60));
  return component;
}

/**
 * A VTIMEZONE for `zone` valid from January `fromYear` to the end of `toYear`: the
 * offset at the start, then every change. A change to a larger offset is DAYLIGHT.
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): ICAL.Component {
  const component = new ICAL.Component('vtimezone');
  component.addPropertyWithValue('tzid', zone);
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  let offset = offsetMinutes(zone, start);
  component.addSubcomponent(observance('standard', start, offset, offset));
  for (let day = start; day < end; day += DAY_MS) {
    const next = offsetMinutes(zone, day + DAY_MS);
    if (next === offset) continue;
    const at = transitionIn(zone, day, day + DAY_MS);
    component.addSubcomponent(
      observance(next > offset ? 'daylight' : 'standard', at, offset, next),
    );
    offset = next;
  }
  return component;
}

/** Beyond this many years back from the last one, older transitions are left out. */
const MAX_YEARS = 100;
/** How far a series without UNTIL is covered past this year. */
const OPEN_SERIES_YEARS = 5;

const yearOf = (local: string): number => Number(local.slice(0, 4));

/**
 * The years each zone of `events` must cover: from the year before its earliest
 * time to its latest, and for a series without UNTIL a few years past `now`.
 */
export function zoneYears(
  events: readonly CalendarEvent[],
  now: number,
): Map<string, { from: number; to: number }> {
  const years = new Map<string, { from: number; to: number }>();
  const cover = (time: EventTime, to = yearOf(time.end)) => {
    if (time.kind !== 'timed' || time.timeZone === 'UTC') return;
    const seen = years.get(time.timeZone);
    years.set(time.timeZone, {
      from: Math.min(seen?.from ?? Infinity, yearOf(time.start) - 1),
      to: Math.max(seen?.to ?? -Infinity, to),
    });
  };
  const thisYear = new Date(now).getUTCFullYear();
  for (const event of events) {
    const until = event.rrule && /UNTIL=(\d{4})/.exec(event.rrule)?.[1];
    const last = !event.rrule
      ? yearOf(event.time.end)
      : until
        ? Number(until)
        : Math.max(yearOf(event.time.end), thisYear) + OPEN_SERIES_YEARS;
    cover(event.time, last);
    for (const override of Object.values(event.overrides)) if (override.time) cover(override.time);
  }
  for (const span of years.values()) span.from = Math.max(span.from, span.to - MAX_YEARS);
  return years;
}
