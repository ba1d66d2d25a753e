import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { IDENTITY_FILE, RELAY_FILE } from './manifest.js';

/** The backup was not started: the operator must change something first. */
export class BackupRefused extends Error {}

/**
 * SQLite's online backup API copies every page in one step (one read transaction),
 * so the copy is one consistent state of the file; the relay keeps writing meanwhile
 * (WAL: readers do not block the writer). With better-sqlite3's default of 100 pages
 * per step, each write of the relay between two steps restarts the copy, and under
 * steady load a large file would never finish.
 */
const ALL_PAGES = 0x7fffffff;

/**
 * The embedded mode's half of a backup: both SQLite files of DATA_DIR, copied through
 * their own connections, never through the DATA_DIR lock (the relay holds it) and
 * never as raw files (a WAL database's file alone is not the database).
 * relay.sqlite is copied first, identity.sqlite second and the uploaded files last:
 * each later copy holds at least what the earlier ones refer to (rooms, the file
 * records a chat message points at, the bytes a file record names).
 */
export async function snapshotSqlite(
  dataDir: string,
  target: { identity: string; relay: string },
): Promise<void> {
  for (const [name, to] of [
    [RELAY_FILE, target.relay],
    [IDENTITY_FILE, target.identity],
  ] as const) {
    const source = join(dataDir, name);
    if (!existsSync(source))
      throw new BackupRefused(`DATA_DIR ${dataDir} holds no ${name}: nothing to back up there`);
    const db = new Database(source, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      await db.backup(to, { progress: () => ALL_PAGES });
    } finally {
      db.close();
    }
  }
}
