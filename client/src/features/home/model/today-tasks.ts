/**
 * Home's "Today's tasks": the signed-in person's open tasks that are overdue or due
 * today in the viewer's zone ([HOME1]). Pure: the tasks, the clock and the zone are
 * passed in; "today" is decided by groupMyTasks, the same rule My tasks uses.
 */
import { groupMyTasks, type ProjectTask } from '../../../workspace/tasks/my-tasks.js';
import { daysBetween } from '../../../../../shared/model/time/calendar-date.js';
import { zonedParts, type TimeZone } from '../../../../../shared/model/time/zoned-time.js';

export interface TodayTask extends ProjectTask {
  readonly overdue: boolean;
  /** "Due today", "Due at 14:00", "2 days overdue" in the viewer's zone. */
  readonly when: string;
  readonly href: string;
}

export interface TodayTasks {
  readonly shown: readonly TodayTask[];
  /** Tasks left out beyond the limit. */
  readonly more: number;
}

function whenLabel(entry: ProjectTask, overdue: boolean, now: number, zone: TimeZone): string {
  const { due, deadline } = entry.task;
  if (!due || deadline === null) return '';
  // An all-day task is due on its own date wherever the viewer is; a timed one at its instant.
  const timed = due.time !== undefined;
  const at = timed ? zonedParts(deadline, zone) : { date: due.date, time: '' };
  if (!overdue) return timed ? `Due at ${at.time}` : 'Due today';
  const late = daysBetween(at.date, zonedParts(now, zone).date);
  if (late <= 0) return `Was due at ${at.time}`;
  return late === 1 ? '1 day overdue' : `${late} days overdue`;
}

export function todayTasks(
  tasks: readonly ProjectTask[],
  me: string,
  now: number,
  zone: TimeZone,
  limit = 6,
): TodayTasks {
  const groups = groupMyTasks(tasks, me, now, zone);
  const all = [
    ...groups.overdue.map((entry) => ({ entry, overdue: true })),
    ...groups.today.map((entry) => ({ entry, overdue: false })),
  ];
  return {
    shown: all.slice(0, limit).map(({ entry, overdue }) => ({
      ...entry,
      overdue,
      when: whenLabel(entry, overdue, now, zone),
      href: `/tasks/${encodeURIComponent(entry.projectId)}?task=${encodeURIComponent(entry.task.id)}`,
    })),
    more: Math.max(0, all.length - limit),
  };
}
