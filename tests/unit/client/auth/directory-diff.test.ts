import { describe, expect, it } from 'vitest';
import { keepUnchanged, lostRoomIds } from '../../../../client/src/auth/directory-diff.js';

const rooms = (...ids: string[]) => ids.map((id) => ({ id }));

describe('lostRoomIds', () => {
  it('lists the rooms that dropped out of the directory', () => {
    expect(lostRoomIds(rooms('scratchpad', 'roomAAAA', 'roomBBBB'), rooms('scratchpad'))).toEqual([
      'roomAAAA',
      'roomBBBB',
    ]);
  });

  it('ignores rooms that were added or kept', () => {
    expect(lostRoomIds(rooms('scratchpad'), rooms('scratchpad', 'roomAAAA'))).toEqual([]);
    expect(lostRoomIds([], rooms('roomAAAA'))).toEqual([]);
  });

  it('lists a room once even if the old directory repeated it', () => {
    expect(lostRoomIds(rooms('roomAAAA', 'roomAAAA'), [])).toEqual(['roomAAAA']);
  });
});

describe('keepUnchanged', () => {
  const room = (id: string, title: string) => ({ id, title });

  it('keeps the previous array when a re-read lists the same rooms', () => {
    const previous = [room('a', 'A'), room('b', 'B')];
    expect(keepUnchanged(previous, [room('a', 'A'), room('b', 'B')])).toBe(previous);
  });

  it('keeps the objects of unchanged rooms and takes the changed, new and reordered', () => {
    const previous = [room('a', 'A'), room('b', 'B')];
    const next = keepUnchanged(previous, [room('b', 'Bee'), room('a', 'A'), room('c', 'C')]);
    expect(next).toEqual([room('b', 'Bee'), room('a', 'A'), room('c', 'C')]);
    expect(next[1]).toBe(previous[0]);
    expect(next[0]).not.toBe(previous[1]);
    expect(keepUnchanged(previous, [room('b', 'B'), room('a', 'A')])).not.toBe(previous);
    expect(keepUnchanged(previous, [room('a', 'A')])).toEqual([room('a', 'A')]);
  });
});
