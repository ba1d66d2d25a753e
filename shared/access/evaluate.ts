import { maxLevel, type AccessLevel, type GrantLevel, type Role } from './levels.js';

/** A room's access rule, as the relay stores it. */
export interface AccessRule {
  /** What every non-guest member of the workspace gets. */
  workspace: AccessLevel;
  /** Group id → level, for members of that group (guests excluded). */
  groups: ReadonlyMap<string, GrantLevel>;
  /** User id → level; the only grants that apply to guests. */
  users: ReadonlyMap<string, GrantLevel>;
}

export interface Subject {
  id: string;
  role: Role;
  active: boolean;
  groups: ReadonlySet<string>;
}

/**
 * The one function that decides who may read and write a room. The relay calls it
 * at every WebSocket upgrade and again for every open connection whenever access
 * changes. Rules, in order:
 * 1. a deactivated person gets nothing;
 * 2. the room's owner may always write;
 * 3. a guest gets only what they were given by name;
 * 4. everyone else gets the highest of: the workspace level, the levels of the groups
 *    they are in, and their own grant.
 * Workspace admins get no implicit access to content: they manage people and groups,
 * and every grant they make for themselves lands in the audit log.
 */
export function evaluateAccess(
  subject: Subject,
  room: { ownerId: string; rule: AccessRule },
): AccessLevel {
  if (!subject.active) return 'none';
  if (room.ownerId === subject.id) return 'write';
  const own = room.rule.users.get(subject.id) ?? 'none';
  if (subject.role === 'guest') return own;
  let level = maxLevel(room.rule.workspace, own);
  for (const [groupId, groupLevel] of room.rule.groups) {
    if (subject.groups.has(groupId)) level = maxLevel(level, groupLevel);
  }
  return level;
}
