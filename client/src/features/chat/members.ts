import { evaluateAccess } from '../../../../shared/access/evaluate.js';
import type { RoomAccess, UserSummary } from '../../../../shared/api/schemas.js';

/**
 * Who is in a channel: every active person the room's access rule lets read it (the
 * same function the relay uses), so "read by N / M" counts exactly the people who can
 * see the message.
 */
export function membersOf(
  people: readonly UserSummary[],
  room: { ownerId: string; access: RoomAccess },
): string[] {
  const rule = {
    workspace: room.access.workspace,
    groups: new Map(room.access.groups.map((g) => [g.id, g.level])),
    users: new Map(room.access.users.map((u) => [u.id, u.level])),
  };
  return people
    .filter(
      (person) =>
        evaluateAccess(
          {
            id: person.id,
            role: person.role,
            active: person.active,
            groups: new Set(person.groups),
          },
          { ownerId: room.ownerId, rule },
        ) !== 'none',
    )
    .map((person) => person.id);
}
