/**
 * "Find a time" over the relay's answer [CAL56]: each person's side becomes the
 * model's PersonAvailability (hidden: working hours only; unknown: nothing known, so
 * any time counts for them and the panel says so), then findTimes (CAL16) runs here.
 */
import type {
  AvailabilityAnswer,
  PersonAvailabilityAnswer,
} from '../../../../../shared/api/calendar-availability.js';
import {
  findTimes,
  freeBusy,
  workingIntervals,
  type Interval,
  type PersonAvailability,
  type WorkingHours,
} from '../../../../../shared/calendar/availability.js';

export type Knowledge = PersonAvailabilityAnswer['state'];

export interface Invitee {
  readonly person: string;
  readonly knowledge: Knowledge;
  readonly availability: PersonAvailability;
}

function hoursOf(answer: PersonAvailabilityAnswer): WorkingHours | null {
  if (answer.state === 'unknown' || !answer.workingHours) return null;
  return { ...answer.workingHours, timeZone: answer.timeZone };
}

export function invitees(answer: AvailabilityAnswer): Invitee[] {
  return answer.people.map((side) => ({
    person: side.person,
    knowledge: side.state,
    availability: {
      person: side.person,
      busy: side.state === 'shared' ? side.busy : [],
      workingHours: hoursOf(side),
      hidden: side.state === 'hidden',
    },
  }));
}

/** The first `count` slots of `minutes` from `range` where everyone can meet. */
export function suggestions(
  people: readonly Invitee[],
  range: Interval,
  minutes: number,
  count = 5,
): Interval[] {
  return findTimes(
    people.map((p) => p.availability),
    { range, minutes, count },
  );
}

export interface DayRow {
  readonly person: string;
  readonly knowledge: Knowledge;
  /** Fractions of the day [0, 1]: where the person works, and where they are busy. */
  readonly working: ReadonlyArray<{ from: number; to: number }>;
  readonly busy: ReadonlyArray<{ from: number; to: number }>;
}

/** One row per person for the day `day` (real instants), as fractions for drawing bars. */
export function dayRows(people: readonly Invitee[], day: Interval): DayRow[] {
  const length = day.end - day.start;
  const frac = (i: Interval) => ({
    from: (i.start - day.start) / length,
    to: (i.end - day.start) / length,
  });
  const busy = freeBusy(
    people.map((p) => p.availability),
    day,
  );
  return people.map((p, index) => ({
    person: p.person,
    knowledge: p.knowledge,
    working: p.availability.workingHours
      ? workingIntervals(p.availability.workingHours, day).map(frac)
      : [],
    busy: (busy[index]?.busy ?? []).map(frac),
  }));
}
