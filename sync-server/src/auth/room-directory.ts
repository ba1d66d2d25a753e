import { evaluateAccess, type AccessRule, type Subject } from '../../../shared/access/evaluate.js';
import type { AccessLevel, GrantLevel } from '../../../shared/access/levels.js';
import type { DirectoryRoom, RoomAccess, RoomKind } from '../../../shared/api/schemas.js';
import { fail } from './api-failure.js';
import { isAdmin, type AuthDeps } from './accounts.js';
import type { RoomRow, UserRow } from './identity-store.js';

/** Every room and its rule, read once to list many people's directories. */
export interface DirectorySnapshot {
  rooms: RoomRow[];
  rules: Map<string, AccessRule>;
}

/**
 * Rooms (channels, docs, boards) and their access rules. Titles live here, not in
 * room names, and are only ever shown to people who may read the room: a room
 * someone cannot read answers exactly like one that does not exist.
 */
export class RoomDirectory {
  constructor(private readonly deps: AuthDeps) {}

  private get store() {
    return this.deps.store;
  }

  /** The level `userId` has in `roomId` right now; `none` for unknown rooms or people. */
  levelFor(userId: string, roomId: string): AccessLevel {
    const subject = this.store.subject(userId);
    const room = this.store.room(roomId);
    if (!subject || !room) return 'none';
    return this.level(subject, room);
  }

  private level(subject: Subject, room: RoomRow): AccessLevel {
    return evaluateAccess(subject, { ownerId: room.owner_id, rule: this.store.rule(room) });
  }

  private canManage(user: UserRow, room: RoomRow, level: AccessLevel): boolean {
    return room.owner_id === user.id || (isAdmin(user) && level === 'write');
  }

  private entry(
    user: UserRow,
    room: RoomRow,
    level: GrantLevel,
    context: { canRead: (id: string) => boolean; favourites: Set<string> },
  ): DirectoryRoom {
    // A parent the caller cannot read is not revealed, not even its id.
    const parentId = room.parent_id && context.canRead(room.parent_id) ? room.parent_id : null;
    return {
      id: room.id,
      kind: room.kind,
      title: room.title,
      ownerId: room.owner_id,
      level,
      canManage: this.canManage(user, room, level),
      createdAt: room.created_at,
      parentId,
      trashedAt: room.trashed_at,
      favourite: context.favourites.has(room.id),
    };
  }

  /** Every room with its rule, for `list` over many people. */
  snapshot(): DirectorySnapshot {
    const rooms = this.store.rooms();
    return { rooms, rules: this.store.rules(rooms) };
  }

  /** Every room the person may read, with their level. */
  list(user: UserRow, snapshot: DirectorySnapshot = this.snapshot()): DirectoryRoom[] {
    const subject = this.store.subject(user.id);
    if (!subject) return [];
    const readable = snapshot.rooms.flatMap((room) => {
      const rule = snapshot.rules.get(room.id) ?? this.store.rule(room);
      const level = evaluateAccess(subject, { ownerId: room.owner_id, rule });
      return level === 'none' ? [] : [{ room, level }];
    });
    const ids = new Set(readable.map((r) => r.room.id));
    const context = {
      canRead: (id: string) => ids.has(id),
      favourites: this.store.favourites(user.id),
    };
    return readable.map(({ room, level }) => this.entry(user, room, level, context));
  }

  /** The room if `user` may read it; 404 otherwise, whether or not it exists. */
  private readable(user: UserRow, id: string): { room: RoomRow; level: GrantLevel } {
    const room = this.store.room(id);
    const level = room ? this.levelFor(user.id, id) : 'none';
    if (!room || level === 'none') throw fail.notFound('room');
    return { room, level };
  }

  get(user: UserRow, id: string): DirectoryRoom {
    const { room, level } = this.readable(user, id);
    return this.entry(user, room, level, {
      canRead: (other) => this.levelFor(user.id, other) !== 'none',
      favourites: this.store.favourites(user.id),
    });
  }

