import { describe, expect, it } from 'vitest';
import { lostRoomIds } from '../../../../client/src/auth/directory-diff.js';

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
