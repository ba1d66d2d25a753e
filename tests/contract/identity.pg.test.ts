import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorCode } from '../../shared/api/schemas.js';
import { roomIdOf } from '../../shared/protocol/room-id.js';
import { Accounts } from '../../sync-server/src/auth/accounts.js';
import { ApiFailure } from '../../sync-server/src/auth/api-failure.js';
import type { IdentityStore } from '../../sync-server/src/auth/identity/identity-store.js';
import { PostgresIdentityStore } from '../../sync-server/src/auth/identity/postgres/postgres-identity-store.js';
import { SqliteIdentityStore } from '../../sync-server/src/auth/identity/sqlite/sqlite-identity-store.js';
import { systemClock } from '../../sync-server/src/clock.js';
import { PostgresPersistence } from '../../sync-server/src/persistence/postgres/postgres-persistence.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { seedDatabase } from '../support/workspace-seed.js';
import { identityContract } from './identity.contract.js';
import { approvalsContract } from './approvals.contract.js';
import { calendarInvitesContract } from './calendar-invites.contract.js';
import { availabilityContract } from './availability.contract.js';
import { orgContract } from './org.contract.js';
import { calendarFeedsContract } from './calendar-feeds.contract.js';

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.stop());

const openStore = async () =>
  PostgresIdentityStore.open({ connectionString: await server.createDatabase() });

identityContract('PostgreSQL', openStore);
orgContract('PostgreSQL', openStore);
approvalsContract('PostgreSQL', openStore);
calendarInvitesContract('PostgreSQL', openStore);
availabilityContract('PostgreSQL', openStore);
calendarFeedsContract('PostgreSQL', openStore);

/** Resolves once `count` callers have arrived: every racer has done its check. */
function barrier(count: number): () => Promise<void> {
  let arrived = 0;
  let release = () => {};
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    if (++arrived === count) release();
    return all;
  };
}

