/**
 * Versioned schema migrations for the components that keep data in PostgreSQL (the
 * document store, later the identity store). Each component has its own numbered
 * list, recorded in one `schema_migrations` table. Several relays starting at once
 * take turns under one advisory lock, so each migration runs exactly once; each runs
 * in its own transaction, so a failed one leaves the schema at the version before it.
 * A database whose schema is newer than the running code is refused: old code must
 * not write data whose shape it does not know. What this runner shares with the
 * SQLite one (schema/sqlite-migrations.ts) is in schema/schema-versions.ts.
 */
import type { Pool, PoolClient, QueryConfig, QueryResultRow } from 'pg';
import {
  checkMigrationList,
  isSchemaVersionError,
  MigrationFailedError,
  SchemaTooNewError,
} from '../schema/schema-versions.js';
import { RELAY_VERSION } from '../version.js';

export interface Migration {
  /** 1, 2, 3, ... in order, never reused. */
  version: number;
  /** Says what it does, for the record in schema_migrations. */
  name: string;
  /** SQL, or a function for work that needs values from outside the database. */
  up: string | ((client: PoolClient) => Promise<void>);
}

export { SchemaTooNewError };

/**
 * A migration may rewrite a large table, and a relay may wait here while another
 * migrates: far longer than the stores' per-statement timeout (transaction.ts).
 * Function migrations use `client.query({ text, query_timeout })` for the same reason.
 */
const MIGRATION_TIMEOUT_MS = 60 * 60_000;

// Any fixed pair of keys; the first names "schema migrations" for pg_locks readers.
const LOCK_CLASS = 0x5c4e;
const LOCK_ID = 1;

/** Brings `component`'s schema to the last of `migrations`; returns that version. */
export async function migrate(
  pool: Pool,
  component: string,
  migrations: readonly Migration[],
): Promise<number> {
  checkMigrationList(component, migrations);
  const known = migrations.length;
  const client = await pool.connect();
  const run = <R extends QueryResultRow>(text: string, values?: unknown[]) => {
    // pg honours a per-statement query_timeout that its types do not list.
    const config: QueryConfig & { query_timeout: number } = {
      text,
      ...(values && { values }),
      query_timeout: MIGRATION_TIMEOUT_MS,
    };
    return client.query<R>(config);
  };
  let broken: Error | undefined;
  // A checked-out connection that dies would otherwise throw an uncaught 'error'.
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  try {
    // A session lock: released at unlock, or by PostgreSQL if this connection dies.
    await run('SELECT pg_advisory_lock($1, $2)', [LOCK_CLASS, LOCK_ID]);
    try {
      await run(`CREATE TABLE IF NOT EXISTS schema_migrations (
        component text NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (component, version)
      )`);
      // Added after the first release; rows an older relay wrote leave it null.
      await run('ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS relay_version text');
      const { rows } = await run<{ version: number; relay_version: string | null }>(
        `SELECT version, relay_version FROM schema_migrations WHERE component = $1
         ORDER BY version DESC LIMIT 1`,
        [component],
      );
      const current = rows[0]?.version ?? 0;
      if (current > known)
        throw new SchemaTooNewError(
          `PostgreSQL ${component}`,
          current,
          known,
          rows[0]?.relay_version ?? null,
        );
      for (const migration of migrations.slice(current)) {
        await run('BEGIN');
        try {
          if (typeof migration.up === 'string') await run(migration.up);
          else await migration.up(client);
          await run(
            `INSERT INTO schema_migrations (component, version, name, relay_version)
             VALUES ($1, $2, $3, $4)`,
            [component, migration.version, migration.name, RELAY_VERSION],
          );
          await run('COMMIT');
        } catch (error) {
          await run('ROLLBACK').catch(() => {});
          if (isSchemaVersionError(error)) throw error;
          throw new MigrationFailedError(component, migration.version, migration.name, error);
        }
      }
      return known;
    } finally {
      try {
        await run('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, LOCK_ID]);
      } catch (error) {
        // Dropping the connection below releases the lock with it.
        broken = asError(error);
      }
    }
  } catch (error) {
    broken ??= asError(error);
    throw error;
  } finally {
    // A connection that failed mid-way may still hold the lock or a transaction: drop it.
    client.off('error', onError);
    client.release(broken);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
