/**
 * Versioned schema migrations for the SQLite files of the embedded mode
 * (relay.sqlite, identity.sqlite), with the contract of the PostgreSQL runner
 * (postgres/migrations.ts): one numbered list per store; each migration runs in its
 * own BEGIN IMMEDIATE transaction, so a failed one leaves the file at the version
 * before it, and the relay command line and a relay opening the same file take
 * turns; a file newer than the code is refused, naming its version, the release
 * that migrated it, and this relay's.
 *
 * Versions live in a `schema_migrations` table rather than PRAGMA user_version:
 * user_version holds one integer, while the table also keeps, per version, its name,
 * when it ran and which relay release ran it, which the refusal message names; it is
 * also the same record the PostgreSQL stores keep.
 *
 * Files written before versions were recorded (relay 0.1.0 and older) hold tables
 * but no version. Their known earlier shapes are brought to version 1 by the store's
 * `beforeVersions` steps (the upgrades those relays made in place on open); the
 * result must then match version 1 column for column, or the file is refused rather
 * than guessed at [UPGRADE4].
 */
import Database from 'better-sqlite3';
import { RELAY_VERSION } from '../version.js';
import {
  checkMigrationList,
  isSchemaVersionError,
  MigrationFailedError,
  SchemaTooNewError,
  SchemaUnknownError,
} from './schema-versions.js';
import { hasTables, shapeDifferences, shapeOf, VERSIONS_TABLE } from './sqlite-shape.js';

export interface SqliteMigration {
  /** 1, 2, 3, ... in order, never reused. */
  version: number;
  /** Says what it does, for the record in schema_migrations. */
  name: string;
  /**
   * SQL, or a function for work that needs more than SQL. It runs inside the
   * runner's transaction: it must not BEGIN or COMMIT (db.transaction() nests as a
   * savepoint), and cannot switch foreign_keys (SQLite ignores that inside one).
   */
  up: string | ((db: Database.Database) => void);
}

/** One store's migrations, kept in one place beside the store. */
export interface SqliteSchema {
  /** The file's name, as the operator sees it in DATA_DIR. */
  store: string;
  migrations: readonly SqliteMigration[];
  /** Oldest first: each brings one shape older relays wrote, if present, to the next. Idempotent. */
  beforeVersions: readonly { name: string; up: (db: Database.Database) => void }[];
}

/** Brings `db` to the last of `schema.migrations`; returns that version. */
export function migrateSqlite(
  db: Database.Database,
  schema: SqliteSchema,
  release: string = RELAY_VERSION,
): number {
  checkMigrationList(schema.store, schema.migrations);
  const known = schema.migrations.length;
  // One step per transaction, each reading the version afresh: another process
  // (the command line, a relay) may have migrated the file between two steps.
  while (!db.transaction(() => step(db, schema, release)).immediate());
  return known;
}

/** Applies the next migration, if any; true when the file is at the last version. */
function step(db: Database.Database, schema: SqliteSchema, release: string): boolean {
  db.exec(`CREATE TABLE IF NOT EXISTS ${VERSIONS_TABLE} (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL,
    relay_version TEXT NOT NULL)`);
  const top = db
    .prepare<[], { version: number; relay_version: string }>(
      `SELECT version, relay_version FROM ${VERSIONS_TABLE} ORDER BY version DESC LIMIT 1`,
    )
    .get();
  const current = top?.version ?? 0;
  const known = schema.migrations.length;
  if (top && current > known)
    throw new SchemaTooNewError(schema.store, current, known, top.relay_version, release);
  const next = schema.migrations[current];
  if (!next) return true;
  let name = next.name;
  try {
    if (current === 0 && hasTables(db)) {
      adopt(db, schema);
      name = `${next.name} (found in place, written before versions were recorded)`;
    } else if (typeof next.up === 'string') db.exec(next.up);
    else next.up(db);
  } catch (error) {
    if (isSchemaVersionError(error)) throw error;
    throw new MigrationFailedError(schema.store, next.version, next.name, error);
  }
  db.prepare(
    `INSERT INTO ${VERSIONS_TABLE} (version, name, applied_at, relay_version) VALUES (?, ?, ?, ?)`,
  ).run(next.version, name, Date.now(), release);
  return current + 1 === known;
}

/** A file with tables and no version: today's or an older known shape becomes version 1. */
function adopt(db: Database.Database, schema: SqliteSchema): void {
  for (const upgrade of schema.beforeVersions) upgrade.up(db);
  const differences = shapeDifferences(shapeOf(db), versionOneShape(schema));
  if (differences.length > 0) throw new SchemaUnknownError(schema.store, differences);
}

const versionOneShapes = new WeakMap<SqliteSchema, Map<string, string>>();

/** The shape migration 1 makes, read from a scratch in-memory database. */
function versionOneShape(schema: SqliteSchema): Map<string, string> {
  let shape = versionOneShapes.get(schema);
  if (!shape) {
    const scratch = new Database(':memory:');
    try {
      const first = schema.migrations[0];
      if (first) {
        if (typeof first.up === 'string') scratch.exec(first.up);
        else first.up(scratch);
      }
      shape = shapeOf(scratch);
    } finally {
      scratch.close();
    }
    versionOneShapes.set(schema, shape);
  }
  return shape;
}

/** The schema version recorded in an open file, 0 when none is. */
export function sqliteSchemaVersion(db: Database.Database): number {
  if (!db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(VERSIONS_TABLE)) return 0;
  return (
    db
      .prepare<[], number>(`SELECT coalesce(max(version), 0) FROM ${VERSIONS_TABLE}`)
      .pluck()
      .get() ?? 0
  );
}