describe('PostgresIdentityStore: two relays on one database', () => {
  it('shares its database with the document store: each migrates its own tables', async () => {
    const url = await server.createDatabase();
    const [documents, identity] = await Promise.all([
      PostgresPersistence.open({ connectionString: url }),
      PostgresIdentityStore.open({ connectionString: url }),
    ]);
    try {
      await identity.workspace.create('Acme', 1);
      expect(await documents.load('room')).toMatchObject({ lastSeq: 0 });
      expect(await identity.workspace.get()).toEqual({ name: 'Acme' });
    } finally {
      await Promise.all([documents.close(), identity.close()]);
    }
  });

  const relays: PostgresIdentityStore[] = [];
  /** Two stores with their own pools on one fresh database, as two relays have. */
  const twoRelays = async (): Promise<[PostgresIdentityStore, PostgresIdentityStore]> => {
    const url = await server.createDatabase();
    const pair = [
      await PostgresIdentityStore.open({ connectionString: url }),
      await PostgresIdentityStore.open({ connectionString: url }),
    ] as [PostgresIdentityStore, PostgresIdentityStore];
    relays.push(...pair);
    return pair;
  };
  afterAll(async () => {
    for (const store of relays.splice(0)) await store.close();
  });

  const person = (id: string) => ({
    id,
    email: `${id}@x.test`,
    name: id,
    password_hash: 'h',
    role: 'member' as const,
    created_at: 1,
  });

  /**
   * Both relays run `work` and both finish its check before either writes, so both
   * checks pass the first time: the one that loses must be run again and fail its
   * check, as it would have on SQLite, where the second waits for the first.
   */
  async function race(
    stores: readonly IdentityStore[],
    work: (tx: IdentityStore, index: number, checked: () => Promise<void>) => Promise<void>,
  ) {
    const checked = barrier(stores.length);
    const results = await Promise.allSettled(
      stores.map((store, index) => store.transaction((tx) => work(tx, index, checked))),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    return { won, lost };
  }

  it('two first-run setups: one workspace, the other told it exists', async () => {
    const [one, two] = await twoRelays();
    const { won, lost } = await race([one, two], async (tx, index, checked) => {
      if (await tx.workspace.get()) throw new Error('already set up');
      await checked();
      await tx.workspace.create(`Workspace ${index}`, 1);
      await tx.people.insert({ ...person(`owner${index}`), role: 'owner' });
      await tx.workspace.bumpEpoch();
    });
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.message)).toEqual(['already set up']);
    expect(await two.people.all()).toHaveLength(1);
    expect(await one.workspace.epoch()).toBe(1);
  });

  it('two accepts of a one-use invite: one person joins, the other is told the link is used', async () => {
    const [one, two] = await twoRelays();
    await one.invites.insert({
      id: 'i1',
      token_hash: 'h1',
      role: 'member',
      group_ids: '[]',
      created_by: null,
      created_at: 1,
      expires_at: 1000,
      max_uses: 1,
    });
    const { won, lost } = await race([one, two], async (tx, index, checked) => {
      const invite = await tx.invites.byTokenHash('h1');
      if (!invite || invite.uses >= invite.max_uses) throw new Error('invite used up');
      await checked();
      await tx.people.insert(person(`joiner${index}`));
      await tx.invites.use(invite.id);
    });
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.message)).toEqual(['invite used up']);
    expect(await one.people.all()).toHaveLength(1);
    expect((await two.invites.byTokenHash('h1'))?.uses).toBe(1);
  });

  it('two groups whose names differ only by case: one is made, the other told the name is taken', async () => {
    const [one, two] = await twoRelays();
    const names = ['Design', 'DESIGN'];
    const { won, lost } = await race([one, two], async (tx, index, checked) => {
      const name = names[index]!;
      if ((await tx.groups.all()).some((g) => g.name.toLowerCase() === name.toLowerCase()))
        throw new Error('name taken');
      await checked();
      await tx.groups.insert(`g${index}`, name, 1);
    });
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.message)).toEqual(['name taken']);
    expect(await one.groups.all()).toHaveLength(1);
  });

  it('two emails racing for one address: one account, the other told the email is taken', async () => {
    const [one, two] = await twoRelays();
    const { won, lost } = await race([one, two], async (tx, index, checked) => {
      if (await tx.people.byEmail('same@x.test')) throw new Error('email taken');
      await checked();
      await tx.people.insert({ ...person(`p${index}`), email: 'same@x.test' });
    });
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.message)).toEqual(['email taken']);
  });

  it('relays starting together share one token secret; every bump of the epoch counts', async () => {
    const url = await server.createDatabase();
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => PostgresIdentityStore.open({ connectionString: url })),
    );
    relays.push(...stores);
    const secrets = await Promise.all(stores.map((s) => s.workspace.secret()));
    expect(new Set(secrets).size).toBe(1);
    await Promise.all(
      stores.flatMap((s) =>
        Array.from({ length: 5 }, () => s.transaction((tx) => tx.workspace.bumpEpoch())),
      ),
    );
    expect(await stores[0]!.workspace.epoch()).toBe(20);
  });
});

/**
 * The same races through Accounts, on PostgreSQL between two relays (two stores on one
 * database), on SQLite between two requests to one relay (SQLite has one relay, and
 * two stores of one process on one file would block each other's event loop): the
 * loser must get the same answer from both. When paired, password hashes wait for
 * each other, so both racers pass the checks made before hashing and meet in their
 * transactions.
 */
