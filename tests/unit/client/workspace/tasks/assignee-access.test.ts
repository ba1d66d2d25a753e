import { describe, expect, it } from 'vitest';
import type { RoomAccess, UserSummary } from '../../../../../shared/api/schemas.js';
import {
  assigneesWithoutAccess,
  shareForEditing,
} from '../../../../../client/src/workspace/tasks/index.js';

const person = (id: string, extra: Partial<UserSummary> = {}): UserSummary => ({
  id,
  email: `${id}@example.test`,
  name: id,
  role: 'member',
  active: true,
  groups: [],
  ...extra,
});

const rule = (parts: Partial<RoomAccess>): RoomAccess => ({
  workspace: 'none',
  groups: [],
  users: [],
  ...parts,
});

describe('assignees without access', () => {
  const people = [
    person('owner'),
    person('ana'),
    person('bo', { groups: ['design'] }),
    person('gus', { role: 'guest' }),
    person('old', { active: false }),
  ];
  const everyone = people.map((p) => p.id);

  it('[TASKS4] names the assignees the project rule keeps out, by the relay’s own evaluation', () => {
    const room = {
      ownerId: 'owner',
      access: rule({ workspace: 'none' }),
    };
    expect(assigneesWithoutAccess(people, everyone, room).map((p) => p.id)).toEqual([
      'ana',
      'bo',
      'gus',
    ]);
    expect(assigneesWithoutAccess(people, ['owner', 'bo'], room).map((p) => p.id)).toEqual(['bo']);
    const shared = {
      ownerId: 'owner',
      access: rule({ workspace: 'read' }),
    };
    // Everyone in the workspace reads it; a guest still needs a grant by name.
    expect(assigneesWithoutAccess(people, everyone, shared).map((p) => p.id)).toEqual(['gus']);
    const byGroup = {
      ownerId: 'owner',
      access: rule({ groups: [{ id: 'design', level: 'read' }] }),
    };
    expect(assigneesWithoutAccess(people, ['bo'], byGroup)).toEqual([]);
  });

  it('[TASKS4] sharing gives one person edit access and keeps every other grant', () => {
    const access = rule({
      groups: [{ id: 'design', level: 'read' }],
      users: [{ id: 'ana', level: 'read' }],
    });
    const next = shareForEditing(access, 'ana');
    expect(next.users).toEqual([{ id: 'ana', level: 'write' }]);
    expect(next.groups).toEqual(access.groups);
    const room = { ownerId: 'owner', access: next };
    expect(assigneesWithoutAccess([person('ana')], ['ana'], room)).toEqual([]);
  });
});
