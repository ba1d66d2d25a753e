import {
  mkdirSync,
  renameSync,
  writeFileSync,
  readFileSync,
  existsSync,
  openSync,
  fsyncSync,
  closeSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * Where uploaded file bytes live, addressed by their SHA-256 (hex). A plug-in
 * point like Persistence: memory for tests, a directory for the real relay.
 */
export interface BlobStore {
  put(hash: string, bytes: Uint8Array): Promise<void>;
  get(hash: string): Promise<Uint8Array | null>;
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
}

/** One file per blob under `dir` (DATA_DIR/files), written whole then renamed into place. */
export class DiskBlobStore implements BlobStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  private path(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('not a SHA-256 hex digest');
    return join(this.dir, hash);
  }

  put(hash: string, bytes: Uint8Array): Promise<void> {
    const path = this.path(hash);
    if (existsSync(path)) return Promise.resolve();
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, bytes);
    // Durable before the metadata row that points at it is committed.
    const fd = openSync(temp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, path);
    return Promise.resolve();
  }

  get(hash: string): Promise<Uint8Array | null> {
    const path = this.path(hash);
    return Promise.resolve(existsSync(path) ? readFileSync(path) : null);
  }
}
