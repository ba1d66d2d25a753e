import {
  addCalendarDays,
  addCalendarMonths,
  dayOfMonth,
  daysBetween,
  isoWeekday,
  type CalendarDate,
} from '../../../../../shared/model/time/calendar-date.js';
import type { RecurrenceRule } from '../../../../../shared/model/tasks/recurrence/rule.js';
import {
  deadlineOf,
  type TaskDate,
} from '../../../../../shared/model/tasks/recurrence/task-date.js';

/** The occurrence date that follows `current` under `rule`. */
export function nextOccurrenceDate(rule: RecurrenceRule, current: CalendarDate): CalendarDate {
  switch (rule.freq) {
    case 'daily':
      return addCalendarDays(current, rule.interval);
    case 'weekly': {
      const today = isoWeekday(current);
      const days = rule.weekdays?.length ? [...rule.weekdays].sort((a, b) => a - b) : [today];
      const laterThisWeek = days.find((day) => day > today);
      if (laterThisWeek !== undefined) return addCalendarDays(current, laterThisWeek - today);
      // Weeks run Monday to Sunday; jump `interval` weeks from this week's Monday.
      const monday = addCalendarDays(current, 1 - today);
      return addCalendarDays(monday, 7 * rule.interval + (days[0] ?? today) - 1);
    }
    case 'monthly':
      return addCalendarMonths(current, rule.interval, rule.dayOfMonth ?? dayOfMonth(current));
  }
}

/** Enough steps to skip ten years of a daily task; a guard, not a limit anyone meets. */
const MAX_STEPS = 4000;

/**
 * The next due date of a repeating task: the first occurrence after `due` whose
 * deadline is still ahead of `now`. Occurrences missed while the task sat overdue
 * are skipped, so finishing a daily task a week late yields one task, not seven.
 * Null once the rule's `until` date is passed.
 */
export function nextDue(rule: RecurrenceRule, due: TaskDate, now: number): TaskDate | null {
  let date = due.date;
  for (let step = 0; step < MAX_STEPS; step++) {
    date = nextOccurrenceDate(rule, date);
    if (rule.until !== undefined && daysBetween(rule.until, date) > 0) return null;
    const next: TaskDate = { ...due, date };
    if (deadlineOf(next) > now) return next;
  }
  return null;
}
