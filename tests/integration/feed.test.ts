import { mkdtempSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirectoryRoom, type RoomAccess } from '../../shared/api/schemas.js';
import { DIRECTORY_DIGEST_HEADER, MAX_LIST, type Head } from '../../shared/protocol/mux.js';
import { SqliteIdentityStore } from '../../sync-server/src/auth/identity/sqlite/sqlite-identity-store.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { openMuxSocket, type MuxTestSocket } from '../support/mux-socket.js';
import { startTestRelay, tempIdentityFile, type TestRelay } from '../support/test-relay.js';
import { waitFor } from '../support/wait-for.js';
import { createRoom, invitePerson, signInOwner, type Person } from '../support/workspace-people.js';

const cleanup = cleanupAfterEach();

function tempFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'feed-')), 'relay.sqlite');
}

async function relay(file = tempFile(), identityFile = tempIdentityFile()): Promise<TestRelay> {
  const r = await startTestRelay({ persistence: new SqlitePersistence({ file }), identityFile });
  cleanup.push(() => r.stop());
  return r;
}

async function muxOf(r: TestRelay, person: Person): Promise<MuxTestSocket> {
  const socket = await openMuxSocket(`${r.wsUrl}?v=2&token=${await person.api.token()}`);
  cleanup.push(() => socket.close());
  return socket;
}

/** A device saying hello; resolves with the complete answer. */
async function hello(socket: MuxTestSocket, feedId = '', cursor = 0, directory = '') {
  socket.send({ kind: 'hello', feedId, cursor, directory });
  return socket.next('feed', (f) => f.complete);
}

/** Writes `text` into each part through `socket` and waits until all are confirmed. */
async function write(socket: MuxTestSocket, parts: string[], text = 'x'): Promise<void> {
  const rooms = parts.map((part) => socket.sync(part));
  await Promise.all(rooms.map((room) => room.synced()));
  for (const room of rooms) room.doc.getText('t').insert(0, text);
  await Promise.all(rooms.map((room) => room.allConfirmed()));
  for (const part of parts) socket.send({ kind: 'unsubscribe', room: part });
}

async function directoryOf(person: Person) {
  const answer = await person.api.call<unknown>('GET', '/rooms');
  return {
    rooms: DirectoryRoom.array().parse(answer.body),
    digest: answer.headers.get(DIRECTORY_DIGEST_HEADER) ?? '',
  };
}

const rooms = (heads: readonly Head[]) => heads.map((h) => h.room).sort();
const open: RoomAccess = { workspace: 'write', groups: [], users: [] };
const closed: RoomAccess = { workspace: 'none', groups: [], users: [] };

