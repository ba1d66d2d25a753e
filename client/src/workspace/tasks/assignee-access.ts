import { evaluateAccess } from '../../../../shared/access/evaluate.js';
import type { RoomAccess, UserSummary } from '../../../../shared/api/schemas.js';
import { withGrant } from '../rooms/room-access.js';

/**
 * The assignees who cannot read the project (its room), by the same rule the relay
 * enforces: they would never see the task they were given. Deactivated people are
 * left out (they see nothing anywhere; there is nothing to share with them).
 */
export function assigneesWithoutAccess(
  people: readonly UserSummary[],
  assignees: readonly string[],
  room: { ownerId: string; access: RoomAccess },
): UserSummary[] {
  const rule = {
    workspace: room.access.workspace,
    groups: new Map(room.access.groups.map((grant) => [grant.id, grant.level])),
    users: new Map(room.access.users.map((grant) => [grant.id, grant.level])),
  };
  return people.filter(
    (person) =>
      person.active &&
      assignees.includes(person.id) &&
      evaluateAccess(
        { id: person.id, role: person.role, active: true, groups: new Set(person.groups) },
        { ownerId: room.ownerId, rule },
      ) === 'none',
  );
}

/** The rule with one more person who may edit: "Share with Ana" from the task. */
export function shareForEditing(access: RoomAccess, userId: string): RoomAccess {
  return { ...access, users: withGrant(access.users, userId, 'write') };
}
