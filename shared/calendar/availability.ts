/**
 * Free/busy and "find a time". The input is busy intervals only (start and end of
 * occurrences, no titles), so a person's availability can be shared without their
 * events; a person who hides it contributes no intervals at all.
 */
import { z } from 'zod';
import { addCalendarDays, isoWeekday } from '../model/time/calendar-date.js';
import { TimeZone, WallTime, zonedInstant, zonedParts } from '../model/time/zoned-time.js';
import { parseInput } from './errors.js';
import type { Occurrence } from './expand.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** [start, end) in epoch ms. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** When a person works: ISO weekdays (1 = Monday) and wall-clock hours in their own zone. */
export const WorkingHours = z.object({
  days: z.array(z.number().int().min(1).max(7)).max(7),
  start: WallTime,
  /** Before `start` means the day runs past midnight. */
  end: WallTime,
  timeZone: TimeZone,
});
export type WorkingHours = z.infer<typeof WorkingHours>;

/** One invitee's side of a search. */
export interface PersonAvailability {
  readonly person: string;
  /** Occurrences the person attends; only start, end and the two flags are read. */
  readonly busy: ReadonlyArray<{
    readonly start: number;
    readonly end: number;
    readonly allDay?: boolean;
    readonly cancelled?: boolean;
  }>;
  /** null: no working hours set, any time counts. */
  readonly workingHours: WorkingHours | null;
  /** The person chose to hide their availability: their busy time is not used. */
  readonly hidden: boolean;
}

/**
 * What `person`'s own occurrences give away for free/busy: start, end and the two
 * flags, nothing else. Events they declined are free.
 */
export function busyFromOccurrences(
  occurrences: readonly Occurrence[],
  person: string,
): PersonAvailability['busy'] {
  return occurrences
    .filter((o) => o.event.answers[person]?.answer !== 'no')
    .map((o) => ({
      start: o.start,
      end: o.end,
      allDay: o.time.kind === 'allDay',
      cancelled: o.cancelled,
    }));
}

/** Sorted, disjoint intervals covering the same time; touching intervals join. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const interval of sorted) {
    const last = out[out.length - 1];
    if (last && interval.start <= last.end)
      out[out.length - 1] = { start: last.start, end: Math.max(last.end, interval.end) };
    else out.push({ start: interval.start, end: interval.end });
  }
  return out;
}

/** A person's merged busy time: cancelled and all-day occurrences are free; hidden is nothing. */
export function busyOf(person: PersonAvailability): Interval[] {
  if (person.hidden) return [];
  return mergeIntervals(person.busy.filter((o) => !o.cancelled && !o.allDay));
}

/** The busy time of many people, each merged on its own: what a scheduling view shows. */
export function freeBusy(
  people: readonly PersonAvailability[],
  range: Interval,
): Array<{ person: string; hidden: boolean; busy: Interval[] }> {
  return people.map((person) => ({
    person: person.person,
    hidden: person.hidden,
    busy: clip(busyOf(person), range),
  }));
}

function clip(intervals: readonly Interval[], range: Interval): Interval[] {
  return intervals
    .map((i) => ({ start: Math.max(i.start, range.start), end: Math.min(i.end, range.end) }))
    .filter((i) => i.end > i.start);
}

/** The person's working time inside `range`, as sorted intervals. */
export function workingIntervals(
  hours: WorkingHours | null,
  range: Interval,
  instants = new Map<string, number>(),
): Interval[] {
  if (!hours) return [range];
  // Zone offsets are costly (Intl); people in one zone share their day boundaries.
  const instant = (date: string, time: string): number => {
    const key = `${date}T${time}|${hours.timeZone}`;
    let value = instants.get(key);
    if (value === undefined) {
      value = zonedInstant(date, time, hours.timeZone);
      instants.set(key, value);
    }
    return value;
  };
  const out: Interval[] = [];
  // From the day before the range (a shift past midnight) to its last day, in their zone.
  let date = zonedParts(range.start - DAY_MS, hours.timeZone).date;
  const last = zonedParts(range.end, hours.timeZone).date;
  for (; date <= last; date = addCalendarDays(date, 1)) {
    if (!hours.days.includes(isoWeekday(date))) continue;
    const endDate = hours.end <= hours.start ? addCalendarDays(date, 1) : date;
    out.push({ start: instant(date, hours.start), end: instant(endDate, hours.end) });
  }
  return clip(mergeIntervals(out), range);
}

/** Intersection of two sorted disjoint interval lists. */
function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/** `a` minus sorted disjoint `busy`. */
function subtract(a: readonly Interval[], busy: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const interval of a) {
    let start = interval.start;
    for (const b of busy) {
      if (b.end <= start || b.start >= interval.end) continue;
      if (b.start > start) out.push({ start, end: b.start });
      start = Math.max(start, b.end);
    }
    if (start < interval.end) out.push({ start, end: interval.end });
  }
  return out;
}

export const FindTimeInput = z.object({
  range: z
    .object({ start: z.number().int(), end: z.number().int() })
    .refine((r) => r.end > r.start, 'the range ends before it starts'),
  minutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  count: z.number().int().min(1).max(100).default(5),
  /** Slots start on multiples of this many minutes (UTC). */
  stepMinutes: z.number().int().min(5).max(240).default(30),
});
export type FindTimeInput = z.input<typeof FindTimeInput>;

/**
 * The earliest `count` slots of `minutes` within the range where every invitee is
 * in working hours and nobody is busy. Deterministic: same input, same slots.
 */
export function findTimes(people: readonly PersonAvailability[], input: FindTimeInput): Interval[] {
  const { range, minutes, count, stepMinutes } = parseInput(FindTimeInput, input);
  let free: Interval[] = [range];
  const instants = new Map<string, number>();
  for (const person of people) {
    free = intersect(free, workingIntervals(person.workingHours, range, instants));
    free = subtract(free, busyOf(person));
    if (free.length === 0) return [];
  }
  const step = stepMinutes * MINUTE_MS;
  const length = minutes * MINUTE_MS;
  const slots: Interval[] = [];
  for (const interval of free) {
    for (
      let start = Math.ceil(interval.start / step) * step;
      start + length <= interval.end;
      start += step
    ) {
      slots.push({ start, end: start + length });
      if (slots.length === count) return slots;
    }
  }
  return slots;
}
