/**
 * One relay per data directory ([OPS1], [OPS2] in shared/protocol/SECURITY.md).
 *
 * Two relays on one DATA_DIR each hold their own Y.Docs and write the same SQLite
 * files: their commits interleave and an edit one relay confirmed can be replaced by
 * the other's state. The relay therefore holds a lock on DATA_DIR for its lifetime.
 *
 * Why a SQLite database and not a pid file: a pid file outlives a relay killed with
 * SIGKILL (or a power cut) and then blocks the next start, or is "repaired" by
 * guessing whether the pid is still ours. `DATA_DIR/relay.lock` is a tiny SQLite
 * database opened with `locking_mode = EXCLUSIVE` and kept inside an open
 * `BEGIN EXCLUSIVE` transaction: SQLite takes an OS file lock (fcntl on Linux), which
 * the kernel drops when the process dies however it dies, so a lock is never stale.
 * better-sqlite3 is already a dependency; no new library, no hand-rolled locking.
 * The operator CLI never takes this lock: it is documented to work beside a running
 * relay, and identity.sqlite's own WAL locking keeps the two consistent.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';

export const LOCK_FILE = 'relay.lock';

/** Another process holds DATA_DIR; the message names the directory for the operator. */
export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `another relay is already running on DATA_DIR ${dataDir} (it holds ${join(dataDir, LOCK_FILE)}); ` +
        'stop it first, or give this relay its own DATA_DIR',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  /** Lets the next relay in; the OS does the same if this process dies. */
  release(): void;
}

/** Takes the lock on `dataDir` (which must exist) or throws DataDirLockedError at once. */
export function lockDataDir(dataDir: string): DataDirLock {
  const db = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (isBusy(error)) throw new DataDirLockedError(dataDir);
    throw error;
  }
  return {
    release() {
      if (!db.open) return;
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
