/**
 * `npm run admin -- migrate-to-postgres`: moves an embedded install (DATA_DIR's
 * identity.sqlite and relay.sqlite, and optionally the uploaded bytes in
 * DATA_DIR/files) into the PostgreSQL database of the scaled mode.
 *
 * Safe to rerun after a failure: every row of both stores is copied in ONE
 * PostgreSQL transaction (both stores live in one database), and the row-by-row check
 * runs inside it, before COMMIT. A failed copy, a failed check, a killed process or
 * a lost connection all leave the target as it was (at most its empty schema, made
 * by the stores' own migrations), so the next run starts over. File bytes are copied
 * before that transaction, as the relay stores bytes before their metadata row, and
 * that copy skips what is already there with the right hash, so a rerun repeats
 * nothing. After COMMIT a second check reads both installs through the stores' own
 * `load` (what a relay serves); if that one fails the target holds the copy and must
 * be emptied before a rerun, which the message says.
 *
 * Refusals: a relay running on DATA_DIR (the DATA_DIR lock, held for the whole move,
 * so no relay can start on it meanwhile either), and a target that holds anything
 * (two workspaces are never merged). Runs of this command against one target take
 * turns under an advisory lock, and the second then finds a workspace and refuses.
 *
 * The feed keeps its id, its position and every room's head: the copy holds the very
 * commits those positions count, so a device's cursor means the same against
 * PostgreSQL and it fetches nothing it holds and misses nothing it lacks ([FEED1],
 * [FEED5]); PostgreSQL then numbers new commits after the copied position. A new feed
 * id would be correct too, but would make every device fetch every room at once
 * right after the move.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { PoolClient } from 'pg';
import { IDENTITY, identityMigrations } from '../auth/identity/postgres/schema.js';
import { SqliteIdentityStore } from '../auth/identity/sqlite/sqlite-identity-store.js';
import { DataDirLockedError, lockDataDir } from '../data-dir-lock.js';
import { DOCUMENTS, documentMigrations } from '../persistence/postgres/schema.js';
import { SqlitePersistence } from '../persistence/sqlite-persistence.js';
import { migrate } from '../postgres/migrations.js';
import { inTransaction } from '../postgres/transaction.js';
import { copyFiles, type FilesCopied } from './copy-files.js';
import { checkRows, copyRows, type Copied } from './copy-rows.js';
import { checkAsLoaded } from './loaded-check.js';
import { checkStoredRows } from './room-content.js';
import { DOCUMENT_TABLES, IDENTITY_TABLES, SINGLETONS, type TableCopy } from './tables.js';

export interface MigrateOptions {
  dataDir: string;
  databaseUrl: string;
  /** The shared directory (the relays' FILES_DIR) to copy uploaded bytes into. */
  filesDir?: string | undefined;
}

/** The move was not started: the operator must change something first. */
export class MigrationRefused extends Error {}

/** The copy does not read back the same; `committed` says whether the target holds it. */
export class MigrationCheckFailed extends Error {
  constructor(
    readonly differences: string[],
    readonly committed: boolean,
  ) {
    super(
      (committed
        ? 'the copy was committed but does not read back the same; the database at DATABASE_URL ' +
          'now holds it: empty it (drop and create the database) before running again.'
        : 'the copy did not match and was rolled back; the database at DATABASE_URL holds nothing of it.') +
        `\ndifferences:\n${differences.map((d) => `  ${d}`).join('\n')}`,
    );
  }
}

export interface MigrationReport {
  workspace: string;
  copied: Map<string, Copied>;
  files: FilesCopied | { left: number; bytes: number; dir: string };
  quarantined: number;
  epoch: number;
  feed: { feedId: string; position: number };
  ms: number;
}

// Any fixed pair; the first is the one migrations.ts uses for "schema".
const LOCK_CLASS = 0x5c4e;
const LOCK_ID = 2;

