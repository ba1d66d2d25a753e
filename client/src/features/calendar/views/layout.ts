/**
 * Pure placement of occurrences in the day, week and month grids, kept apart from
 * the components so it is tested without a browser.
 */
import { addCalendarDays, isoWeekday } from '../../../../../shared/model/time/calendar-date.js';

export type CalendarViewName = 'day' | 'week' | 'month' | 'agenda';

/** A timed block on one day, in minutes from that day's midnight. */
export interface TimedBlock<T> {
  readonly item: T;
  readonly top: number;
  readonly bottom: number;
}

/** A block with its column among those it overlaps: `column` of `columns`, side by side. */
export interface PlacedBlock<T> extends TimedBlock<T> {
  readonly column: number;
  readonly columns: number;
}

/**
 * Side-by-side columns for overlapping blocks [CAL33]: blocks that overlap,
 * directly or through others, form a cluster; each takes the first column free
 * at its start, and every block of a cluster gets the cluster's column count.
 * Blocks that only touch (one ends when the next starts) do not overlap.
 */
export function overlapColumns<T>(blocks: readonly TimedBlock<T>[]): PlacedBlock<T>[] {
  const sorted = [...blocks].sort((a, b) => a.top - b.top || b.bottom - a.bottom);
  const out: PlacedBlock<T>[] = [];
  let cluster: { block: TimedBlock<T>; column: number }[] = [];
  let columnEnds: number[] = [];
  let clusterEnd = -Infinity;
  const flush = () => {
    for (const { block, column } of cluster)
      out.push({ ...block, column, columns: columnEnds.length });
    cluster = [];
    columnEnds = [];
    clusterEnd = -Infinity;
  };
  for (const block of sorted) {
    // A zero-length block still takes room on screen: count it as one minute.
    const bottom = Math.max(block.bottom, block.top + 1);
    if (block.top >= clusterEnd) flush();
    let column = columnEnds.findIndex((end) => end <= block.top);
    if (column === -1) column = columnEnds.push(bottom) - 1;
    else columnEnds[column] = bottom;
    cluster.push({ block, column });
    clusterEnd = Math.max(clusterEnd, bottom);
  }
  flush();
  return out;
}

/** The Monday on or before `date` (weeks start on Monday, ISO 8601). */
export function weekStart(date: string): string {
  return addCalendarDays(date, 1 - isoWeekday(date));
}

/**
 * The month grid of `date`'s month: whole weeks from the Monday on or before
 * the 1st to the Sunday on or after the last day, 4 to 6 rows of 7 dates [CAL34].
 */
export function monthGrid(date: string): string[][] {
  const first = `${date.slice(0, 7)}-01`;
  const last = addCalendarDays(`${addCalendarDays(first, 31).slice(0, 7)}-01`, -1);
  const weeks: string[][] = [];
  for (let day = weekStart(first); day <= last; day = addCalendarDays(day, 7))
    weeks.push(Array.from({ length: 7 }, (_, i) => addCalendarDays(day, i)));
  return weeks;
}

/** The first `limit` items of a day cell, and how many more there are ("+N more"). */
export function cellItems<T>(items: readonly T[], limit: number): { shown: T[]; more: number } {
  if (items.length <= limit) return { shown: [...items], more: 0 };
  // One line goes to "+N more", so show one fewer.
  const shown = items.slice(0, Math.max(0, limit - 1));
  return { shown, more: items.length - shown.length };
}

/** The dates a view shows for `date`: one day, its week, or its month grid. */
export function viewRange(view: CalendarViewName, date: string): { from: string; days: number } {
  if (view === 'day') return { from: date, days: 1 };
  if (view === 'week') return { from: weekStart(date), days: 7 };
  if (view === 'agenda') return { from: date, days: 14 };
  const grid = monthGrid(date);
  return { from: grid[0]?.[0] ?? date, days: grid.length * 7 };
}

/** The date Previous / Next goes to from `date` in `view`. */
export function stepDate(view: CalendarViewName, date: string, direction: 1 | -1): string {
  if (view === 'day') return addCalendarDays(date, direction);
  if (view === 'week') return addCalendarDays(date, 7 * direction);
  if (view === 'agenda') return addCalendarDays(date, 14 * direction);
  const month = Number(date.slice(5, 7)) - 1 + direction;
  const year = Number(date.slice(0, 4)) + Math.floor(month / 12);
  const mm = String((((month % 12) + 12) % 12) + 1).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${mm}-01`;
}

/** Minutes rounded to the nearest `step` (drag snaps to 15 minutes). */
export function snap(minutes: number, step = 15): number {
  return Math.round(minutes / step) * step;
}
