import { join } from 'node:path';
import { roomIdOf } from '../../shared/protocol/room-id.js';
import { Accounts } from '../../sync-server/src/auth/accounts.js';
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
  const accounts = new Accounts({ store, clock: systemClock, changed: async () => {} });
  const owner =
    (await store.people.byEmail(SEED_OWNER.email)) ??
    (await accounts.setup({ workspaceName: 'Test', ...SEED_OWNER }, 'cli'));
  const { token } = await accounts.mintToken(owner.id, null, 3600_000);
  await store.close();
  return {
    ownerId: owner.id,
    token,
    openRoom(room) {
      const db = new SqliteIdentityStore(join(dataDir, 'identity.sqlite'));
      openWorkspaceRoom(db, owner.id, room);
      db.db.close();
    },
  };
}
