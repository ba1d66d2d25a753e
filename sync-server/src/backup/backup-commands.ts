import { join, resolve } from 'node:path';
import { describeMigration } from '../migrate/migration-summary.js';
import { createBackup } from './create-backup.js';
import { BackupDamaged, type Manifest } from './manifest.js';
import { restoreBackup } from './restore-backup.js';

export interface BackupEnvironment {
  DATA_DIR?: string | undefined;
  FILES_DIR?: string | undefined;
  DATABASE_URL?: string | undefined;
}

/**
 * `backup FILE` and `restore FILE` of the operator command line. They run before the
 * command line opens any store: a backup must not create anything in DATA_DIR (nor
 * take its lock: the relay holds it), and a restore needs DATA_DIR new or empty.
 */
export async function runBackupCommand(
  command: 'backup' | 'restore',
  file: string | undefined,
  env: BackupEnvironment,
): Promise<string> {
  if (!file) throw new Error(`usage: npm run admin -- ${command} FILE`);
  const dataDir = resolve(env.DATA_DIR ?? './data');
  if (command === 'backup') {
    const report = await createBackup({
      dataDir,
      filesDir: env.FILES_DIR ?? join(dataDir, 'files'),
      databaseUrl: env.DATABASE_URL,
      file,
    });
    return [
      `backed up ${describe(report.manifest)} to ${report.file}: ${report.bytes} bytes in ${(report.ms / 1000).toFixed(1)} s`,
      `holds ${counts(report.manifest)}`,
      ...report.damaged.map(
        (hash) =>
          `warning: uploaded file ${hash} was already damaged (its bytes do not match its name); archived as it is`,
      ),
      'check: the archive was read back and every entry matches its SHA-256 in the manifest',
    ].join('\n');
  }
  try {
    const report = await restoreBackup({
      file,
      dataDir,
      filesDir: env.FILES_DIR,
      databaseUrl: env.DATABASE_URL,
    });
    const head = `restored ${describe(report.manifest)} (made ${report.manifest.createdAt} by relay ${report.manifest.relayVersion})`;
    return 'dataDir' in report.into
      ? `${head} into DATA_DIR ${report.into.dataDir}\nholds ${counts(report.manifest)}\nstart the relay on it`
      : `${head} into the database at DATABASE_URL\n${describeMigration(report.into.migration)}`;
  } catch (error) {
    if (error instanceof BackupDamaged)
      throw new Error(`cannot restore ${file}: ${error.message}; nothing was restored`);
    throw error;
  }
}

function describe(manifest: Manifest): string {
  return `workspace ${manifest.workspace === null ? '(none yet)' : `"${manifest.workspace}"`} (${manifest.mode} mode)`;
}

const SHOWN: Record<string, string> = {
  users: 'people',
  sessions: 'sessions',
  rooms: 'rooms',
  room_grants: 'access grants',
  heads: 'document rooms',
  updates: 'log entries',
  snapshots: 'snapshots',
  'uploaded files': 'uploaded files',
};

function counts(manifest: Manifest): string {
  return Object.entries(SHOWN)
    .map(([key, label]) => `${manifest.counts[key] ?? 0} ${label}`)
    .join(', ');
}
