/**
 * `npm run admin -- backup FILE`, and each scheduled backup: one gzipped tar holding
 * manifest.json (first), identity.sqlite, relay.sqlite and files/<sha256> for every
 * uploaded file the archived identity.sqlite names ([BACKUP1]..[BACKUP3]).
 *
 * Both databases are snapshots taken while relays keep writing (sqlite-snapshot.ts,
 * postgres-snapshot.ts) into a staging directory beside FILE; the uploaded files are
 * linked (or copied) into the stage right after the snapshot. A file's bytes are
 * written (and never changed) before the record that names them (blob-store.ts), so
 * every file the snapshot names was on disk. Retention and file deletion remove the
 * record first, then the bytes [RETAIN5]: a file gone by the time it is linked is one
 * whose record the live store no longer holds, and its record leaves the staged copy
 * too, as if the snapshot were taken a moment later. A file still named by the live
 * store and missing from disk is an error (the files directory is damaged). The
 * archive is written streaming under a temporary name, read back and checked entry
 * by entry, fsynced and only then renamed to FILE, so FILE is complete or absent.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  closeSync,
  createReadStream,
  existsSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  copyFileSync,
  linkSync,
  mkdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import * as tar from 'tar';
import { RELAY_VERSION } from '../version.js';
import { sqliteSchemaVersion } from '../schema/sqlite-migrations.js';
import { readArchive } from './archive-reader.js';
import {
  FORMAT,
  FORMAT_VERSION,
  IDENTITY_FILE,
  MANIFEST,
  RELAY_FILE,
  type Entry,
  type Manifest,
} from './manifest.js';
import { snapshotPostgres } from './postgres-snapshot.js';
import { BackupRefused, snapshotSqlite } from './sqlite-snapshot.js';

export interface BackupOptions {
  /** DATA_DIR: the SQLite files of the embedded mode. */
  dataDir: string;
  /** Uploaded bytes (FILES_DIR, default DATA_DIR/files). */
  filesDir: string;
  /** Set in the scaled mode: the database is read instead of DATA_DIR's files. */
  databaseUrl?: string | undefined;
  /** The archive to write; must not exist. */
  file: string;
}

export interface BackupReport {
  file: string;
  manifest: Manifest;
  /** Size of the archive. */
  bytes: number;
  ms: number;
  /** Uploaded files archived as they are although their bytes do not match their name. */
  damaged: string[];
}

export async function createBackup(options: BackupOptions): Promise<BackupReport> {
  const started = performance.now();
  const file = resolve(options.file);
  if (existsSync(file))
    throw new BackupRefused(`${file} already exists: give the backup a new name`);
  if (!existsSync(dirname(file)))
    throw new BackupRefused(`the directory ${dirname(file)} does not exist`);
  const createdAt = new Date().toISOString();
  const partial = join(dirname(file), `.${basename(file)}.partial`);
  const stage = mkdtempSync(join(dirname(file), '.backup-stage-'));
  try {
    const target = { identity: join(stage, IDENTITY_FILE), relay: join(stage, RELAY_FILE) };
    const schemaVersions = options.databaseUrl
      ? await snapshotPostgres(options.databaseUrl, target)
      : (await snapshotSqlite(resolve(options.dataDir), target), {});
    let described = describeFiles(target);
    const gone = stageFiles(described.hashes, resolve(options.filesDir), join(stage, 'files'));
    if (gone.length > 0) {
      const [live] = await stillNamed(options, gone);
      if (live)
        throw new Error(
          `uploaded file ${live} (named in the database) is missing from ${resolve(options.filesDir)}`,
        );
      dropFileRecords(target.identity, gone);
      described = describeFiles(target);
    }
    const entries: Entry[] = [await entry(stage, IDENTITY_FILE), await entry(stage, RELAY_FILE)];
    const damaged: string[] = [];
    for (const hash of described.hashes) {
      const archived = await entry(stage, `files/${hash}`);
      if (archived.sha256 !== hash) damaged.push(hash);
      entries.push(archived);
    }
    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      relayVersion: RELAY_VERSION,
      createdAt,
      mode: options.databaseUrl ? 'scaled' : 'embedded',
      workspace: described.workspace,
      schemaVersions: { ...schemaVersions, ...described.sqliteVersions },
      counts: { ...described.counts, 'uploaded files': described.hashes.length },
      entries,
    };
    writeFileSync(join(stage, MANIFEST), JSON.stringify(manifest, null, 2));
    await tar.c({ gzip: true, file: partial, cwd: stage, portable: true }, [
      MANIFEST,
      ...entries.map((e) => e.name),
    ]);
    fsyncPath(partial);
    await readArchive(partial);
    renameSync(partial, file);
    fsyncPath(dirname(file));
    return {
      file,
      manifest,
      bytes: statSync(file).size,
      ms: performance.now() - started,
      damaged,
    };
  } finally {
    rmSync(partial, { force: true });
    rmSync(stage, { recursive: true, force: true });
  }
}

