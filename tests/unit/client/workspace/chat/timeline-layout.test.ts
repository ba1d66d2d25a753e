import { describe, expect, it } from 'vitest';
import {
  dayLabelOf,
  layoutTimeline,
  startOfDay,
} from '../../../../../client/src/workspace/chat/index.js';

// Local-time timestamps, so the tests hold in every time zone.
const at = (day: number, hour: number, minute: number) =>
  new Date(2026, 2, day, hour, minute).getTime();
const msg = (id: string, author: string, createdAt: number) => ({ id, author, createdAt });

describe('[CHAT7] timeline grouping and day dividers', () => {
  it('folds one author’s messages within 5 minutes under one header', () => {
    const rows = layoutTimeline([
      msg('a', 'ann', at(5, 9, 0)),
      msg('b', 'ann', at(5, 9, 4)),
      msg('c', 'ann', at(5, 9, 8)),
      msg('d', 'bob', at(5, 9, 9)),
      msg('e', 'ann', at(5, 9, 10)),
    ]);
    expect(rows.map((r) => r.continued)).toEqual([false, true, true, false, false]);
  });

  it('starts a new group after a gap of 5 minutes or more', () => {
    const rows = layoutTimeline([msg('a', 'ann', at(5, 9, 0)), msg('b', 'ann', at(5, 9, 5))]);
    expect(rows[1]?.continued).toBe(false);
  });

  it('puts a divider before each local day’s first message and never groups across it', () => {
    const rows = layoutTimeline([
      msg('a', 'ann', at(5, 23, 58)),
      msg('b', 'ann', at(6, 0, 1)),
      msg('c', 'ann', at(6, 0, 2)),
    ]);
    expect(rows).toEqual([
      { dayStart: startOfDay(at(5, 12, 0)), continued: false },
      { dayStart: startOfDay(at(6, 12, 0)), continued: false },
      { dayStart: null, continued: true },
    ]);
  });

  it('starts a group at the "New messages" divider', () => {
    const rows = layoutTimeline([msg('a', 'ann', at(5, 9, 0)), msg('b', 'ann', at(5, 9, 1))], 'b');
    expect(rows[1]?.continued).toBe(false);
  });

  it('does not group a message whose clock reads earlier than the one before', () => {
    const rows = layoutTimeline([msg('a', 'ann', at(5, 9, 3)), msg('b', 'ann', at(5, 9, 1))]);
    expect(rows[1]?.continued).toBe(false);
  });

  it('labels days Today, Yesterday, or by date', () => {
    const now = at(6, 10, 0);
    expect(dayLabelOf(startOfDay(at(6, 0, 0)), now)).toEqual({ kind: 'today' });
    expect(dayLabelOf(startOfDay(at(5, 0, 0)), now)).toEqual({ kind: 'yesterday' });
    expect(dayLabelOf(startOfDay(at(4, 0, 0)), now)).toEqual({
      kind: 'date',
      at: startOfDay(at(4, 0, 0)),
    });
  });
});
