import { join } from 'node:path';
import { roomIdOf } from '../../shared/protocol/room-id.js';
import { Accounts } from '../../sync-server/src/auth/accounts.js';
import { IdentityStore } from '../../sync-server/src/auth/identity-store.js';
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

/** Registers `room` (by its room id) as a room the whole workspace may write, if new. */
export function openWorkspaceRoom(store: IdentityStore, ownerId: string, room: string): void {
  const id = roomIdOf(room);
  if (store.room(id)) return;
  store.insertRoom({
    id,
    kind: 'doc',
    title: id,
    owner_id: ownerId,
    workspace_level: 'write',
    created_at: Date.now(),
  });
}

/**
 * Creates (or reuses) the workspace in a relay data directory, the way the operator
 * command line does: straight in identity.sqlite, whether or not a relay runs on it.
 */
export async function seedWorkspace(dataDir: string): Promise<SeededWorkspace> {
  const store = new IdentityStore(join(dataDir, 'identity.sqlite'));
  const accounts = new Accounts({ store, clock: systemClock, changed: () => {} });
  const owner =
    store.userByEmail(SEED_OWNER.email) ??
    (await accounts.setup({ workspaceName: 'Test', ...SEED_OWNER }, 'cli'));
  const { token } = await accounts.mintToken(owner.id, null, 3600_000);
  store.close();
  return {
    ownerId: owner.id,
    token,
    openRoom(room) {
      const db = new IdentityStore(join(dataDir, 'identity.sqlite'));
      openWorkspaceRoom(db, owner.id, room);
      db.close();
    },
  };
}