describe('[FEED1] hello', () => {
  it('a new device gets every readable part; back from offline, exactly the parts that advanced', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const member = await invitePerson(r, owner);
    const [x, y, secret] = [
      await createRoom(owner, open),
      await createRoom(owner, open),
      await createRoom(owner, closed),
    ];
    const writer = await muxOf(r, owner);
    await write(writer, [x, `${x}:2024-05`, y, secret]);

    const device = await muxOf(r, member);
    const first = await hello(device);
    expect(rooms(first.heads)).toEqual([x, `${x}:2024-05`, y].sort());
    device.close();

    await write(writer, [`${x}:2024-05`, secret, `${y}:new`]);
    const back = await muxOf(r, member);
    const answer = await hello(back, first.feedId, first.cursor);
    expect(answer.feedId).toBe(first.feedId);
    expect(rooms(answer.heads)).toEqual([`${x}:2024-05`, `${y}:new`].sort());
    expect(answer.cursor).toBeGreaterThan(first.cursor);
    for (const head of answer.heads) expect(head.head).toBeGreaterThan(first.cursor);
    // Up to date: nothing.
    expect((await hello(await muxOf(r, member), answer.feedId, answer.cursor)).heads).toEqual([]);
  });

  it('a directory frame follows the answer only when the digest of GET /api/rooms differs', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    await createRoom(owner, open);
    const { rooms: listed, digest } = await directoryOf(owner);
    expect(listed.length).toBeGreaterThan(0);
    expect(digest).toMatch(/^[0-9a-f]{16}$/);
    const current = await muxOf(r, owner);
    await hello(current, '', 0, digest);
    const stale = await muxOf(r, owner);
    await hello(stale, '', 0, 'stale');
    await stale.next('directory');
    // The current one got none: by the time the stale one has its frame, both answers are out.
    expect(current.all('directory')).toEqual([]);
    expect(stale.frames.map((f) => f.kind)).toEqual(['feed', 'directory']);
  });

  it('after the database is swapped (new feed id), an old cursor gets everything', async () => {
    const identityFile = tempIdentityFile();
    const first = await relay(tempFile(), identityFile);
    const owner = await signInOwner(first);
    const room = await createRoom(owner, open);
    await write(await muxOf(first, owner), [room, `${room}:a`]);
    const before = await hello(await muxOf(first, owner));
    await first.stop();

    // A restored backup that has the room, but counts its feed afresh.
    const second = await relay(tempFile(), identityFile);
    const again = await signInOwner(second);
    await write(await muxOf(second, again), [room, `${room}:a`]);
    const answer = await hello(await muxOf(second, again), before.feedId, before.cursor + 100);
    expect(answer.feedId).not.toBe(before.feedId);
    expect(rooms(answer.heads)).toEqual([room, `${room}:a`].sort());
  });

  it('an answer of more than MAX_LIST heads comes in several frames, only the last complete', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const big = await createRoom(owner, open);
    const update = new Uint8Array([0, 0]); // an empty Yjs update
    const parts = Array.from({ length: MAX_LIST + 1 }, (_, i) => ({ room: `${big}:${i}`, update }));
    await r.persistence.append(parts);
    const socket = await muxOf(r, owner);
    const answer = await hello(socket);
    const [first, last] = socket.all('feed');
    expect(first).toMatchObject({ complete: false, cursor: 0 });
    expect(first?.heads).toHaveLength(MAX_LIST);
    expect(last).toBe(answer);
    expect(answer.heads).toHaveLength(1);
    expect(answer.cursor).toBe((await r.persistence.feed()).position);
  });
});

describe('[FEED2] live notices', () => {
  it('one frame per connection per commit, to readers only, whether or not they subscribed', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const reader = await invitePerson(r, owner);
    const outsider = await invitePerson(r, owner);
    const shared = await createRoom(owner, {
      workspace: 'none',
      groups: [],
      users: [{ id: reader.id, level: 'read' }],
    });
    const mine = await createRoom(owner, closed);
    const [readerSocket, outsiderSocket, silent] = [
      await muxOf(r, reader),
      await muxOf(r, outsider),
      await muxOf(r, reader),
    ];
    await hello(readerSocket);
    await hello(outsiderSocket);
    const writer = await muxOf(r, owner);
    const parts = [shared, `${shared}:a`, `${shared}:b`, mine];
    const docs = parts.map((part) => writer.sync(part));
    await Promise.all(docs.map((d) => d.synced()));
    const from = readerSocket.frames.length;

    // All four parts' updates leave in one write, so they land in one group commit.
    const tcp = (writer.ws as unknown as { _socket: Socket })._socket;
    tcp.cork();
    for (const d of docs) d.doc.getText('t').insert(0, 'news');
    tcp.uncork();
    await Promise.all(docs.map((d) => d.allConfirmed()));
    const notice = await readerSocket.next('feed', (f) => f.heads.length > 0, from);
    expect(rooms(notice.heads)).toEqual([shared, `${shared}:a`, `${shared}:b`].sort());
    expect(new Set(notice.heads.map((h) => h.head))).toEqual(new Set([notice.cursor]));
    expect(readerSocket.all('feed').slice(1)).toHaveLength(1);

    // A barrier everyone reads: once it arrived, every earlier notice has too.
    const barrier = await createRoom(owner, { workspace: 'read', groups: [], users: [] });
    await write(writer, [barrier]);
    await outsiderSocket.next('feed', (f) => f.heads.some((h) => h.room === barrier));
    await readerSocket.next('feed', (f) => f.heads.some((h) => h.room === barrier));
    expect(
      outsiderSocket
        .all('feed')
        .slice(1)
        .flatMap((f) => rooms(f.heads)),
    ).toEqual([barrier]);
    // No hello, no feed.
    expect(silent.all('feed')).toEqual([]);
  });
});