  /**
   * Checks that `parentId` may hold doc `id`: the caller reads it (404 otherwise,
   * like a missing room), it is a doc, and it is not the doc itself or below it.
   */
  private checkParent(user: UserRow, id: string, kind: RoomKind, parentId: string): void {
    const { room: parent } = this.readable(user, parentId);
    if (kind !== 'doc' || parent.kind !== 'doc') throw fail.invalid('only docs nest under docs');
    for (
      let at: RoomRow | undefined = parent;
      at;
      at = at.parent_id ? this.store.room(at.parent_id) : undefined
    ) {
      if (at.id === id) throw fail.invalid('a doc cannot move under itself or its own sub-docs');
    }
  }

  private checkAccess(access: RoomAccess): void {
    for (const g of access.groups)
      if (!this.store.group(g.id)) throw fail.invalid(`unknown group ${g.id}`);
    for (const u of access.users)
      if (!this.store.userById(u.id)) throw fail.invalid(`unknown user ${u.id}`);
  }

  private grants(list: RoomAccess['groups']): [string, GrantLevel][] {
    return list.map((g) => [g.id, g.level]);
  }

  private audited(
    actor: UserRow,
    action: string,
    target: string,
    details: object,
    fn: () => void,
  ): void {
    this.store.tx(() => {
      fn();
      this.store.audit({ at: this.deps.clock.now(), actorId: actor.id, action, target, details });
      this.store.bumpEpoch();
    });
    this.deps.changed();
  }

  create(
    user: UserRow,
    body: {
      id: string;
      kind: RoomKind;
      title: string;
      access: RoomAccess;
      parentId?: string | null | undefined;
    },
  ): DirectoryRoom {
    if (user.role === 'guest') throw fail.forbidden('guests cannot create rooms');
    this.checkAccess(body.access);
    if (body.parentId) this.checkParent(user, body.id, body.kind, body.parentId);
    this.audited(user, 'room.create', body.id, { kind: body.kind, access: body.access }, () => {
      if (this.store.room(body.id)) throw fail.conflict('a room with this id already exists');
      this.store.insertRoom({
        id: body.id,
        kind: body.kind,
        title: body.title,
        owner_id: user.id,
        workspace_level: body.access.workspace,
        created_at: this.deps.clock.now(),
        parent_id: body.parentId ?? null,
      });
      this.store.setGrants(
        body.id,
        this.grants(body.access.groups),
        this.grants(body.access.users),
      );
    });
    return this.get(user, body.id);
  }

  /** Rename, move or trash/restore; each needs write access to the room itself. */
  update(
    user: UserRow,
    id: string,
    change: {
      title?: string | undefined;
      parentId?: string | null | undefined;
      trashed?: boolean | undefined;
    },
  ): DirectoryRoom {
    const { room, level } = this.readable(user, id);
    if (level !== 'write') throw fail.forbidden('you can only read this room');
    if (change.parentId) this.checkParent(user, id, room.kind, change.parentId);
    this.store.updateRoom(id, {
      ...(change.title !== undefined && { title: change.title }),
      ...(change.parentId !== undefined && { parent_id: change.parentId }),
      ...(change.trashed !== undefined && {
        trashed_at: change.trashed ? (room.trashed_at ?? this.deps.clock.now()) : null,
      }),
    });
    this.deps.listed?.({ kind: 'room', roomId: id });
    return this.get(user, id);
  }

  setFavourite(user: UserRow, id: string, favourite: boolean): DirectoryRoom {
    this.readable(user, id);
    this.store.setFavourite(user.id, id, favourite);
    this.deps.listed?.({ kind: 'person', userId: user.id });
    return this.get(user, id);
  }

  access(user: UserRow, id: string): RoomAccess {
    const { room } = this.readable(user, id);
    const rule = this.store.rule(room);
    return {
      workspace: rule.workspace,
      groups: [...rule.groups].map(([gid, level]) => ({ id: gid, level })),
      users: [...rule.users].map(([uid, level]) => ({ id: uid, level })),
    };
  }

  setAccess(user: UserRow, id: string, access: RoomAccess): RoomAccess {
    const { room, level } = this.readable(user, id);
    if (!this.canManage(user, room, level))
      throw fail.forbidden('only the room owner or an admin who can edit it can share it');
    this.checkAccess(access);
    const before = this.access(user, id);
    this.audited(user, 'room.access', id, { before, after: access }, () => {
      this.store.updateRoom(id, { workspace_level: access.workspace });
      this.store.setGrants(id, this.grants(access.groups), this.grants(access.users));
    });
    // Not read back: an admin may just have removed their own access.
    return access;
  }
}
