import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError, ApiErrorCode, StoredFile } from '../../shared/api/schemas.js';
import { DiskBlobStore } from '../../sync-server/src/files/blob-store.js';
import type { Logger } from '../../sync-server/src/logger.js';
import { MemoryPersistence } from '../../sync-server/src/persistence/memory-persistence.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';
import { waitFor } from '../support/wait-for.js';
import { createRoom, signInOwner, type Person } from '../support/workspace-people.js';

const cleanup = cleanupAfterEach();

/**
 * A real, tiny filesystem: tmpfs limited to 64 KiB. Needs root (CAP_SYS_ADMIN); without
 * it the test fails with the reason instead of skipping.
 */
function tinyDisk(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tiny-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmdirSync(dir);
    throw new Error(`[OPS3] needs a size-limited tmpfs (run as root): mount failed`, {
      cause: error,
    });
  }
  cleanup.push(() => {
    execFileSync('umount', [dir]);
    rmdirSync(dir);
  });
  return dir;
}

async function relayOn(blobDir: string, maxFileBytes: number, log?: Logger): Promise<TestRelay> {
  const r = await startTestRelay({
    persistence: new MemoryPersistence(),
    blobs: new DiskBlobStore(blobDir),
    config: { MAX_FILE_BYTES: maxFileBytes },
    ...(log && { log }),
  });
  cleanup.push(() => r.stop());
  return r;
}

function png(size: number, fill = 0): Uint8Array {
  const bytes = new Uint8Array(size).fill(fill);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes;
}

function upload(r: TestRelay, person: Person, room: string, bytes: Uint8Array, type = 'image/png') {
  return fetch(`${r.httpUrl}/api/rooms/${room}/files`, {
    method: 'POST',
    headers: { 'content-type': type, cookie: person.api.sessionCookie ?? '' },
    body: new Blob([new Uint8Array(bytes)]),
  });
}

/** Sends the headers and part of the body, then drops the connection. */
function abortMidBody(r: TestRelay, person: Person, room: string): Promise<void> {
  return new Promise((resolve) => {
    const req = request(`${r.httpUrl}/api/rooms/${room}/files`, {
      method: 'POST',
      headers: {
        'content-type': 'image/png',
        'content-length': '3000',
        cookie: person.api.sessionCookie ?? '',
      },
    });
    req.on('error', () => resolve());
    req.write(png(1000), () => req.destroy());
  });
}

describe('upload failures leave nothing behind', () => {
  it('[OPS3] an upload that fills the disk answers 507 storage_full and leaves no temporary file', async () => {
    const disk = tinyDisk();
    const r = await relayOn(disk, 1024 * 1024);
    const ann = await signInOwner(r);
    const doc = await createRoom(ann, { workspace: 'write', groups: [], users: [] });

    const response = await upload(r, ann, doc, png(200 * 1024));
    expect(response.status).toBe(507);
    const error = ApiError.parse(await response.json());
    expect(error.code).toBe(ApiErrorCode.storageFull);
    expect(error.message).toMatch(/disk is full/);
    expect(readdirSync(disk)).toEqual([]);

    // The partial file's space was given back: a file that fits is stored.
    const small = await upload(r, ann, doc, png(16 * 1024, 1));
    expect(small.status).toBe(201);
    expect(readdirSync(disk)).toEqual([StoredFile.parse(await small.json()).id]);
  });

  it('[OPS4] an aborted body, a file too large and a wrong type leave no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'blobs-'));
    const failures: string[] = [];
    const log: Logger = {
      debug() {},
      info() {},
      warn() {},
      // The route pattern: a path may hold a secret (an invite token) [METRIC8].
      error: (message, fields) => void failures.push(`${message} ${String(fields?.route)}`),
    };
    const r = await relayOn(dir, 4096, log);
    const ann = await signInOwner(r);
    const doc = await createRoom(ann, { workspace: 'write', groups: [], users: [] });

    await abortMidBody(r, ann, doc);
    await waitFor(() => failures.some((f) => f.endsWith('/files')), {
      what: 'the relay to give up on the aborted upload',
    });
    expect((await upload(r, ann, doc, png(8192))).status).toBe(413);
    expect((await upload(r, ann, doc, png(1000), 'image/gif')).status).toBe(415);
    expect((await upload(r, ann, doc, new TextEncoder().encode('<svg/>'))).status).toBe(415);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('[OPS5] temporary files of a relay that died mid-write are removed when the store opens', () => {
    const dir = mkdtempSync(join(tmpdir(), 'blobs-'));
    const kept = 'a'.repeat(64);
    writeFileSync(join(dir, kept), 'stored blob');
    writeFileSync(join(dir, `${'b'.repeat(64)}.4242.tmp`), 'half a file');

    new DiskBlobStore(dir);
    expect(readdirSync(dir)).toEqual([kept]);
  });
});
