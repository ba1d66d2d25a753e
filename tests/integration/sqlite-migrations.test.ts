/**
 * The SQLite migration runner on real files, through the two stores that use it:
 * what a new file, a file of relay 0.1.0 (no version recorded), a file a newer relay
 * migrated, and a migration that fails each give.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { IDENTITY_SCHEMA } from '../../sync-server/src/auth/identity/sqlite/schema.js';
import { SqliteIdentityStore } from '../../sync-server/src/auth/identity/sqlite/sqlite-identity-store.js';
import { RELAY_SCHEMA } from '../../sync-server/src/persistence/sqlite-schema.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import {
  migrateSqlite,
  sqliteSchemaVersion,
  type SqliteSchema,
} from '../../sync-server/src/schema/sqlite-migrations.js';
import { RELAY_VERSION } from '../../sync-server/src/version.js';

const tempFile = (name: string) => join(mkdtempSync(join(tmpdir(), 'sqlite-migrations-')), name);

/** The store's schema with one more migration, as a later relay would ship it. */
function withNext(schema: SqliteSchema, up: string): SqliteSchema {
  return {
    ...schema,
    migrations: [
      ...schema.migrations,
      { version: schema.migrations.length + 1, name: 'a later table', up },
    ],
  };
}

function versions(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare('SELECT version, relay_version FROM schema_migrations ORDER BY version')
      .all();
  } finally {
    db.close();
  }
}

const stores = [
  {
    schema: RELAY_SCHEMA,
    open: (file: string) => new SqlitePersistence({ file }),
  },
  {
    schema: IDENTITY_SCHEMA,
    open: (file: string) => new SqliteIdentityStore(file),
  },
];

describe.each(stores)('$schema.store schema versions', ({ schema, open }) => {
  const last = schema.migrations.length;
  const next = last + 1;
  /** Every version, each recorded by this relay. */
  const current = schema.migrations.map((m) => ({
    version: m.version,
    relay_version: RELAY_VERSION,
  }));
  it('[UPGRADE1] a new file is made at the last version, recorded with the relay release', async () => {
    const file = tempFile(schema.store);
    await open(file).close();
    expect(versions(file)).toEqual(current);
    // A second open has nothing to do.
    await open(file).close();
    expect(versions(file)).toHaveLength(last);
  });

  it('[UPGRADE4] a file of relay 0.1.0 (tables, no version) is recognised as version 1 and migrated on', async () => {
    const file = tempFile(schema.store);
    const db = new Database(file);
    for (const upgrade of schema.beforeVersions) upgrade.up(db); // what 0.1.0's open did
    db.close();
    await open(file).close();
    expect(versions(file)).toEqual(current);
    const later = new Database(file);
    expect(migrateSqlite(later, withNext(schema, 'CREATE TABLE later (x INTEGER)'))).toBe(next);
    expect(sqliteSchemaVersion(later)).toBe(next);
    later.close();
  });

  it('[UPGRADE4] a file with no version and tables that are not a relay’s is refused, untouched', () => {
    const file = tempFile(schema.store);
    const db = new Database(file);
    db.exec('CREATE TABLE stranger (x INTEGER); INSERT INTO stranger VALUES (1)');
    db.close();
    expect(() => open(file)).toThrow(
      new RegExp(`${schema.store} records no schema version .*table stranger is not expected`),
    );
    const after = new Database(file);
    expect(sqliteSchemaVersion(after)).toBe(0);
    expect(after.prepare('SELECT count(*) AS n FROM stranger').get()).toEqual({ n: 1 });
    after.close();
  });

  it('[UPGRADE3] a file a newer relay migrated is refused, naming both versions and releases', async () => {
    const file = tempFile(schema.store);
    await open(file).close();
    const newer = new Database(file);
    migrateSqlite(newer, withNext(schema, 'CREATE TABLE later (x INTEGER)'), '9.9.9');
    newer.close();
    expect(() => open(file)).toThrow(
      `the ${schema.store} schema is at version ${next} (migrated by relay 9.9.9), ` +
        `but this relay (${RELAY_VERSION}) knows only up to version ${last}`,
    );
    expect(versions(file)).toEqual([...current, { version: next, relay_version: '9.9.9' }]);
  });

  it('[UPGRADE2] a migration that fails leaves the file at the version before it, and runs once fixed', async () => {
    const file = tempFile(schema.store);
    await open(file).close();
    const db = new Database(file);
    const broken = withNext(
      schema,
      'CREATE TABLE half (x INTEGER); INSERT INTO nowhere VALUES (1)',
    );
    expect(() => migrateSqlite(db, broken)).toThrow(
      `${schema.store} migration ${next} ("a later table") failed, the schema stays at version ${last}: no such table: nowhere`,
    );
    expect(sqliteSchemaVersion(db)).toBe(last);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(migrateSqlite(db, withNext(schema, 'CREATE TABLE half (x INTEGER)'))).toBe(next);
    db.close();
  });
});

it('a migration list with a missing or repeated version is a programming error', () => {
  const db = new Database(':memory:');
  const gap: SqliteSchema = {
    ...RELAY_SCHEMA,
    migrations: [...RELAY_SCHEMA.migrations, { version: 3, name: 'skips 2', up: '' }],
  };
  expect(() => migrateSqlite(db, gap)).toThrow(/"skips 2" must have version 2/);
  db.close();
});
