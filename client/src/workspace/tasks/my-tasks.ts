import type * as Y from 'yjs';
import { projectName } from '../../../../shared/model/tasks/project.js';
import { readAllTasks, type TaskSnapshot } from '../../../../shared/model/tasks/read-task.js';
import {
  addCalendarDays,
  isoWeekday,
  type CalendarDate,
} from '../../../../shared/model/time/calendar-date.js';
import { zonedParts, type TimeZone } from '../../../../shared/model/time/zoned-time.js';

/** A task together with the project (doc) it lives in. */
export interface ProjectTask {
  readonly projectId: string;
  readonly projectName: string;
  readonly task: TaskSnapshot;
}

export interface MyTasks {
  readonly overdue: readonly ProjectTask[];
  readonly today: readonly ProjectTask[];
  /** Due after today and by the end of this week. */
  readonly thisWeek: readonly ProjectTask[];
  /** Due after this week, then tasks with no due date. */
  readonly later: readonly ProjectTask[];
}

export interface MyTasksOptions {
  /** First day of the week: 0 Sunday … 6 Saturday. Default 1 (Monday). */
  readonly weekStartsOn?: number;
}

const PRIORITY_RANK = { urgent: 0, high: 1, medium: 2, low: 3, none: 4 } as const;

/**
 * The calendar date a task is due on for this viewer: an all-day task is due on its
 * date wherever the viewer is; a timed one on the viewer's date at its deadline.
 */
function dueDateFor(task: TaskSnapshot, zone: TimeZone): CalendarDate | null {
  if (!task.due || task.deadline === null) return null;
  return task.due.time === undefined ? task.due.date : zonedParts(task.deadline, zone).date;
}

function groupOf(
  task: TaskSnapshot,
  today: CalendarDate,
  endOfWeek: CalendarDate,
  now: number,
  zone: TimeZone,
): keyof MyTasks {
  const date = dueDateFor(task, zone);
  if (date === null || task.deadline === null) return 'later';
  // An all-day task is overdue once its date is past for the viewer; a timed one at its time.
  const overdue = task.due?.time === undefined ? date < today : task.deadline <= now;
  if (overdue) return 'overdue';
  if (date === today) return 'today';
  return date <= endOfWeek ? 'thisWeek' : 'later';
}

function compare(a: ProjectTask, b: ProjectTask, zone: TimeZone): number {
  const dateA = dueDateFor(a.task, zone) ?? '9999-99-99';
  const dateB = dueDateFor(b.task, zone) ?? '9999-99-99';
  if (dateA !== dateB) return dateA < dateB ? -1 : 1;
  const deadlineA = a.task.deadline ?? Infinity;
  const deadlineB = b.task.deadline ?? Infinity;
  if (deadlineA !== deadlineB) return deadlineA - deadlineB;
  const rank = PRIORITY_RANK[a.task.priority] - PRIORITY_RANK[b.task.priority];
  if (rank !== 0) return rank;
  const byTitle = a.task.title.localeCompare(b.task.title);
  if (byTitle !== 0) return byTitle;
  return `${a.projectId}/${a.task.id}` < `${b.projectId}/${b.task.id}` ? -1 : 1;
}

/**
 * Groups `userId`'s open tasks (cards and subtasks) from every project doc given,
 * relative to `now` in the viewer's `timeZone`. Nothing is read from the clock.
 */
export function groupMyTasks(
  tasks: readonly ProjectTask[],
  userId: string,
  now: number,
  timeZone: TimeZone,
  options: MyTasksOptions = {},
): MyTasks {
  const today = zonedParts(now, timeZone).date;
  const weekday = isoWeekday(today) % 7; // 0 Sunday … 6 Saturday
  const daysIntoWeek = (weekday - (options.weekStartsOn ?? 1) + 7) % 7;
  const endOfWeek = addCalendarDays(today, 6 - daysIntoWeek);
  const groups: { [K in keyof MyTasks]: ProjectTask[] } = {
    overdue: [],
    today: [],
    thisWeek: [],
    later: [],
  };
  for (const entry of tasks) {
    const { task } = entry;
    if (task.completedAt !== null || !task.assignees.includes(userId)) continue;
    groups[groupOf(task, today, endOfWeek, now, timeZone)].push(entry);
  }
  for (const group of Object.values(groups)) group.sort((a, b) => compare(a, b, timeZone));
  return groups;
}

/** "My tasks" across several project docs; see groupMyTasks. */
export function myTasks(
  projects: ReadonlyArray<{ readonly projectId: string; readonly doc: Y.Doc }>,
  userId: string,
  now: number,
  timeZone: TimeZone,
  options: MyTasksOptions = {},
): MyTasks {
  const tasks = projects.flatMap(({ projectId, doc }) => {
    const name = projectName(doc);
    return readAllTasks(doc).map((task) => ({ projectId, projectName: name, task }));
  });
  return groupMyTasks(tasks, userId, now, timeZone, options);
}
