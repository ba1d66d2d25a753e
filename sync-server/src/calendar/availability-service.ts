/**
 * Availability on the relay [CAL50]–[CAL56]: it keeps what each person's device
 * published (busy intervals: start and end only) and the person's settings, and
 * answers members who schedule with them. It never sees an event, a title or an
 * attendee list through this path; the calendars themselves are rooms like any other.
 */
import { z } from 'zod';
import {
  WeeklyHours,
  type AvailabilitySettings,
  type AvailabilityAnswer,
  type AvailabilityQuery,
  type BusyBody,
  type BusyResult,
  type PersonAvailabilityAnswer,
} from '../../../shared/api/calendar-availability.js';
import { mergeIntervals, type Interval } from '../../../shared/calendar/availability.js';
import type { AvailabilityRow, IdentityStore, UserRow } from '../auth/identity/identity-store.js';
import { fail } from '../auth/api-failure.js';

export class AvailabilityService {
  constructor(private readonly deps: { store: IdentityStore; now: () => number }) {}

  /** [CAL51] Replaces the person's busy intervals whole; merged so overlaps cost nothing. */
  async publish(user: UserRow, body: BusyBody): Promise<BusyResult> {
    const busy = mergeIntervals(body.busy);
    const stored = await this.deps.store.availability.setBusy(
      user.id,
      JSON.stringify(busy),
      this.deps.now(),
      body.timeZone,
    );
    return { stored, intervals: stored ? busy.length : 0 };
  }

  /** The person's own settings; null before their device published or they set any. */
  async settings(user: UserRow): Promise<AvailabilitySettings | null> {
    const row = (await this.deps.store.availability.of([user.id])).get(user.id);
    if (!row) return null;
    return { timeZone: row.time_zone, workingHours: hoursOf(row), hidden: row.hidden === 1 };
  }

  /** [CAL52] Hiding drops what was published, at once. */
  async setSettings(
    user: UserRow,
    settings: AvailabilitySettings,
  ): Promise<AvailabilitySettings | null> {
    await this.deps.store.availability.setSettings(
      user.id,
      {
        time_zone: settings.timeZone,
        working_hours: settings.workingHours ? JSON.stringify(settings.workingHours) : null,
        hidden: settings.hidden ? 1 : 0,
      },
      this.deps.now(),
    );
    return this.settings(user);
  }

  /** [CAL53] [CAL54] Members ask; guests do not (they may not list the workspace either). */
  async answer(viewer: UserRow, query: AvailabilityQuery): Promise<AvailabilityAnswer> {
    if (viewer.role === 'guest')
      throw fail.forbidden(
        "guests cannot see people's availability; ask an admin for a member account",
      );
    const people = await Promise.all(query.people.map((id) => this.deps.store.people.byId(id)));
    const active = people.filter((p): p is UserRow => p?.active === 1).map((p) => p.id);
    const rows = await this.deps.store.availability.of(active);
    const range = { start: query.from, end: query.to };
    return {
      people: query.people.map((person): PersonAvailabilityAnswer => {
        const row = rows.get(person);
        // A deactivated person's row is gone [CAL55]; an unknown id looks the same.
        if (!row) return { person, state: 'unknown' };
        const side = { person, timeZone: row.time_zone, workingHours: hoursOf(row) };
        if (row.hidden === 1) return { ...side, state: 'hidden' };
        return {
          ...side,
          state: 'shared',
          busy: clip(busyOf(row), range),
          publishedAt: row.published_at,
        };
      }),
    };
  }
}

// Rows are written by this code from parsed input; a row that does not parse (edited
// by hand) reads as "no working hours" / "no busy time" rather than failing the answer.
function hoursOf(row: AvailabilityRow): WeeklyHours | null {
  if (row.working_hours === null) return null;
  const parsed = WeeklyHours.safeParse(safeJson(row.working_hours));
  return parsed.success ? parsed.data : null;
}

const StoredBusy = z.array(z.object({ start: z.number(), end: z.number() }));

function busyOf(row: AvailabilityRow): Interval[] {
  if (row.busy === null) return [];
  const parsed = StoredBusy.safeParse(safeJson(row.busy));
  return parsed.success ? parsed.data : [];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function clip(intervals: readonly Interval[], range: Interval): Interval[] {
  return intervals
    .map((i) => ({ start: Math.max(i.start, range.start), end: Math.min(i.end, range.end) }))
    .filter((i) => i.end > i.start);
}
