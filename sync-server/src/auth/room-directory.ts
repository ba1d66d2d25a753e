import { evaluateAccess, type Subject } from '../../../shared/access/evaluate.js';
import type { AccessLevel, GrantLevel } from '../../../shared/access/levels.js';
import type { DirectoryRoom, RoomAccess, RoomKind } from '../../../shared/api/schemas.js';
import { fail } from './api-failure.js';
import { isAdmin, type AuthDeps } from './accounts.js';
import type { DirectorySnapshot } from './access-snapshot.js';
import type { IdentityStore, RoomRow, UserRow } from './identity/identity-store.js';

export type { DirectorySnapshot } from './access-snapshot.js';

function canManage(user: UserRow, room: RoomRow, level: AccessLevel): boolean {
  return room.owner_id === user.id || (isAdmin(user) && level === 'write');
}

function entry(
  user: UserRow,
  room: RoomRow,
  level: GrantLevel,
  context: { canRead: (id: string) => boolean; favourites: ReadonlySet<string> },
  workspaceWide?: boolean,
): DirectoryRoom {
  // A parent the caller cannot read is not revealed, not even its id.
  const parentId = room.parent_id && context.canRead(room.parent_id) ? room.parent_id : null;
  return {
    id: room.id,
    kind: room.kind,
    title: room.title,
    ownerId: room.owner_id,
    level,
    canManage: canManage(user, room, level),
    createdAt: room.created_at,
    parentId,
    trashedAt: room.trashed_at,
    favourite: context.favourites.has(room.id),
    ...(workspaceWide !== undefined && { workspaceWide }),
  };
}

/** Every room of `snapshot` the person may read, with their level: pure, for many people at once. */
export function directoryOf(
  user: UserRow,
  subject: Subject | null | undefined,
  snapshot: DirectorySnapshot,
  favourites: ReadonlySet<string>,
): DirectoryRoom[] {
  if (!subject) return [];
  const readable = snapshot.rooms.flatMap((room) => {
    const rule = snapshot.rules.get(room.id);
    if (!rule) return [];
    const level = evaluateAccess(subject, { ownerId: room.owner_id, rule });
    return level === 'none' ? [] : [{ room, level, workspaceWide: rule.workspace !== 'none' }];
  });
  const ids = new Set(readable.map((r) => r.room.id));
  const context = { canRead: (id: string) => ids.has(id), favourites };
  return readable.map(({ room, level, workspaceWide }) =>
    entry(user, room, level, context, workspaceWide),
  );
}

/**
 * Rooms (channels, docs, boards) and their access rules. Titles live here, not in
 * room names, and are only ever shown to people who may read the room: a room
 * someone cannot read answers exactly like one that does not exist.
 */
export class RoomDirectory {
  constructor(private readonly deps: AuthDeps) {}

  private get store(): IdentityStore {
    return this.deps.store;
  }

  /** The level `userId` has in `roomId` right now; `none` for unknown rooms or people. */
  async levelFor(userId: string, roomId: string, store = this.store): Promise<AccessLevel> {
    const [subject, room] = await Promise.all([
      store.people.subject(userId),
      store.rooms.get(roomId),
    ]);
    if (!subject || !room) return 'none';
    return this.level(subject, room, store);
  }

  private async level(subject: Subject, room: RoomRow, store: IdentityStore): Promise<AccessLevel> {
    return evaluateAccess(subject, { ownerId: room.owner_id, rule: await store.rooms.rule(room) });
  }

  /** Every room with its rule, for `list` over many people. */
  async snapshot(): Promise<DirectorySnapshot> {
    const rooms = await this.store.rooms.all();
    return { rooms, rules: await this.store.rooms.rules(rooms) };
  }

  /** Every room the person may read, with their level. */
  async list(user: UserRow): Promise<DirectoryRoom[]> {
    const [subject, snapshot, favourites] = await Promise.all([
      this.store.people.subject(user.id),
      this.snapshot(),
      this.store.favourites.of(user.id),
    ]);
    return directoryOf(user, subject, snapshot, favourites);
  }

  /** The room if `user` may read it; 404 otherwise, whether or not it exists. */
  private async readable(
    user: UserRow,
    id: string,
    store = this.store,
  ): Promise<{ room: RoomRow; level: GrantLevel }> {
    const room = await store.rooms.get(id);
    const level = room ? await this.levelFor(user.id, id, store) : 'none';
    if (!room || level === 'none') throw fail.notFound('room');
    return { room, level };
  }

  async get(user: UserRow, id: string): Promise<DirectoryRoom> {
    const { room, level } = await this.readable(user, id);
    const parentReadable =
      room.parent_id !== null && (await this.levelFor(user.id, room.parent_id)) !== 'none';
    return entry(user, room, level, {
      canRead: (other) => other === room.parent_id && parentReadable,
      favourites: await this.store.favourites.of(user.id),
    });
  }

