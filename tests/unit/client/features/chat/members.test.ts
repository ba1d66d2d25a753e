import { describe, expect, it } from 'vitest';
import type { RoomAccess, UserSummary } from '../../../../../shared/api/schemas.js';
import { membersOf } from '../../../../../client/src/features/chat/members.js';

const person = (id: string, extra: Partial<UserSummary> = {}): UserSummary => ({
  id,
  email: `${id}@x.test`,
  name: id,
  role: 'member',
  active: true,
  groups: [],
  ...extra,
});

describe('channel members (the M of "read by N / M")', () => {
  const people = [
    person('owner', { role: 'owner' }),
    person('ann'),
    person('bob', { groups: ['g-eng'] }),
    person('gus', { role: 'guest' }),
    person('old', { active: false }),
  ];

  it('a public channel has every active non-guest', () => {
    const access: RoomAccess = { workspace: 'write', groups: [], users: [] };
    expect(membersOf(people, { ownerId: 'owner', access })).toEqual(['owner', 'ann', 'bob']);
  });

  it('a private channel has its owner, named people and group members', () => {
    const access: RoomAccess = {
      workspace: 'none',
      groups: [{ id: 'g-eng', level: 'write' }],
      users: [{ id: 'gus', level: 'read' }],
    };
    expect(membersOf(people, { ownerId: 'owner', access })).toEqual(['owner', 'bob', 'gus']);
  });
});
