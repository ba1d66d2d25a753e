import type { Board, TaskSnapshot } from '../../../workspace/tasks/index.js';

const DAY_MS = 86_400_000;

/** Whole days from 1970-01-01 to a YYYY-MM-DD calendar date. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export interface TimelineBar {
  readonly task: TaskSnapshot;
  /** First and last day of the bar, as day numbers; a task with one date is one day. */
  readonly from: number;
  readonly to: number;
}

/**
 * Gantt bars: one per task that has a start or a due date, from start to due.
 * A start after the due date (a data slip) is shown as the due day alone.
 */
export function timelineBars(board: Board): TimelineBar[] {
  return board.columns
    .flatMap((column) => column.tasks)
    .flatMap((task) => {
      const due = task.due ? dayNumber(task.due.date) : null;
      const start = task.start ? dayNumber(task.start.date) : null;
      if (due === null && start === null) return [];
      const to = due ?? start ?? 0;
      const from = start !== null && start <= to ? start : to;
      return [{ task, from, to }];
    })
    .sort((a, b) => a.from - b.from || a.to - b.to || a.task.title.localeCompare(b.task.title));
}

/** Position of a bar inside a window of `days` days starting at `first`, in percent. */
export function barPosition(
  bar: Pick<TimelineBar, 'from' | 'to'>,
  first: number,
  days: number,
): { left: number; width: number } | null {
  const from = Math.max(bar.from, first);
  const to = Math.min(bar.to, first + days - 1);
  if (to < from) return null;
  return { left: ((from - first) / days) * 100, width: ((to - from + 1) / days) * 100 };
}
