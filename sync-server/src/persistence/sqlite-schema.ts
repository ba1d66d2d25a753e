/**
 * relay.sqlite's schema: every version of it, in order. A new table or column is a
 * new migration appended at the end (never an edit of one that shipped), see
 * schema/sqlite-migrations.ts for the rules [UPGRADE1].
 */
import type Database from 'better-sqlite3';
import type { SqliteSchema } from '../schema/sqlite-migrations.js';

/** Refills each room's last seq from its log and snapshot. */
function fillLastSeqs(db: Database.Database): void {
  db.exec(`UPDATE heads SET last_seq = max(
    coalesce((SELECT max(seq) FROM updates WHERE updates.room = heads.room), 0),
    coalesce((SELECT through_seq FROM snapshots WHERE snapshots.room = heads.room), 0))`);
}

function hasColumn(db: Database.Database, table: string, column: string): boolean {
  return db
    .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
    .all(table)
    .some((c) => c.name === column);
}

export const RELAY_SCHEMA: SqliteSchema = {
  store: 'relay.sqlite',
  migrations: [
    {
      version: 1,
      name: 'log, snapshots, quarantine and the feed (relay 0.1.0)',
      up: `
        CREATE TABLE updates (
          room TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,
          PRIMARY KEY (room, seq)
        ) WITHOUT ROWID;
        CREATE TABLE snapshots (
          room TEXT PRIMARY KEY, through_seq INTEGER NOT NULL, data BLOB NOT NULL
        );
        CREATE TABLE quarantine (
          room TEXT PRIMARY KEY, reason TEXT NOT NULL, at INTEGER NOT NULL
        );
        CREATE TABLE heads (
          room TEXT PRIMARY KEY, head INTEGER NOT NULL, last_seq INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE INDEX heads_by_head ON heads (head);
        CREATE TABLE feed_meta (
          id INTEGER PRIMARY KEY CHECK (id = 1), feed_id TEXT NOT NULL, position INTEGER NOT NULL
        );`,
    },
  ],
  beforeVersions: [
    {
      name: 'the log, snapshots and quarantine of the first releases',
      up: (db) =>
        db.exec(`
          CREATE TABLE IF NOT EXISTS updates (
            room TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY (room, seq)
          ) WITHOUT ROWID;
          CREATE TABLE IF NOT EXISTS snapshots (
            room TEXT PRIMARY KEY, through_seq INTEGER NOT NULL, data BLOB NOT NULL
          );
          CREATE TABLE IF NOT EXISTS quarantine (
            room TEXT PRIMARY KEY, reason TEXT NOT NULL, at INTEGER NOT NULL
          );`),
    },
    {
      // Every stored room gets head 1, so that a device asking from cursor 0 (or from
      // another feed id) fetches all of them [SCALE2].
      name: 'the feed: heads and position',
      up(db) {
        const hadHeads = db
          .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'heads'")
          .get();
        db.exec(`
          CREATE TABLE IF NOT EXISTS heads (
            room TEXT PRIMARY KEY, head INTEGER NOT NULL, last_seq INTEGER NOT NULL DEFAULT 0
          ) WITHOUT ROWID;
          CREATE INDEX IF NOT EXISTS heads_by_head ON heads (head);
          CREATE TABLE IF NOT EXISTS feed_meta (
            id INTEGER PRIMARY KEY CHECK (id = 1), feed_id TEXT NOT NULL, position INTEGER NOT NULL
          );`);
        if (hadHeads) return;
        db.exec(`INSERT INTO heads (room, head)
          SELECT room, 1 FROM snapshots UNION SELECT DISTINCT room, 1 FROM updates`);
        fillLastSeqs(db);
      },
    },
    {
      name: "heads keep each room's last seq",
      up(db) {
        if (hasColumn(db, 'heads', 'last_seq')) return;
        db.exec('ALTER TABLE heads ADD COLUMN last_seq INTEGER NOT NULL DEFAULT 0');
        fillLastSeqs(db);
      },
    },
  ],
};
