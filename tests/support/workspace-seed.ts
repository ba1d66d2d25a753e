import { join } from 'node:path';
import { ApiErrorCode } from '../../shared/api/schemas.js';
import { roomIdOf } from '../../shared/protocol/room-id.js';
import { Accounts } from '../../sync-server/src/auth/accounts.js';
import { ApiFailure } from '../../sync-server/src/auth/api-failure.js';
import type { IdentityStore } from '../../sync-server/src/auth/identity/identity-store.js';
import { PostgresIdentityStore } from '../../sync-server/src/auth/identity/postgres/postgres-identity-store.js';
import { SqliteIdentityStore } from '../../sync-server/src/auth/identity/sqlite/sqlite-identity-store.js';
import { systemClock } from '../../sync-server/src/clock.js';

export const SEED_OWNER = {
  email: 'owner@test.example',
  password: 'owner-password-1',
  name: 'Owner',
};

export interface SeededWorkspace {
  ownerId: string;
  /** An hour-long access token for the owner. */
  token: string;
  /** Registers a room the whole workspace may write, if it is new. */
  openRoom(room: string): void;
}

/** A workspace seeded in a shared PostgreSQL database, for relays started on its URL. */
export interface SeededDatabase {
  ownerId: string;
  /** An hour-long access token for the owner, valid on every relay of the database. */
  token: string;
  /** Registers a room the whole workspace may write, if it is new; every relay sees it. */
  openRoom(room: string): Promise<void>;
  /** Ends the seeding connection (relays keep theirs). */
  close(): Promise<void>;
}

/**
 * Creates the workspace and its owner in `store`, the way the operator command line
 * does, or finds them there; returns the owner's id and an hour-long token. Two
 * seeders racing on one database both end up with the one owner.
 */
export async function seedIdentity(
  store: IdentityStore,
): Promise<{ ownerId: string; token: string }> {
  const accounts = new Accounts({ store, clock: systemClock, changed: async () => {} });
  let owner = await store.people.byEmail(SEED_OWNER.email);
  if (!owner) {
    try {
      owner = await accounts.setup({ workspaceName: 'Test', ...SEED_OWNER }, 'cli');
    } catch (error) {
      if (!(error instanceof ApiFailure && error.code === ApiErrorCode.alreadySetUp)) throw error;
      owner = await store.people.byEmail(SEED_OWNER.email);
      if (!owner) throw new Error('the database has a workspace, but not the seeded owner');
    }
  }
  const { token } = await accounts.mintToken(owner.id, null, 3600_000);
  return { ownerId: owner.id, token };
}

/**
 * Registers `room` (by its room id) in any identity store as a room the whole
 * workspace may write, if new, and bumps the access epoch in the same transaction,
 * so that every relay on the store sees the room.
 */
export async function openRoomIn(
  store: IdentityStore,
  ownerId: string,
  room: string,
): Promise<void> {
  const id = roomIdOf(room);
  await store.transaction(async (tx) => {
    if (await tx.rooms.get(id)) return;
    await tx.rooms.insert({
      id,
      kind: 'doc',
      title: id,
      owner_id: ownerId,
      workspace_level: 'write',
      created_at: Date.now(),
    });
    await tx.workspace.bumpEpoch();
  });
}

/**
 * Registers `room` (by its room id) as a room the whole workspace may write, if new.
 * Synchronous, so that tests can open a room and connect in one line: it writes the
 * SQLite file directly, as another process would, and bumps the access epoch so that
 * a relay on the same file sees the room (at once for upgrades, which look at the epoch).
 */
export function openWorkspaceRoom(store: SqliteIdentityStore, ownerId: string, room: string): void {
  const id = roomIdOf(room);
  store.db.transaction(() => {
    const added = store.db
      .prepare(
        `INSERT OR IGNORE INTO rooms (id, kind, title, owner_id, workspace_level, created_at)
         VALUES (?, 'doc', ?, ?, 'write', ?)`,
      )
      .run(id, id, ownerId, Date.now()).changes;
    if (added > 0)
      store.db
        .prepare(
          `INSERT INTO meta (key, value) VALUES ('epoch', '1')
           ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`,
        )
        .run();
  })();
}

/**
 * Creates (or reuses) the workspace in a relay data directory, the way the operator
 * command line does: straight in identity.sqlite, whether or not a relay runs on it.
 */
export async function seedWorkspace(dataDir: string): Promise<SeededWorkspace> {
  const store = new SqliteIdentityStore(join(dataDir, 'identity.sqlite'));
  const { ownerId, token } = await seedIdentity(store);
  await store.close();
  return {
    ownerId,
    token,
    openRoom(room) {
      const db = new SqliteIdentityStore(join(dataDir, 'identity.sqlite'));
      openWorkspaceRoom(db, ownerId, room);
      db.db.close();
    },
  };
}

/**
 * Creates (or reuses) the workspace in the PostgreSQL database at `url` (the relays'
 * DATABASE_URL), migrating its identity schema first if no relay has yet.
 */
export async function seedDatabase(url: string): Promise<SeededDatabase> {
  const store = await PostgresIdentityStore.open({ connectionString: url, maxConnections: 2 });
  try {
    const { ownerId, token } = await seedIdentity(store);
    return {
      ownerId,
      token,
      openRoom: (room) => openRoomIn(store, ownerId, room),
      close: () => store.close(),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
