/**
 * Event reminders reuse the tasks' reminder clock (workspace/tasks/reminders.ts):
 * each upcoming occurrence is handed to it as a "task" due at the occurrence's
 * start, so firing once per offset, sleeping devices and re-arming when an event
 * moves behave the same for both [CAL36]. Only the "before" reminders are kept;
 * an event has no overdue nudge.
 */
import type { Occurrence } from '../../workspace/calendar/index.js';
import type { ReminderTask } from '../../workspace/tasks/index.js';

/** How far ahead occurrences are looked at: the longest reminder offset a person can pick. */
export const REMINDER_HORIZON_DAYS = 8;
const LATE_MS = 60 * 60_000;

/** Whether `userId` is reminded of the event: they organise it or are invited and did not decline. */
export function remindsPerson(occurrence: Occurrence, userId: string): boolean {
  const { event } = occurrence;
  if (event.answers[userId]?.answer === 'no') return false;
  return (
    event.organizer === userId ||
    event.attendees.some((a) => a.kind === 'person' && a.id === userId)
  );
}

/** The occurrences of `calendarId` that may still remind `userId`, as reminder "tasks". */
export function reminderTasks(
  calendarId: string,
  occurrences: readonly Occurrence[],
  userId: string,
  now: number,
): ReminderTask[] {
  return occurrences
    .filter((o) => !o.cancelled && o.start + LATE_MS > now && o.event.reminders.length > 0)
    .filter((o) => remindsPerson(o, userId))
    .map((o) => ({
      projectId: calendarId,
      task: {
        id: `${o.eventId}|${o.recurrenceId ?? ''}`,
        title: o.title,
        assignees: [userId],
        completedAt: null,
        deadline: o.start,
        reminders: [...o.event.reminders],
      },
    }));
}
