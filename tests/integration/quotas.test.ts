import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StoredFile } from '../../shared/api/schemas.js';
import { DiskBlobStore } from '../../sync-server/src/files/blob-store.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { admin } from '../support/admin-cli.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';
import { createRoom, invitePerson, signInOwner, type Person } from '../support/workspace-people.js';

const cleanup = cleanupAfterEach();

const Usage = z.object({
  documents: z.number(),
  files: z.number(),
  total: z.number(),
  byPerson: z.record(z.string(), z.number()),
});

/** A valid PNG of exactly `size` bytes, different each time. */
function png(size: number): Uint8Array {
  const bytes = randomBytes(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(bytes);
}

function upload(r: TestRelay, person: Person, room: string, bytes: Uint8Array) {
  return fetch(`${r.httpUrl}/api/rooms/${room}/files`, {
    method: 'POST',
    headers: { 'content-type': 'image/png', cookie: person.api.sessionCookie ?? '' },
    body: new Blob([new Uint8Array(bytes)]),
  });
}

async function relayWithQuotas(workspace: number, person: number) {
  const dir = mkdtempSync(join(tmpdir(), 'quota-'));
  const filesDir = join(dir, 'files');
  const r = await startTestRelay({
    persistence: new SqlitePersistence({ file: join(dir, 'relay.sqlite') }),
    blobs: new DiskBlobStore(filesDir),
    identityFile: join(dir, 'identity.sqlite'),
    config: { WORKSPACE_STORAGE_QUOTA_BYTES: workspace, UPLOAD_QUOTA_BYTES_PER_PERSON: person },
  });
  cleanup.push(() => r.stop());
  const owner = await signInOwner(r);
  const room = await createRoom(owner, { workspace: 'write', groups: [], users: [] });
  return { r, owner, room, filesDir, dir };
}

describe('storage quotas', () => {
  it("[QUOTA2][QUOTA3] an upload over the person's quota is refused with scope, use and limit; deleting a file gives its bytes back", async () => {
    const { r, owner, room, filesDir, dir } = await relayWithQuotas(0, 1000);
    const firstBytes = png(600);
    const first = await upload(r, owner, room, firstBytes);
    expect(first.status).toBe(201);
    const stored = StoredFile.parse(await first.json());
    const refused = await upload(r, owner, room, png(500));
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({
      code: 'quota_exceeded',
      scope: 'person',
      used: 600,
      limit: 1000,
    });
    expect(readdirSync(filesDir)).toHaveLength(1);
    // Another person has a quota of their own.
    const member = await invitePerson(r, owner);
    expect((await upload(r, member, room, png(500))).status).toBe(201);
    // The same bytes again are stored already: they cost nothing more.
    expect((await upload(r, owner, room, firstBytes)).status).toBe(201);
    const deleted = await owner.api.call('DELETE', `/rooms/${room}/files/${stored.id}`);
    expect(deleted.status).toBe(200);
    expect(readdirSync(filesDir)).toHaveLength(1);
    expect((await upload(r, owner, room, png(500))).status).toBe(201);
    const usage = await owner.api.ok(Usage, 'GET', '/usage');
    expect(usage.byPerson).toEqual({ [owner.id]: 500, [member.id]: 500 });
    expect(usage.files).toBe(1000);
    // The operator's view, from the command line beside the running relay.
    const { stdout } = await admin(dir, 'usage');
    expect(stdout).toContain('files\t1000 bytes');
    expect(stdout).toContain(`documents\t${usage.documents} bytes`);
    expect(stdout).toContain(`${owner.email}\t500 bytes`);
    expect(stdout).toContain(`${member.email}\t500 bytes`);
  });

  it('[QUOTA1][QUOTA4] documents and files count toward the workspace quota; uploads over it are refused with 507, document edits never are', async () => {
    const { r, owner, room } = await relayWithQuotas(4000, 0);
    const client = r.client('quota-doc', { confirm: true });
    cleanup.push(() => client.destroy());
    client.doc.getText('t').insert(0, 'x'.repeat(3000));
    await client.allConfirmed();
    const before = await owner.api.ok(Usage, 'GET', '/usage');
    expect(before.documents).toBeGreaterThanOrEqual(3000);
    expect(before.total).toBe(before.documents + before.files);
    const refused = await upload(r, owner, room, png(1500));
    expect(refused.status).toBe(507);
    expect(await refused.json()).toMatchObject({
      code: 'quota_exceeded',
      scope: 'workspace',
      used: before.total,
      limit: 4000,
    });
    // Over the quota, edits are still stored and confirmed [QUOTA4].
    client.doc.getText('t').insert(0, 'y'.repeat(2000));
    await client.allConfirmed();
    const after = await owner.api.ok(Usage, 'GET', '/usage');
    expect(after.documents).toBeGreaterThan(4000);
    expect(after.files).toBe(0);
    // Only admins see the usage.
    const member = await invitePerson(r, owner);
    expect((await member.api.call('GET', '/usage')).status).toBe(403);
  });
});
