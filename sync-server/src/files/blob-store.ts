import {
  mkdirSync,
  renameSync,
  writeFileSync,
  readFileSync,
  existsSync,
  openSync,
  fsyncSync,
  closeSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * Where uploaded file bytes live, addressed by their SHA-256 (hex). A plug-in
 * point like Persistence: memory for tests, a directory for the real relay.
 */
export interface BlobStore {
  put(hash: string, bytes: Uint8Array): Promise<void>;
  get(hash: string): Promise<Uint8Array | null>;
  /** Removes the bytes (a missing blob is not an error) [RETAIN5][QUOTA3]. */
  delete(hash: string): Promise<void>;
}

export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Uint8Array>();

  put(hash: string, bytes: Uint8Array): Promise<void> {
    this.blobs.set(hash, bytes);
    return Promise.resolve();
  }

  get(hash: string): Promise<Uint8Array | null> {
    return Promise.resolve(this.blobs.get(hash) ?? null);
  }

  delete(hash: string): Promise<void> {
    this.blobs.delete(hash);
    return Promise.resolve();
  }
}

/** The disk (or the quota) is full: nothing was stored, and nothing was left behind. */
export class StorageFullError extends Error {
  constructor(cause: unknown) {
    super('no space left to store the file', { cause });
    this.name = 'StorageFullError';
  }
}

const TEMP_SUFFIX = '.tmp';
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

/**
 * One file per blob under `dir` (DATA_DIR/files), written to a temporary file, fsynced,
 * then renamed into place, so a reader never sees half a file ([OPS3]). Any failure
 * removes the temporary file before it is reported; a full disk is reported as
 * StorageFullError. Temporary files of a relay that died mid-write are swept at start:
 * the DATA_DIR lock ([OPS1]) guarantees no other relay is writing them.
 */
export class DiskBlobStore implements BlobStore {
  /**
   * `sweep: false` for a reader beside a running relay (the operator's export), which
   * must not delete the relay's files being written.
   */
  constructor(
    private readonly dir: string,
    { sweep = true }: { sweep?: boolean } = {},
  ) {
    mkdirSync(dir, { recursive: true });
    if (!sweep) return;
    for (const name of readdirSync(dir)) {
      if (name.endsWith(TEMP_SUFFIX)) rmSync(join(dir, name), { force: true });
    }
  }

  private path(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('not a SHA-256 hex digest');
    return join(this.dir, hash);
  }

  put(hash: string, bytes: Uint8Array): Promise<void> {
    const path = this.path(hash);
    if (existsSync(path)) return Promise.resolve();
    const temp = `${path}.${process.pid}${TEMP_SUFFIX}`;
    try {
      writeFileSync(temp, bytes);
      // Durable before the metadata row that points at it is committed.
      const fd = openSync(temp, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, path);
    } catch (error) {
      rmSync(temp, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code && FULL_CODES.has(code)) return Promise.reject(new StorageFullError(error));
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return Promise.resolve();
  }

  get(hash: string): Promise<Uint8Array | null> {
    const path = this.path(hash);
    return Promise.resolve(existsSync(path) ? readFileSync(path) : null);
  }

  delete(hash: string): Promise<void> {
    try {
      rmSync(this.path(hash), { force: true });
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
