/**
 * Reminders are computed on the device from the tasks it has (the relay never sees
 * them) and only ever for the person they are for: a task reminds its assignees,
 * never its creator or a manager. The caller keeps `ReminderState` (plain JSON, per
 * person and device), calls dueReminders on a timer with the current time, shows
 * what it returns and stores the returned state.
 *
 * - Each offset in `task.reminders` (minutes before the deadline) fires once, up to
 *   an hour after the deadline; later the overdue nudge takes over. If several came
 *   due while the device was asleep, only the closest to the deadline is shown.
 *   Moving the due date re-arms them (the key holds the deadline).
 * - Once the deadline's day is over, an overdue task nudges once a day, not before
 *   `nudgeAt` local time.
 * - A snooze silences a task until a time, then fires once.
 */
import { z } from 'zod';
import { CalendarDate } from '../../../../shared/model/time/calendar-date.js';
import {
  zonedParts,
  type TimeZone,
  type WallTime,
} from '../../../../shared/model/time/zoned-time.js';
import type { TaskSnapshot } from '../../../../shared/model/tasks/read-task.js';

export const ReminderState = z.object({
  /** Reminder key -> the deadline it was for, so keys of passed deadlines can be dropped. */
  fired: z.record(z.string(), z.number()),
  /** Task key -> the local date of its last overdue nudge. */
  nudged: z.record(z.string(), CalendarDate),
  /** Task key -> snoozed until (epoch ms). */
  snoozed: z.record(z.string(), z.number()),
});
export type ReminderState = z.infer<typeof ReminderState>;

export const EMPTY_REMINDER_STATE: ReminderState = { fired: {}, nudged: {}, snoozed: {} };

export type ReminderTask = {
  readonly projectId: string;
  readonly task: Pick<
    TaskSnapshot,
    'id' | 'title' | 'assignees' | 'completedAt' | 'deadline' | 'reminders'
  >;
};

export type Reminder =
  | {
      readonly kind: 'before-due';
      readonly projectId: string;
      readonly taskId: string;
      readonly title: string;
      readonly deadline: number;
      readonly minutesBefore: number;
    }
  | {
      readonly kind: 'overdue';
      readonly projectId: string;
      readonly taskId: string;
      readonly title: string;
      readonly deadline: number;
    };

export interface ReminderOptions {
  /** The person's time zone: "once a day" and `nudgeAt` are in it. */
  readonly timeZone: TimeZone;
  /** Earliest local time for an overdue nudge; default '09:00'. */
  readonly nudgeAt?: WallTime;
}

const MINUTE_MS = 60_000;
/** How long after the deadline a reminder that has not fired yet still may. */
const LATE_MS = 60 * MINUTE_MS;

function taskKey(projectId: string, taskId: string): string {
  return `${projectId}/${taskId}`;
}

/** What should fire now for `userId`, and the state to store afterwards. */
export function dueReminders(
  tasks: readonly ReminderTask[],
  userId: string,
  now: number,
  state: ReminderState,
  options: ReminderOptions,
): { reminders: Reminder[]; state: ReminderState } {
  const local = zonedParts(now, options.timeZone);
  const fired = Object.fromEntries(
    Object.entries(state.fired).filter(([, at]) => at + LATE_MS > now),
  );
  const nudged = Object.fromEntries(
    Object.entries(state.nudged).filter(([, date]) => date === local.date),
  );
  const snoozed = { ...state.snoozed };
  const reminders: Reminder[] = [];

  for (const { projectId, task } of tasks) {
    const deadline = task.deadline;
    if (deadline === null || task.completedAt !== null || !task.assignees.includes(userId)) {
      continue;
    }
    const key = taskKey(projectId, task.id);
    const about = { projectId, taskId: task.id, title: task.title, deadline };
    const snoozedUntil = snoozed[key];
    if (snoozedUntil !== undefined && now < snoozedUntil) continue;

    // Pre-due offsets whose time has come; all are marked fired, at most one shows.
    const passed = task.reminders
      .filter((minutes) => deadline - minutes * MINUTE_MS <= now && now < deadline + LATE_MS)
      .filter((minutes) => fired[`${key}@${deadline}/${minutes}`] === undefined);
    for (const minutes of passed) fired[`${key}@${deadline}/${minutes}`] = deadline;

    if (snoozedUntil !== undefined) {
      delete snoozed[key];
      if (now < deadline) {
        const minutesBefore = Math.floor((deadline - now) / MINUTE_MS);
        reminders.push({ kind: 'before-due', ...about, minutesBefore });
      } else {
        nudged[key] = local.date;
        reminders.push({ kind: 'overdue', ...about });
      }
      continue;
    }
    if (passed.length > 0) {
      reminders.push({ kind: 'before-due', ...about, minutesBefore: Math.min(...passed) });
      continue;
    }
    const deadlineDay = zonedParts(deadline - 1, options.timeZone).date;
    const politeHour = local.time >= (options.nudgeAt ?? '09:00');
    if (now >= deadline && deadlineDay < local.date && politeHour && nudged[key] === undefined) {
      nudged[key] = local.date;
      reminders.push({ kind: 'overdue', ...about });
    }
  }
  // Whatever snooze is still here and over belonged to a task that is done, gone or
  // no longer this person's.
  for (const [key, until] of Object.entries(snoozed)) if (until <= now) delete snoozed[key];
  return { reminders, state: { fired, nudged, snoozed } };
}

/** The state with `taskId`'s reminders and nudges silenced until `until` (epoch ms). */
export function snoozeReminder(
  state: ReminderState,
  projectId: string,
  taskId: string,
  until: number,
): ReminderState {
  return { ...state, snoozed: { ...state.snoozed, [taskKey(projectId, taskId)]: until } };
}
