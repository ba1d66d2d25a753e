import { describe, expect, it } from 'vitest';
import {
  axisTicks,
  localToday,
  todayLeft,
  weekday,
} from '../../../../../client/src/features/tasks/views/timeline-axis.js';
import { dayNumber } from '../../../../../client/src/features/tasks/views/timeline-bars.js';

describe('timeline axis', () => {
  it('[TASKS2] has one tick per day, week labels on Mondays, and never two labels side by side', () => {
    expect(weekday(dayNumber('2026-03-02'))).toBe(0); // a Monday
    expect(weekday(dayNumber('1969-12-29'))).toBe(0); // before day 0 too
    const first = dayNumber('2026-02-28'); // a Saturday: Monday is 2 days away
    const ticks = axisTicks(first, 14);
    expect(ticks).toHaveLength(14);
    expect(ticks[0]).toEqual({ day: first, left: 0, date: 28, weekStart: false });
    expect(ticks[1]?.date).toBe(1);
    expect(ticks.filter((t) => t.weekStart).map((t) => t.date)).toEqual([2, 9]);
    expect(ticks[7]?.left).toBe(50);
    // A Thursday start is labelled: the next Monday is 4 days away.
    expect(axisTicks(dayNumber('2026-03-05'), 7)[0]?.weekStart).toBe(true);
  });

  it('[TASKS2] puts today in the middle of its day, and nowhere outside the window', () => {
    const first = dayNumber('2026-03-01');
    expect(todayLeft(first, first, 10)).toBe(5);
    expect(todayLeft(first + 9, first, 10)).toBe(95);
    expect(todayLeft(first + 10, first, 10)).toBeNull();
    expect(todayLeft(first - 1, first, 10)).toBeNull();
    // The viewer's calendar day, whatever the hour.
    expect(localToday(new Date(2026, 2, 1, 23, 59))).toBe(first);
    expect(localToday(new Date(2026, 2, 1, 0, 1))).toBe(first);
  });
});
