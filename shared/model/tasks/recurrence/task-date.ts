import { z } from 'zod';
import { CalendarDate } from '../../time/calendar-date.js';
import { endOfZonedDay, TimeZone, WallTime, zonedInstant } from '../../time/zoned-time.js';

/**
 * A due or start date as a person set it: a calendar date, an optional wall-clock
 * time, and the zone it was meant in. Stored this way rather than as an instant so
 * a repeating 09:00 stays 09:00 across DST, and an all-day task due on the 10th is
 * due on the 10th wherever its viewer is.
 */
export const TaskDate = z.object({
  date: CalendarDate,
  time: WallTime.optional(),
  timeZone: TimeZone,
});
export type TaskDate = z.infer<typeof TaskDate>;

/**
 * The instant a task with this due date becomes overdue: the due time, or for an
 * all-day task the end of that day in its zone.
 */
export function deadlineOf(due: TaskDate): number {
  // Memoized: zone offsets are costly to look up and a board has many equal dates.
  const key = `${due.date}|${due.time ?? ''}|${due.timeZone}`;
  let deadline = deadlines.get(key);
  if (deadline === undefined) {
    deadline =
      due.time === undefined
        ? endOfZonedDay(due.date, due.timeZone)
        : zonedInstant(due.date, due.time, due.timeZone);
    if (deadlines.size >= MAX_MEMO) deadlines.clear();
    deadlines.set(key, deadline);
  }
  return deadline;
}

const MAX_MEMO = 50_000;
const deadlines = new Map<string, number>();
