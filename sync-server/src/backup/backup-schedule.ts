/**
 * Scheduled backups ([BACKUP7]..[BACKUP9]): with BACKUP_DIR set, a backup every
 * BACKUP_INTERVAL_HOURS into BACKUP_DIR, keeping the newest BACKUP_KEEP.
 *
 * Backups fall on fixed slots of wall-clock time (multiples of the interval since
 * 1970), so relays of the scaled mode agree on which backup is due without talking;
 * each slot's backup is taken by the relay that wins the bus lease `backup:<slot>`
 * (Redis; the embedded mode's LocalBus always grants it). The winner keeps the lease
 * for the whole slot, so a relay whose timer fires later in that slot finds it taken;
 * a backup that fails gives it back, so another relay may try. Old archives are
 * deleted only after the new one is complete and checked (the backup command writes
 * under a temporary name and renames only then): a failed backup deletes nothing.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bus } from '../bus/bus.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

/** Archives the schedule made: sorting by name sorts by time. */
const ARCHIVE = /^backup-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.tar\.gz$/;

/** BACKUP_DIR cannot take a backup; main.ts prints it and exits 1. */
export class BackupDirError extends Error {}

/**
 * Creates BACKUP_DIR if needed and proves it takes a file by writing and removing
 * one: permissions, a read-only mount or a full disk show up here, at start, and
 * not on the first night's backup.
 */
export function checkBackupDir(dir: string): void {
  const probe = join(dir, `.write-check-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, 'backup directory check\n');
    rmSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new BackupDirError(
      `BACKUP_DIR ${dir} is not writable (${code}): give the relay a directory it can write backups to, or unset BACKUP_DIR`,
    );
  }
}

export interface BackupScheduleOptions {
  dir: string;
  intervalMs: number;
  keep: number;
  bus: Pick<Bus, 'lease'>;
  clock: Clock;
  log: Logger;
  /** Writes a complete, checked archive at `file`, or rejects leaving nothing there. */
  backup(file: string): Promise<void>;
}

export function archiveName(at: number): string {
  return `backup-${new Date(at).toISOString().replace(/[:.]/g, '-')}.tar.gz`;
}

/** Starts the schedule; the returned function stops it (a backup under way finishes). */
export function startBackupSchedule(options: BackupScheduleOptions): () => void {
  const { intervalMs, clock } = options;
  let cancel = () => {};
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    const slot = Math.floor(clock.now() / intervalMs) + 1;
    cancel = clock.setTimeout(() => void due(slot).finally(arm), slot * intervalMs - clock.now());
  };
  const due = async (slot: number) => {
    const lease = await options.bus.lease(`backup:${slot}`, intervalMs);
    if (!lease) return;
    const file = join(options.dir, archiveName(clock.now()));
    try {
      await options.backup(file);
      options.log.info('backup written', { file });
    } catch (error) {
      await lease.release();
      options.log.error('scheduled backup failed; older backups kept', { file, error });
      return;
    }
    rotate(options.dir, options.keep, options.log);
  };
  arm();
  return () => {
    stopped = true;
    cancel();
  };
}

/** Deletes all but the newest `keep` archives of the schedule; other files are never touched. */
export function rotate(dir: string, keep: number, log: Logger): void {
  const archives = readdirSync(dir)
    .filter((name) => ARCHIVE.test(name))
    .sort();
  for (const name of archives.slice(0, Math.max(0, archives.length - keep))) {
    try {
      rmSync(join(dir, name));
    } catch (error) {
      log.warn('old backup not deleted', { file: join(dir, name), error });
    }
  }
}