  /**
   * Checks that `parentId` may hold doc `id`: the caller reads it (404 otherwise,
   * like a missing room), it is a doc, and it is not the doc itself or below it.
   */
  private async checkParent(
    user: UserRow,
    id: string,
    kind: RoomKind,
    parentId: string,
    store: IdentityStore,
  ): Promise<void> {
    const { room: parent } = await this.readable(user, parentId, store);
    if (kind !== 'doc' || parent.kind !== 'doc') throw fail.invalid('only docs nest under docs');
    for (
      let at: RoomRow | undefined = parent;
      at;
      at = at.parent_id ? await store.rooms.get(at.parent_id) : undefined
    ) {
      if (at.id === id) throw fail.invalid('a doc cannot move under itself or its own sub-docs');
    }
  }

  private async checkAccess(access: RoomAccess, store: IdentityStore): Promise<void> {
    for (const g of access.groups)
      if (!(await store.groups.get(g.id))) throw fail.invalid(`unknown group ${g.id}`);
    for (const u of access.users)
      if (!(await store.people.byId(u.id))) throw fail.invalid(`unknown user ${u.id}`);
  }

  private grants(list: RoomAccess['groups']): [string, GrantLevel][] {
    return list.map((g) => [g.id, g.level]);
  }

  /** `work`, its audit entry and an epoch bump in one transaction; then the guard rechecks. */
  private async audited(
    actor: UserRow,
    action: string,
    target: string,
    details: (tx: IdentityStore) => Promise<object>,
    work: (tx: IdentityStore) => Promise<void>,
  ): Promise<void> {
    await this.store.transaction(async (tx) => {
      const audited = await details(tx);
      await work(tx);
      await tx.audit.append({
        at: this.deps.clock.now(),
        actorId: actor.id,
        action,
        target,
        details: audited,
      });
      await tx.workspace.bumpEpoch();
    });
    await this.deps.changed();
  }

  async create(
    user: UserRow,
    body: {
      id: string;
      kind: RoomKind;
      title: string;
      access: RoomAccess;
      parentId?: string | null | undefined;
    },
  ): Promise<DirectoryRoom> {
    if (user.role === 'guest') throw fail.forbidden('guests cannot create rooms');
    await this.audited(
      user,
      'room.create',
      body.id,
      () => Promise.resolve({ kind: body.kind, access: body.access }),
      async (tx) => {
        await this.checkAccess(body.access, tx);
        if (body.parentId) await this.checkParent(user, body.id, body.kind, body.parentId, tx);
        if (await tx.rooms.get(body.id)) throw fail.conflict('a room with this id already exists');
        await tx.rooms.insert({
          id: body.id,
          kind: body.kind,
          title: body.title,
          owner_id: user.id,
          workspace_level: body.access.workspace,
          created_at: this.deps.clock.now(),
          parent_id: body.parentId ?? null,
        });
        await tx.rooms.setGrants(
          body.id,
          this.grants(body.access.groups),
          this.grants(body.access.users),
        );
      },
    );
    return this.get(user, body.id);
  }

  /** Rename, move or trash/restore; each needs write access to the room itself. */
  async update(
    user: UserRow,
    id: string,
    change: {
      title?: string | undefined;
      parentId?: string | null | undefined;
      trashed?: boolean | undefined;
    },
  ): Promise<DirectoryRoom> {
    await this.store.transaction(async (tx) => {
      const { room, level } = await this.readable(user, id, tx);
      if (level !== 'write') throw fail.forbidden('you can only read this room');
      if (change.parentId) await this.checkParent(user, id, room.kind, change.parentId, tx);
      await tx.rooms.update(id, {
        ...(change.title !== undefined && { title: change.title }),
        ...(change.parentId !== undefined && { parent_id: change.parentId }),
        ...(change.trashed !== undefined && {
          trashed_at: change.trashed ? (room.trashed_at ?? this.deps.clock.now()) : null,
        }),
      });
    });
    this.deps.listed?.({ kind: 'room', roomId: id });
    return this.get(user, id);
  }

  async setFavourite(user: UserRow, id: string, favourite: boolean): Promise<DirectoryRoom> {
    await this.readable(user, id);
    await this.store.favourites.set(user.id, id, favourite);
    this.deps.listed?.({ kind: 'person', userId: user.id });
    return this.get(user, id);
  }

  async access(user: UserRow, id: string, store = this.store): Promise<RoomAccess> {
    const { room } = await this.readable(user, id, store);
    const rule = await store.rooms.rule(room);
    return {
      workspace: rule.workspace,
      groups: [...rule.groups].map(([gid, level]) => ({ id: gid, level })),
      users: [...rule.users].map(([uid, level]) => ({ id: uid, level })),
    };
  }

  async setAccess(user: UserRow, id: string, access: RoomAccess): Promise<RoomAccess> {
    await this.audited(
      user,
      'room.access',
      id,
      async (tx) => ({ before: await this.access(user, id, tx), after: access }),
      async (tx) => {
        const { room, level } = await this.readable(user, id, tx);
        if (!canManage(user, room, level))
          throw fail.forbidden('only the room owner or an admin who can edit it can share it');
        await this.checkAccess(access, tx);
        await tx.rooms.update(id, { workspace_level: access.workspace });
        await tx.rooms.setGrants(id, this.grants(access.groups), this.grants(access.users));
      },
    );
    // Not read back: an admin may just have removed their own access.
    return access;
  }
}
