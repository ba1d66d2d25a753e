import { evaluateAccess, type AccessRule, type Subject } from '../../../shared/access/evaluate.js';
import type { AccessLevel } from '../../../shared/access/levels.js';
import type { IdentityStore, RoomRow, UserRow } from './identity/identity-store.js';

/** Every room and its rule, read once to list many people's directories. */
export interface DirectorySnapshot {
  rooms: RoomRow[];
  rules: Map<string, AccessRule>;
}

/**
 * Everything needed to decide anyone's access and directory, read in a handful of
 * batched calls inside one transaction (so rules and rooms agree), and then used
 * synchronously: by the connection guard for every open connection, by the feed
 * for every commit, by the directory notices for every connected person.
 */
export interface AccessSnapshot extends DirectorySnapshot {
  epoch: number;
  users: Map<string, UserRow>;
  subjects: Map<string, Subject>;
  roomsById: Map<string, RoomRow>;
  favourites: Map<string, Set<string>>;
}

export const emptySnapshot: AccessSnapshot = {
  epoch: -1,
  rooms: [],
  rules: new Map(),
  users: new Map(),
  subjects: new Map(),
  roomsById: new Map(),
  favourites: new Map(),
};

export function readAccessSnapshot(store: IdentityStore): Promise<AccessSnapshot> {
  return store.transaction(async (tx) => {
    const epoch = await tx.workspace.epoch();
    const users = await tx.people.all();
    const subjects = await tx.people.subjects();
    const rooms = await tx.rooms.all();
    const rules = await tx.rooms.rules(rooms);
    const favourites = await tx.favourites.all();
    return {
      epoch,
      rooms,
      rules,
      users: new Map(users.map((u) => [u.id, u])),
      subjects,
      roomsById: new Map(rooms.map((r) => [r.id, r])),
      favourites,
    };
  });
}

/** The level of `userId` in `roomId` as the snapshot has it; `none` for unknown rooms or people. */
export function levelIn(snapshot: AccessSnapshot, userId: string, roomId: string): AccessLevel {
  const subject = snapshot.subjects.get(userId);
  const room = snapshot.roomsById.get(roomId);
  if (!subject || !room) return 'none';
  const rule = snapshot.rules.get(roomId);
  if (!rule) return 'none';
  return evaluateAccess(subject, { ownerId: room.owner_id, rule });
}