describe.each([
  [
    'one SQLite file',
    () => {
      const store = new SqliteIdentityStore(
        join(mkdtempSync(join(tmpdir(), 'identity-race-')), 'identity.sqlite'),
      );
      return Promise.resolve([store, store]);
    },
  ],
  [
    'one PostgreSQL database',
    async () => {
      const url = await server.createDatabase();
      return Promise.all([
        PostgresIdentityStore.open({ connectionString: url }),
        PostgresIdentityStore.open({ connectionString: url }),
      ]);
    },
  ],
] as const)('Accounts racing on %s', (_name, openPair) => {
  const opened: IdentityStore[] = [];
  afterAll(async () => {
    for (const store of new Set(opened.splice(0))) await store.close();
  });
  const twoRelays = async () => {
    const stores = await openPair();
    opened.push(...stores);
    let hashing: (() => Promise<void>) | null = null;
    const relays = stores.map(
      (store) =>
        new Accounts({
          store,
          clock: systemClock,
          changed: () => Promise.resolve(),
          passwords: {
            hash: async (password) => {
              await hashing?.();
              return `plain:${password}`;
            },
            verify: (password, stored) => Promise.resolve(stored === `plain:${password}`),
          },
        }),
    );
    return {
      relays: relays as [Accounts, Accounts],
      /** The next two hashes wait for each other. */
      pairUp: () => (hashing = barrier(2)),
    };
  };
  const owner = { workspaceName: 'Acme', email: 'o@x.test', name: 'O', password: 'pw-123456789' };
  const outcome = async (racing: Promise<unknown>[]) => {
    const results = await Promise.allSettled(racing);
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    return {
      won: results.length - lost.length,
      lost: lost.map((e) => (e instanceof ApiFailure ? [e.status, e.code] : [String(e)])),
    };
  };

  it('two first-run setups: one owner, the other gets 409 already set up', async () => {
    const { relays, pairUp } = await twoRelays();
    pairUp();
    const result = await outcome(relays.map((r, i) => r.setup({ ...owner, name: `O${i}` }, 'web')));
    expect(result).toEqual({ won: 1, lost: [[409, ApiErrorCode.alreadySetUp]] });
  });

  it('two accepts of a one-use invite: one joins, the other gets 410', async () => {
    const { relays, pairUp } = await twoRelays();
    const [one, two] = relays;
    await one.setup(owner, 'cli');
    const invite = await one.createInvite(null, {
      role: 'member',
      groups: [],
      expiresInHours: 1,
      maxUses: 1,
    });
    pairUp();
    const result = await outcome(
      [one, two].map((r, i) =>
        r.acceptInvite(invite.token, {
          name: `J${i}`,
          email: `j${i}@x.test`,
          password: 'pw-123456789',
        }),
      ),
    );
    expect(result).toEqual({ won: 1, lost: [[410, ApiErrorCode.inviteInvalid]] });
  });

  it('two groups whose names differ only by case: one is made, the other gets 409', async () => {
    const { relays } = await twoRelays();
    const [one, two] = relays;
    const admin = await one.setup(owner, 'cli');
    const result = await outcome([
      one.createGroup(admin, 'Design', []),
      two.createGroup(admin, 'DESIGN', []),
    ]);
    expect(result).toEqual({ won: 1, lost: [[409, ApiErrorCode.conflict]] });
  });
});

describe('seeding a workspace into a DATABASE_URL', () => {
  it('two seeders get one owner; its token and opened rooms hold on every relay', async () => {
    const url = await server.createDatabase();
    const [first, second] = await Promise.all([seedDatabase(url), seedDatabase(url)]);
    const relay = await PostgresIdentityStore.open({ connectionString: url });
    try {
      expect(second.ownerId).toBe(first.ownerId);
      const accounts = new Accounts({ store: relay, clock: systemClock, changed: async () => {} });
      expect((await accounts.tokenUser(second.token)).user.id).toBe(first.ownerId);
      const before = await relay.workspace.epoch();
      await Promise.all([first.openRoom('team/notes'), second.openRoom('team/notes')]);
      const room = await relay.rooms.get(roomIdOf('team/notes'));
      expect(room).toMatchObject({ owner_id: first.ownerId, workspace_level: 'write' });
      expect(await relay.workspace.epoch()).toBe(before + 1);
    } finally {
      await Promise.all([first.close(), second.close(), relay.close()]);
    }
  });
});