/** What the archived SQLite files hold: counts per table, the workspace, the uploaded files. */
function describeFiles(target: { identity: string; relay: string }) {
  const counts: Record<string, number> = {};
  const sqliteVersions: Record<string, number> = {};
  let workspace: string | null = null;
  let hashes: string[] = [];
  for (const [name, path] of [
    [IDENTITY_FILE, target.identity],
    [RELAY_FILE, target.relay],
  ] as const) {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      sqliteVersions[name] = sqliteSchemaVersion(db);
      const tables = db
        .prepare<[], string>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .pluck()
        .all();
      for (const table of tables)
        counts[table] =
          db.prepare<[], number>(`SELECT count(*) FROM "${table}"`).pluck().get() ?? 0;
      if (name === IDENTITY_FILE) {
        workspace =
          db.prepare<[], string>('SELECT name FROM workspace WHERE id = 1').pluck().get() ?? null;
        // Approval attachments' bytes too [APPR85]; they are never deleted, so no later
        // step drops their records.
        hashes = db
          .prepare<[], string>(
            'SELECT id FROM files UNION SELECT blob FROM approval_files ORDER BY 1',
          )
          .pluck()
          .all();
      }
    } finally {
      db.close();
    }
  }
  const bad = hashes.find((hash) => !/^[0-9a-f]{64}$/.test(hash));
  if (bad) throw new Error(`the files table names ${JSON.stringify(bad)}, which is not a SHA-256`);
  return { counts, sqliteVersions, workspace, hashes };
}

/**
 * Hard-links each named file into the stage (a copy across file systems), so a file
 * deleted from the files directory later still has its bytes here; returns the ones
 * already gone.
 */
function stageFiles(hashes: readonly string[], from: string, to: string): string[] {
  mkdirSync(to);
  const gone: string[] = [];
  for (const hash of hashes) {
    try {
      linkSync(join(from, hash), join(to, hash));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') gone.push(hash);
      else if (code === 'EXDEV' || code === 'EPERM') copyFileSync(join(from, hash), join(to, hash));
      else throw error;
    }
  }
  return gone;
}

/** Which of `hashes` the live store (not the snapshot) still names. */
async function stillNamed(options: BackupOptions, hashes: string[]): Promise<string[]> {
  if (options.databaseUrl) {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    await client.connect();
    try {
      const result = await client.query<{ id: string }>(
        'SELECT DISTINCT id FROM files WHERE id = ANY($1::text[])',
        [hashes],
      );
      return result.rows.map((row) => row.id);
    } finally {
      await client.end();
    }
  }
  const db = new Database(join(resolve(options.dataDir), IDENTITY_FILE), { readonly: true });
  try {
    const named = db.prepare<[string], number>('SELECT 1 FROM files WHERE id = ? LIMIT 1').pluck();
    return hashes.filter((hash) => named.get(hash) !== undefined);
  } finally {
    db.close();
  }
}

/** Removes the records of files deleted since the snapshot from the staged identity copy. */
function dropFileRecords(identityFile: string, hashes: readonly string[]): void {
  const db = new Database(identityFile);
  try {
    const drop = db.prepare('DELETE FROM files WHERE id = ?');
    db.transaction(() => hashes.forEach((hash) => drop.run(hash)))();
  } finally {
    db.close();
  }
}

async function entry(stage: string, name: string): Promise<Entry> {
  const hash = createHash('sha256');
  let size = 0;
  const stream = createReadStream(join(stage, name));
  stream.on('data', (chunk) => {
    hash.update(chunk);
    size += chunk.length;
  });
  await once(stream, 'end');
  return { name, size, sha256: hash.digest('hex') };
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