/** Bigint columns as numbers, as the stores read them; refuse rather than round. */
export const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.INT8, (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint ${value} is beyond 2^53`);
  return n;
});

export async function migrateToPostgres(options: MigrateOptions): Promise<MigrationReport> {
  const started = performance.now();
  const dataDir = resolve(options.dataDir);
  const identityFile = join(dataDir, 'identity.sqlite');
  const relayFile = join(dataDir, 'relay.sqlite');
  if (!existsSync(identityFile))
    throw new MigrationRefused(
      `DATA_DIR ${dataDir} holds no embedded install (no identity.sqlite)`,
    );
  const lock = takeLock(dataDir);
  try {
    // Files written by an older relay get the current schema, as a relay starting on them would.
    await new SqliteIdentityStore(identityFile).close();
    await new SqlitePersistence({ file: relayFile }).close();
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 2,
      types,
      application_name: 'migrate-to-postgres',
    });
    pool.on('error', () => {});
    try {
      await migrate(pool, IDENTITY, identityMigrations);
      await migrate(pool, DOCUMENTS, documentMigrations);
      const report = await copyAll(pool, dataDir, identityFile, relayFile, options.filesDir);
      const differences = await checkAsLoaded({ dataDir, databaseUrl: options.databaseUrl });
      if (differences.length > 0) throw new MigrationCheckFailed(differences, true);
      return { ...report, ms: performance.now() - started };
    } finally {
      await pool.end();
    }
  } finally {
    lock.release();
  }
}

function takeLock(dataDir: string) {
  try {
    return lockDataDir(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    throw new MigrationRefused(
      `a relay is running on DATA_DIR ${dataDir}: stop it first, so that nothing changes while its data moves`,
    );
  }
}

async function copyAll(
  pool: pg.Pool,
  dataDir: string,
  identityFile: string,
  relayFile: string,
  filesDir: string | undefined,
): Promise<Omit<MigrationReport, 'ms'>> {
  const identity = new Database(identityFile, { fileMustExist: true });
  const relay = new Database(relayFile, { fileMustExist: true });
  try {
    // One read transaction per file: one consistent picture, even if an operator
    // command writes identity.sqlite meanwhile.
    identity.exec('BEGIN');
    relay.exec('BEGIN');
    const workspace = identity
      .prepare<[], string>('SELECT name FROM workspace WHERE id = 1')
      .pluck()
      .get();
    if (workspace === undefined)
      throw new MigrationRefused(
        `DATA_DIR ${dataDir} holds no workspace yet: nothing to move; create the workspace on PostgreSQL instead`,
      );
    await refuseNonEmpty(pool);
    const hashes = identity.prepare<[], string>('SELECT DISTINCT id FROM files').pluck().all();
    const from = join(dataDir, 'files');
    const files = filesDir
      ? await copyFiles(hashes, from, resolve(filesDir))
      : { left: hashes.length, bytes: 0, dir: from };
    const copied = await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_CLASS, LOCK_ID]);
      await refuseNonEmpty(client);
      const counts = new Map<string, Copied>();
      for (const copy of IDENTITY_TABLES)
        counts.set(copy.target, await copyRows(identity, client, copy));
      for (const copy of DOCUMENT_TABLES)
        counts.set(copy.target, await copyRows(relay, client, copy));
      const differences: string[] = [];
      for (const copy of IDENTITY_TABLES.filter((c) => c.rowChecked))
        differences.push(...(await checkRows(identity, client, copy)));
      for (const copy of DOCUMENT_TABLES.filter((c) => c.rowChecked))
        differences.push(...(await checkRows(relay, client, copy)));
      differences.push(...(await checkStoredRows(relay, client)));
      if (differences.length > 0) throw new MigrationCheckFailed(differences, false);
      return counts;
    });
    const feed = relay
      .prepare<[], { feedId: string; position: number }>(
        'SELECT feed_id AS feedId, position FROM feed_meta WHERE id = 1',
      )
      .get() ?? { feedId: '', position: 0 };
    const quarantined = relay.prepare<[], number>('SELECT count(*) FROM quarantine').pluck().get();
    const epoch = identity
      .prepare<[], number>(
        "SELECT coalesce(CAST(value AS INTEGER), 0) FROM meta WHERE key = 'epoch'",
      )
      .pluck()
      .get();
    return { workspace, copied, files, feed, quarantined: quarantined ?? 0, epoch: epoch ?? 0 };
  } finally {
    identity.close();
    relay.close();
  }
}

/** Every table the copy writes must be empty, and the counters at their start. */
async function refuseNonEmpty(db: pg.Pool | PoolClient): Promise<void> {
  const [found] = (
    await db.query<{ workspace: string | null; epoch: number; position: number }>(
      `SELECT (SELECT name FROM workspace WHERE id = 1) AS workspace,
              coalesce((SELECT epoch FROM access_epoch WHERE id = 1), 0) AS epoch,
              coalesce((SELECT position FROM doc_feed WHERE id = 1), 0) AS position`,
    )
  ).rows;
  if (found?.workspace != null)
    throw new MigrationRefused(
      `the database at DATABASE_URL already holds the workspace "${found.workspace}"; ` +
        'migrate-to-postgres never merges two workspaces: give it an empty database',
    );
  const tables = [...IDENTITY_TABLES, ...DOCUMENT_TABLES]
    .map((copy: TableCopy) => copy.target)
    .filter((table) => !SINGLETONS.has(table));
  const { rows } = await db.query<{ name: string }>(
    tables
      .map((table) => `SELECT '${table}' AS name FROM ${table} HAVING count(*) > 0`)
      .join(' UNION ALL '),
  );
  if (rows.length > 0 || (found?.epoch ?? 0) > 0 || (found?.position ?? 0) > 0)
    throw new MigrationRefused(
      `the database at DATABASE_URL is not empty (${rows.map((r) => r.name).join(', ') || 'its counters moved'}); ` +
        'migrate-to-postgres never merges two workspaces: give it an empty database',
    );
}
