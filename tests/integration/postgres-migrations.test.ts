import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresPersistence } from '../../sync-server/src/persistence/postgres/postgres-persistence.js';
import { DOCUMENTS } from '../../sync-server/src/persistence/postgres/schema.js';
import { migrate, type Migration } from '../../sync-server/src/postgres/migrations.js';
import { RELAY_VERSION } from '../../sync-server/src/version.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.stop());
const cleanup = cleanupAfterEach();

function pool(url: string): pg.Pool {
  const opened = new pg.Pool({ connectionString: url, max: 2 });
  cleanup.push(() => opened.end());
  return opened;
}

async function versions(url: string, component: string): Promise<number[]> {
  const { rows } = await pool(url).query<{ version: number }>(
    'SELECT version FROM schema_migrations WHERE component = $1 ORDER BY version',
    [component],
  );
  return rows.map((row) => row.version);
}

// Without IF NOT EXISTS: running it twice fails, so a double run cannot pass unseen.
const toy: Migration[] = [
  { version: 1, name: 'toy table', up: 'CREATE TABLE toy (runs integer NOT NULL)' },
  { version: 2, name: 'count a run', up: 'INSERT INTO toy (runs) VALUES (1)' },
];

describe('PostgreSQL schema migrations', () => {
  it('several relays starting at once on a new database migrate it once and share one feed', async () => {
    const url = await server.createDatabase();
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => PostgresPersistence.open({ connectionString: url })),
    );
    for (const store of stores) cleanup.push(() => store.close());
    expect(await versions(url, DOCUMENTS)).toEqual([1]);
    const feeds = await Promise.all(stores.map((store) => store.feed()));
    expect(new Set(feeds.map((feed) => feed.feedId)).size).toBe(1);
    const update = new Uint8Array([1, 2, 3]);
    for (const store of stores) await store.append([{ room: 'doc', update }]);
    expect((await (stores[0] as PostgresPersistence).load('doc')).lastSeq).toBe(4);
  });

  it('migrations run in order, each once, when many pools migrate one component at once', async () => {
    const url = await server.createDatabase();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => migrate(pool(url), 'toy', toy)),
    );
    expect(results).toEqual([2, 2, 2, 2, 2]);
    expect(await versions(url, 'toy')).toEqual([1, 2]);
    const { rows } = await pool(url).query<{ n: string }>('SELECT count(*) AS n FROM toy');
    expect(rows[0]?.n).toBe('1');
    // A later start has nothing to do.
    await expect(migrate(pool(url), 'toy', toy)).resolves.toBe(2);
    expect(await versions(url, 'toy')).toEqual([1, 2]);
  });

  it('[UPGRADE2] a failing migration leaves the schema at the version before it, and runs once fixed', async () => {
    const url = await server.createDatabase();
    const broken: Migration[] = [
      toy[0] as Migration,
      { version: 2, name: 'half done', up: 'CREATE TABLE half (x integer); SELECT 1 / 0' },
    ];
    await expect(migrate(pool(url), 'toy', broken)).rejects.toThrow(
      /toy migration 2 \("half done"\) failed/,
    );
    expect(await versions(url, 'toy')).toEqual([1]);
    const { rows } = await pool(url).query("SELECT to_regclass('half') AS half");
    expect(rows[0]).toEqual({ half: null });
    await expect(migrate(pool(url), 'toy', toy)).resolves.toBe(2);
  });

  it('[UPGRADE3] a database migrated by a newer relay is refused with both versions and releases named', async () => {
    const url = await server.createDatabase();
    await (await PostgresPersistence.open({ connectionString: url })).close();
    expect((await pool(url).query('SELECT relay_version FROM schema_migrations')).rows).toEqual([
      { relay_version: RELAY_VERSION },
    ]);
    await pool(url).query(
      `INSERT INTO schema_migrations (component, version, name, relay_version)
       VALUES ($1, 2, 'from the future', '9.9.9')`,
      [DOCUMENTS],
    );
    const refusal =
      'PostgreSQL documents schema is at version 2 (migrated by relay 9.9.9), ' +
      `but this relay (${RELAY_VERSION}) knows only up to version 1`;
    await expect(PostgresPersistence.open({ connectionString: url })).rejects.toThrow(refusal);
    // A store made without open() refuses every call the same way.
    const store = new PostgresPersistence({ connectionString: url });
    cleanup.push(() => store.close());
    await expect(store.append([{ room: 'doc', update: new Uint8Array([1]) }])).rejects.toThrow(
      refusal,
    );
    await expect(store.load('doc')).rejects.toThrow(refusal);
  });

  it('[SCALE1] a database that would lose commits in a crash (synchronous_commit off) is refused', async () => {
    const url = await server.createDatabase();
    const database = new URL(url).pathname.slice(1);
    await pool(url).query(`ALTER DATABASE ${database} SET synchronous_commit = off`);
    await expect(PostgresPersistence.open({ connectionString: url })).rejects.toThrow(
      /synchronous_commit = off/,
    );
  });

  it('a migration list with a missing or repeated version is a programming error', async () => {
    const url = await server.createDatabase();
    const gap = [toy[0] as Migration, { ...(toy[1] as Migration), version: 3 }];
    await expect(migrate(pool(url), 'toy', gap)).rejects.toThrow(/must have version 2/);
  });
});
