/**
 * The timeline's date axis: one tick per day, weeks starting on Monday, and where
 * today falls. Days are day numbers (whole days since 1970-01-01, see timeline-bars),
 * so the axis is the same in every time zone; positions are percents of the window.
 */

export interface AxisTick {
  readonly day: number;
  /** Left edge of the day's cell, in percent of the window. */
  readonly left: number;
  /** Day of the month, 1–31. */
  readonly date: number;
  /** A Monday, or the window's first day: where a week's label goes. */
  readonly weekStart: boolean;
}

const DAY_MS = 86_400_000;

/** 0 for Monday … 6 for Sunday (1970-01-01, day 0, was a Thursday). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * Ticks for `days` days from `first`. The first day starts a week label only when
 * the next Monday is at least three days away, so two labels never collide.
 */
export function axisTicks(first: number, days: number): AxisTick[] {
  const untilMonday = (7 - weekday(first)) % 7;
  return Array.from({ length: days }, (_, offset) => {
    const day = first + offset;
    return {
      day,
      left: (offset / days) * 100,
      date: new Date(day * DAY_MS).getUTCDate(),
      weekStart: weekday(day) === 0 || (offset === 0 && untilMonday >= 3),
    };
  });
}

/** Where the "today" line goes (the middle of today's cell), or null outside the window. */
export function todayLeft(today: number, first: number, days: number): number | null {
  if (today < first || today >= first + days) return null;
  return ((today - first + 0.5) / days) * 100;
}

/** Today in the viewer's own calendar, as a day number. */
export function localToday(now: Date): number {
  return Math.round(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY_MS);
}
