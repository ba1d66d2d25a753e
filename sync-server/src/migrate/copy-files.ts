import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DiskBlobStore } from '../files/blob-store.js';

const HASH = /^[0-9a-f]{64}$/;

export interface FilesCopied {
  copied: number;
  /** Already in the shared directory with the right content (a rerun, or shared bytes). */
  skipped: number;
  bytes: number;
  /**
   * Files the metadata names that DATA_DIR does not hold intact (missing, or bytes
   * other than their name says): already broken before the move, so reported, not
   * copied, and not a reason to stop.
   */
  damaged: string[];
}

/** A file did not read back from the shared directory as it was written. */
export class FileCopyError extends Error {}

/**
 * Copies the uploaded files `hashes` from `from` (DATA_DIR/files) into the shared
 * directory `to`, under the same content-addressed names, through the relay's own
 * DiskBlobStore (temporary file, fsync, rename). A file already there with the right
 * hash is left alone, so a rerun copies only what is missing; one there with other
 * bytes (a torn copy made by hand) is replaced. Every file is read back and hashed.
 */
export async function copyFiles(
  hashes: readonly string[],
  from: string,
  to: string,
): Promise<FilesCopied> {
  const blobs = new DiskBlobStore(to);
  const result: FilesCopied = { copied: 0, skipped: 0, bytes: 0, damaged: [] };
  for (const hash of hashes) {
    if (!HASH.test(hash)) {
      result.damaged.push(`file id ${JSON.stringify(hash)} is not a SHA-256 digest`);
      continue;
    }
    const source = join(from, hash);
    if (!existsSync(source)) {
      result.damaged.push(`${source} is missing`);
      continue;
    }
    const bytes = readFileSync(source);
    if (sha256(bytes) !== hash) {
      result.damaged.push(`${source} does not hold the content its name (SHA-256) says`);
      continue;
    }
    result.bytes += bytes.length;
    const stored = await blobs.get(hash);
    if (stored && sha256(stored) === hash) {
      result.skipped++;
      continue;
    }
    if (stored) rmSync(join(to, hash));
    await blobs.put(hash, bytes);
    const written = await blobs.get(hash);
    if (!written || sha256(written) !== hash)
      throw new FileCopyError(`uploaded file ${hash} did not read back the same from ${to}`);
    result.copied++;
  }
  return result;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
