/**
 * The scaled mode's half of a backup: the PostgreSQL database the relays share, read
 * inside ONE `REPEATABLE READ READ ONLY` transaction (one snapshot of both stores, while
 * relays keep writing), into two SQLite files of exactly the embedded shape. This is
 * migrate-to-postgres run backwards, through its own table list (migrate/tables.ts,
 * each table's `back`) and its own checks (checkRows, checkStoredRows), which run in
 * the same transaction, so the files are proven to hold what the snapshot holds.
 * Restoring such an archive into PostgreSQL then goes through migrate-to-postgres.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { PoolClient } from 'pg';
import { IDENTITY, identityMigrations } from '../auth/identity/postgres/schema.js';
import { SqliteIdentityStore } from '../auth/identity/sqlite/sqlite-identity-store.js';
import { types } from '../migrate/migrate-to-postgres.js';
import { checkRows } from '../migrate/copy-rows.js';
import { checkStoredRows } from '../migrate/room-content.js';
import { DOCUMENT_TABLES, IDENTITY_TABLES, type TableCopy } from '../migrate/tables.js';
import { DOCUMENTS, documentMigrations } from '../persistence/postgres/schema.js';
import { SqlitePersistence } from '../persistence/sqlite-persistence.js';
import { BackupRefused } from './sqlite-snapshot.js';

type Row = Record<string, unknown>;

/** Rows per read: documents carry blobs (a snapshot may be megabytes), the rest are small. */
const PAGE_ROWS: Record<string, number> = { doc_snapshots: 8, doc_updates: 500 };
const DEFAULT_PAGE_ROWS = 2000;

/** Writes identity.sqlite and relay.sqlite at the given paths; returns PostgreSQL's schema versions. */
export async function snapshotPostgres(
  databaseUrl: string,
  target: { identity: string; relay: string },
): Promise<Record<string, number>> {
  // The SQLite stores make their schema (and the rows the copy then replaces).
  await new SqliteIdentityStore(target.identity).close();
  await new SqlitePersistence({ file: target.relay }).close();
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 1,
    types,
    application_name: 'backup',
  });
  pool.on('error', () => {});
  const identity = new Database(target.identity);
  const relay = new Database(target.relay);
  try {
    const client = await pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const versions = await schemaVersions(client);
      for (const copy of IDENTITY_TABLES) await copyBack(client, identity, copy);
      for (const copy of DOCUMENT_TABLES) await copyBack(client, relay, copy);
      const differences: string[] = [];
      for (const copy of IDENTITY_TABLES.filter((c) => c.rowChecked))
        differences.push(...(await checkRows(identity, client, copy)));
      for (const copy of DOCUMENT_TABLES.filter((c) => c.rowChecked))
        differences.push(...(await checkRows(relay, client, copy)));
      differences.push(...(await checkStoredRows(relay, client)));
      await client.query('COMMIT');
      if (differences.length > 0)
        throw new Error(
          `the copy of the database does not read back the same: ${differences.join('; ')}`,
        );
      return versions;
    } finally {
      client.release(true);
    }
  } finally {
    identity.close();
    relay.close();
    await pool.end();
  }
}

/**
 * The copy maps columns as this code knows them: a database migrated by another
 * relay version may have others. Such a backup is refused rather than made wrong.
 */
async function schemaVersions(client: PoolClient): Promise<Record<string, number>> {
  const { rows } = await client.query<{ component: string; version: number }>(
    'SELECT component, max(version) AS version FROM schema_migrations GROUP BY component',
  );
  const versions: Record<string, number> = {};
  for (const [component, known] of [
    [IDENTITY, identityMigrations.length],
    [DOCUMENTS, documentMigrations.length],
  ] as const) {
    const found = rows.find((r) => r.component === component)?.version ?? 0;
    if (found !== known)
      throw new BackupRefused(
        `the database's ${component} schema is at version ${found} and this relay's at ${known}: ` +
          'back it up with the relay version that runs on it',
      );
    versions[`postgres ${component}`] = found;
  }
  return versions;
}

/** Every row of `copy.target`, a page at a time in key order (bounded memory), into SQLite. */
async function copyBack(client: PoolClient, sqlite: Database.Database, copy: TableCopy) {
  const insert = sqlite.prepare(copy.back);
  const limit = PAGE_ROWS[copy.target] ?? DEFAULT_PAGE_ROWS;
  const keys = copy.key.join(', ');
  const placeholders = copy.key.map((_, i) => `$${i + 1}`).join(', ');
  let after: unknown[] | null = null;
  for (;;) {
    const { rows }: { rows: Row[] } = await client.query<Row>(
      `SELECT ${copy.columns.join(', ')} FROM ${copy.target}` +
        (after ? ` WHERE (${keys}) > (${placeholders})` : '') +
        ` ORDER BY ${keys} LIMIT ${limit}`,
      after ?? [],
    );
    sqlite.transaction(() => {
      for (const row of rows) insert.run(row);
    })();
    const last = rows.at(-1);
    if (!last || rows.length < limit) return;
    after = copy.key.map((column) => last[column]);
  }
}
