/**
 * `npm run admin -- restore FILE` ([BACKUP4]..[BACKUP6]). The archive is read once into
 * a temporary directory beside DATA_DIR, every entry checked against the manifest
 * while it is written (archive-reader.ts) and both databases checked by SQLite. Only
 * then does anything reach the target: in the embedded mode, one rename of the
 * temporary directory onto the new or empty DATA_DIR; in the scaled mode,
 * migrate-to-postgres from that directory, which copies every row in one transaction
 * into a database it refuses unless empty. Any failure removes the temporary
 * directory and leaves the target as it was.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { copyFiles } from '../migrate/copy-files.js';
import { migrateToPostgres, type MigrationReport } from '../migrate/migrate-to-postgres.js';
import { readArchive } from './archive-reader.js';
import { BackupDamaged, IDENTITY_FILE, RELAY_FILE, type Manifest } from './manifest.js';

export interface RestoreOptions {
  file: string;
  dataDir: string;
  /** FILES_DIR when set: the uploaded files go there rather than into DATA_DIR/files. */
  filesDir?: string | undefined;
  /** The scaled mode: restore into this (empty) database instead of DATA_DIR. */
  databaseUrl?: string | undefined;
}

export interface RestoreReport {
  manifest: Manifest;
  /** Where the data went: DATA_DIR, or the database (then the migration's own report). */
  into: { dataDir: string } | { migration: MigrationReport };
}

/** The restore was not started: the operator must change something first. */
export class RestoreRefused extends Error {}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const file = resolve(options.file);
  if (!existsSync(file)) throw new RestoreRefused(`${file} does not exist`);
  const dataDir = resolve(options.dataDir);
  if (!options.databaseUrl) refuseNonEmpty(dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  const temp = join(dirname(dataDir), `.${basename(dataDir)}.restore-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { mode: 0o700 });
  try {
    const manifest = await readArchive(file, temp);
    for (const name of [IDENTITY_FILE, RELAY_FILE]) checkDatabase(join(temp, name), name);
    if (options.databaseUrl) {
      const migration = await migrateToPostgres({
        dataDir: temp,
        databaseUrl: options.databaseUrl,
        filesDir: options.filesDir ?? join(dataDir, 'files'),
      });
      return { manifest, into: { migration } };
    }
    const filesDir = options.filesDir && resolve(options.filesDir);
    if (filesDir && filesDir !== join(dataDir, 'files')) {
      const hashes = manifest.entries
        .filter((e) => e.name.startsWith('files/'))
        .map((e) => e.name.slice('files/'.length));
      await copyFiles(hashes, join(temp, 'files'), filesDir);
      rmSync(join(temp, 'files'), { recursive: true, force: true });
    }
    // Checked again: something may have appeared while the archive was read.
    refuseNonEmpty(dataDir);
    // rename() replaces an empty directory in one step, and fails on a non-empty one.
    renameSync(temp, dataDir);
    return { manifest, into: { dataDir } };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function refuseNonEmpty(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const held = readdirSync(dataDir);
  if (held.length > 0)
    throw new RestoreRefused(
      `DATA_DIR ${dataDir} is not empty (it holds ${held.slice(0, 3).join(', ')}${held.length > 3 ? ', ...' : ''}): ` +
        'restore only into a new or empty directory',
    );
}

/** SQLite's own check of every page and index: a file the checksum vouches for may still be one SQLite rejects. */
function checkDatabase(path: string, name: string): void {
  let result: unknown;
  try {
    // Read-write: closing it then removes the -wal and -shm files a read-only one leaves.
    const db = new Database(path, { fileMustExist: true });
    try {
      result = db.pragma('quick_check', { simple: true });
    } finally {
      db.close();
    }
  } catch (error) {
    throw new BackupDamaged(
      `its ${name} is not a SQLite database (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (result !== 'ok')
    throw new BackupDamaged(`its ${name} fails SQLite's check (${String(result)})`);
}
