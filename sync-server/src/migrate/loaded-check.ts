import { join } from 'node:path';
import type { IdentityStore } from '../auth/identity/identity-store.js';
import { PostgresIdentityStore } from '../auth/identity/postgres/postgres-identity-store.js';
import { SqliteIdentityStore } from '../auth/identity/sqlite/sqlite-identity-store.js';
import type { Persistence } from '../persistence/persistence.js';
import { PostgresPersistence } from '../persistence/postgres/postgres-persistence.js';
import { SqlitePersistence } from '../persistence/sqlite-persistence.js';
import { checkLoadedRooms } from './room-content.js';

/**
 * The check after COMMIT, through the stores' own read code on both sides (what a
 * relay serves from each): the workspace, its access epoch and secret, people, groups
 * with members, invites, rooms with their access rules, favourites; the feed, its
 * heads and quarantine; and every room's content as loaded. Returns the differences.
 */
export async function checkAsLoaded(target: {
  dataDir: string;
  databaseUrl: string;
}): Promise<string[]> {
  const identity = {
    a: new SqliteIdentityStore(join(target.dataDir, 'identity.sqlite')),
    b: await PostgresIdentityStore.open({
      connectionString: target.databaseUrl,
      maxConnections: 2,
    }),
  };
  const documents = {
    a: new SqlitePersistence({ file: join(target.dataDir, 'relay.sqlite') }),
    b: await PostgresPersistence.open({ connectionString: target.databaseUrl, maxConnections: 2 }),
  };
  try {
    const differences: string[] = [];
    for (const [what, read] of Object.entries(identityViews)) {
      const [a, b] = [await read(identity.a), await read(identity.b)];
      if (canonical(a) !== canonical(b))
        differences.push(`${what} read through the identity store differ`);
    }
    for (const [what, read] of Object.entries(documentViews)) {
      const [a, b] = [await read(documents.a), await read(documents.b)];
      if (canonical(a) !== canonical(b))
        differences.push(`${what} read through the document store differ`);
    }
    differences.push(...(await checkLoadedRooms(documents.a, documents.b)).differences);
    return differences;
  } finally {
    await Promise.allSettled([
      identity.a.close(),
      identity.b.close(),
      documents.a.close(),
      documents.b.close(),
    ]);
  }
}

const byKey = <T>(rows: T[], key: (row: T) => string) =>
  [...rows].sort((x, y) => compare(key(x), key(y)));

/**
 * JSON with Maps, Sets and object keys sorted, so two stores that return the same
 * contents in another order compare equal.
 */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return [...v.entries()].sort(([a], [b]) => compare(String(a), String(b)));
    if (v instanceof Set) return [...v].map(String).sort(compare);
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => compare(a, b)));
    return v;
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rows in an order both stores agree on. */
const identityViews: Record<string, (store: IdentityStore) => Promise<unknown>> = {
  workspace: (s) => s.workspace.get(),
  'access epochs': (s) => s.workspace.epoch(),
  'workspace secrets': (s) => s.workspace.secret(),
  people: async (s) => byKey(await s.people.all(), (u) => u.id),
  groups: async (s) =>
    byKey(await s.groups.all(), (g) => g.id).map((g) => ({ ...g, members: [...g.members].sort() })),
  invites: async (s) => byKey(await s.invites.all(), (i) => i.id),
  rooms: async (s) => byKey(await s.rooms.all(), (r) => r.id),
  'access rules': async (s) => s.rooms.rules(await s.rooms.all()),
  favourites: (s) => s.favourites.all(),
};

const documentViews: Record<string, (store: Persistence) => Promise<unknown>> = {
  feeds: (s) => s.feed(),
  heads: async (s) => byKey(await s.headsSince(0), (h) => h.room),
  'quarantined rooms': async (s) => byKey(await s.quarantined(), (q) => q.room),
};
