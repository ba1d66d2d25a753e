import { describe, expect, it } from 'vitest';
import {
  cellItems,
  monthGrid,
  overlapColumns,
  stepDate,
  viewRange,
} from '../../../../../client/src/features/calendar/views/layout.js';

const placed = (blocks: [string, number, number][]) =>
  Object.fromEntries(
    overlapColumns(blocks.map(([item, top, bottom]) => ({ item, top, bottom }))).map((b) => [
      b.item,
      `${b.column}/${b.columns}`,
    ]),
  );

describe('calendar view layout', () => {
  it('[CAL33] overlapping blocks go side by side, a chain shares its column count, touching ones do not overlap', () => {
    expect(placed([['a', 540, 600]])).toEqual({ a: '0/1' });
    // a overlaps b, b overlaps c, a and c do not: c reuses a's column.
    expect(
      placed([
        ['a', 540, 600],
        ['b', 570, 660],
        ['c', 600, 630],
      ]),
    ).toEqual({ a: '0/2', b: '1/2', c: '0/2' });
    expect(
      placed([
        ['a', 540, 600],
        ['b', 600, 660],
      ]),
    ).toEqual({ a: '0/1', b: '0/1' });
    expect(
      placed([
        ['a', 0, 1440],
        ['b', 60, 120],
        ['c', 60, 120],
        ['d', 900, 960],
      ]),
    ).toEqual({ a: '0/3', b: '1/3', c: '2/3', d: '1/3' });
    // A zero-length event still takes a column (the longer one of a start goes first).
    expect(
      placed([
        ['a', 600, 600],
        ['b', 600, 660],
      ]),
    ).toEqual({ a: '1/2', b: '0/2' });
  });

  it('[CAL34] the month grid is whole weeks from Monday, covering the 1st to the last day', () => {
    const feb = monthGrid('2027-02-14'); // Feb 2027 starts on a Monday: exactly 4 weeks
    expect(feb).toHaveLength(4);
    expect(feb[0]?.[0]).toBe('2027-02-01');
    expect(feb[3]?.[6]).toBe('2027-02-28');
    const nov = monthGrid('2026-11-30'); // starts on a Sunday: 6 weeks
    expect(nov).toHaveLength(6);
    expect(nov[0]?.[0]).toBe('2026-10-26');
    expect(nov[5]?.[6]).toBe('2026-12-06');
    const leap = monthGrid('2028-02-01');
    expect(leap.flat()).toContain('2028-02-29');
    for (const week of [...feb, ...nov, ...leap]) expect(week).toHaveLength(7);
    expect(viewRange('month', '2026-11-30')).toEqual({ from: '2026-10-26', days: 42 });
  });

  it('[CAL34] a day cell shows its first events and "+N more" for the rest', () => {
    expect(cellItems([1, 2, 3], 3)).toEqual({ shown: [1, 2, 3], more: 0 });
    expect(cellItems([1, 2, 3, 4, 5], 3)).toEqual({ shown: [1, 2], more: 3 });
  });

  it('[CAL32] previous and next step by the view: a day, a week, a month (to its 1st)', () => {
    expect(stepDate('day', '2026-12-31', 1)).toBe('2027-01-01');
    expect(stepDate('week', '2026-12-31', -1)).toBe('2026-12-24');
    expect(stepDate('month', '2026-01-31', -1)).toBe('2025-12-01');
    expect(stepDate('month', '2026-12-15', 1)).toBe('2027-01-01');
    expect(viewRange('week', '2026-12-03')).toEqual({ from: '2026-11-30', days: 7 });
  });
});
