import { describe, expect, it } from 'vitest';
import { StoredFile } from '../../shared/api/schemas.js';
import { MemoryPersistence } from '../../sync-server/src/persistence/memory-persistence.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';
import { createRoom, invitePerson, signInOwner, type Person } from '../support/workspace-people.js';

const cleanup = cleanupAfterEach();

async function relay(maxFileBytes = 1024): Promise<TestRelay> {
  const r = await startTestRelay({
    persistence: new MemoryPersistence(),
    config: { MAX_FILE_BYTES: maxFileBytes },
  });
  cleanup.push(() => r.stop());
  return r;
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

function upload(r: TestRelay, person: Person, room: string, bytes: Uint8Array, type = 'image/png') {
  return fetch(`${r.httpUrl}/api/rooms/${room}/files`, {
    method: 'POST',
    headers: {
      'content-type': type,
      'x-file-name': encodeURIComponent('plan ü.png'),
      cookie: person.api.sessionCookie ?? '',
    },
    body: new Blob([new Uint8Array(bytes)]),
  });
}

function download(r: TestRelay, person: Person, url: string) {
  return fetch(`${r.httpUrl}${url}`, { headers: { cookie: person.api.sessionCookie ?? '' } });
}

describe('room file store', () => {
  it('[FILE1] a writer uploads, a reader downloads the same bytes with long caching and nosniff', async () => {
    const r = await relay();
    const ann = await signInOwner(r);
    const bob = await invitePerson(r, ann);
    const doc = await createRoom(ann, { workspace: 'read', groups: [], users: [] });
    const response = await upload(r, ann, doc, PNG);
    expect(response.status).toBe(201);
    const stored = StoredFile.parse(await response.json());
    expect(stored).toMatchObject({
      contentType: 'image/png',
      size: PNG.length,
      name: 'plan ü.png',
    });

    const got = await download(r, bob, stored.url);
    expect(got.status).toBe(200);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PNG);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('cache-control')).toContain('max-age=31536000');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('[FILE2] readers cannot upload; people without access get 404 for upload and download', async () => {
    const r = await relay();
    const ann = await signInOwner(r);
    const bob = await invitePerson(r, ann);
    const readable = await createRoom(ann, { workspace: 'read', groups: [], users: [] });
    const secret = await createRoom(ann, { workspace: 'none', groups: [], users: [] });
    expect((await upload(r, bob, readable, PNG)).status).toBe(403);
    expect((await upload(r, bob, secret, PNG)).status).toBe(404);

    const stored = StoredFile.parse(await (await upload(r, ann, secret, PNG)).json());
    expect((await download(r, bob, stored.url)).status).toBe(404);
    // The same bytes uploaded to another room do not open the secret room's copy.
    await upload(r, ann, readable, PNG);
    expect((await download(r, bob, stored.url)).status).toBe(404);
    expect((await download(r, bob, `/api/rooms/${readable}/files/${stored.id}`)).status).toBe(200);
    const anonymous = await fetch(`${r.httpUrl}${stored.url}`);
    expect(anonymous.status).toBe(401);
  });

  it('[FILE3] refuses files over MAX_FILE_BYTES, unknown types, and content that is not what it claims', async () => {
    const r = await relay(64);
    const ann = await signInOwner(r);
    const doc = await createRoom(ann, { workspace: 'none', groups: [], users: [] });
    const big = new Uint8Array(200);
    big.set(PNG);
    const tooBig = await upload(r, ann, doc, big);
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ code: 'invalid_input' });

    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    expect((await upload(r, ann, doc, html, 'text/html')).status).toBe(415);
    expect((await upload(r, ann, doc, html, 'image/png')).status).toBe(415);
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect((await upload(r, ann, doc, svg, 'image/svg+xml')).status).toBe(415);
    expect((await upload(r, ann, doc, PNG, 'image/jpeg')).status).toBe(415);
    expect((await upload(r, ann, doc, new Uint8Array(), 'image/png')).status).toBe(400);
  });
});