describe('[FEED3] directory notices and heads requests', () => {
  it('a DM that includes B sends B a directory frame at once, then its heads on request; others hear nothing', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const b = await invitePerson(r, owner);
    const c = await invitePerson(r, owner);
    const bSocket = await muxOf(r, b);
    const cSocket = await muxOf(r, c);
    await hello(bSocket, '', 0, (await directoryOf(b)).digest);
    await hello(cSocket, '', 0, (await directoryOf(c)).digest);

    const dm = `dm-${Date.now().toString(36)}`;
    await owner.api.call('POST', '/rooms', {
      id: dm,
      kind: 'dm',
      title: 'Owner and B',
      access: { workspace: 'none', groups: [], users: [{ id: b.id, level: 'write' }] },
    });
    await bSocket.next('directory');
    const writer = await muxOf(r, owner);
    await write(writer, [dm, `${dm}:2024-05`]);
    const listed = await directoryOf(b);
    expect(listed.rooms.map((room) => room.id)).toContain(dm);

    const from = bSocket.frames.length;
    bSocket.send({ kind: 'heads', roomIds: [dm, 'no-such-room', 'scratchpad'] });
    const answer = await bSocket.next('feed', (f) => !f.complete, from);
    expect(rooms(answer.heads)).toEqual([dm, `${dm}:2024-05`].sort());
    // C may not read the DM: asking for it looks like asking for nothing.
    const cFrom = cSocket.frames.length;
    cSocket.send({ kind: 'heads', roomIds: [dm] });
    expect((await cSocket.next('feed', () => true, cFrom)).heads).toEqual([]);
    expect(cSocket.all('directory')).toEqual([]);
  });

  it('renaming reaches the readers of the room, a favourite only its person', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const reader = await invitePerson(r, owner);
    const other = await invitePerson(r, owner);
    const room = await createRoom(owner, {
      workspace: 'none',
      groups: [],
      users: [{ id: reader.id, level: 'read' }],
    });
    const sockets = await Promise.all([owner, reader, other].map((p) => muxOf(r, p)));
    const people = [owner, reader, other];
    for (const [i, s] of sockets.entries()) {
      const person = people[i] as Person;
      await hello(s, '', 0, (await directoryOf(person)).digest);
    }
    const [ownerSocket, readerSocket, otherSocket] = sockets as [
      MuxTestSocket,
      MuxTestSocket,
      MuxTestSocket,
    ];
    await owner.api.call('PATCH', `/rooms/${room}`, { title: 'Renamed' });
    await readerSocket.next('directory');
    await ownerSocket.next('directory');
    await reader.api.call('PUT', `/rooms/${room}/favourite`, { favourite: true });
    await waitFor(() => readerSocket.all('directory').length === 2, { what: 'favourite' });
    expect(ownerSocket.all('directory')).toHaveLength(1);
    expect(otherSocket.all('directory')).toEqual([]);
  });

  it('an access change made by another process (the operator command line) reaches the new reader', async () => {
    const identityFile = tempIdentityFile();
    const r = await relay(tempFile(), identityFile);
    const owner = await signInOwner(r);
    const b = await invitePerson(r, owner);
    const room = await createRoom(owner, closed);
    const socket = await muxOf(r, b);
    await hello(socket, '', 0, (await directoryOf(b)).digest);
    const cli = new SqliteIdentityStore(identityFile);
    await cli.transaction(async (tx) => {
      await tx.rooms.setGrants(room, [], [[b.id, 'read']]);
      await tx.workspace.bumpEpoch();
    });
    await cli.close();
    await socket.next('directory');
    expect((await directoryOf(b)).rooms.map((x) => x.id)).toContain(room);
  });
});
