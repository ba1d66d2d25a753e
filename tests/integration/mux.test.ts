import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { RoomAccess } from '../../shared/api/schemas.js';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { SyncMessageType } from '../../shared/protocol/message-types.js';
import { encodeMux, MuxKind } from '../../shared/protocol/mux.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { syncFrame } from '../../sync-server/src/rooms/room.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { nestedMaps } from '../support/hostile-updates.js';
import { openMuxSocket, type MuxTestSocket } from '../support/mux-socket.js';
import { openRawSocket } from '../support/raw-socket.js';
import { createTestClient } from '../support/test-client.js';
import { startTestRelay, type TestRelay, type TestRelayOptions } from '../support/test-relay.js';
import { waitFor } from '../support/wait-for.js';
import { createRoom, invitePerson, signInOwner, type Person } from '../support/workspace-people.js';

const cleanup = cleanupAfterEach();

async function relay(config: TestRelayOptions['config'] = {}): Promise<TestRelay> {
  const file = join(mkdtempSync(join(tmpdir(), 'mux-')), 'relay.sqlite');
  const r = await startTestRelay({ persistence: new SqlitePersistence({ file }), config });
  cleanup.push(() => r.stop());
  return r;
}

async function muxOf(r: TestRelay, person: Person): Promise<MuxTestSocket> {
  const socket = await openMuxSocket(`${r.wsUrl}?v=2&token=${await person.api.token()}`);
  cleanup.push(() => socket.close());
  return socket;
}

/** What the relay answers an upgrade of `url`: an HTTP status, or the close of an accepted socket. */
function upgrade(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number } | { code: number }>((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('close', (code) => resolve({ code }));
    ws.on('error', () => {});
  });
}

const text = (doc: Y.Doc) => doc.getText('t').toString();
const open: RoomAccess = { workspace: 'write', groups: [], users: [] };
const closed: RoomAccess = { workspace: 'none', groups: [], users: [] };

describe('[MUX1] version 2 endpoint', () => {
  it('checks the token before the upgrade (401) and closes any version but 2 with 4426', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const token = await owner.api.token();
    expect(await upgrade(`${r.wsUrl}?v=2`)).toEqual({ status: 401 });
    expect(await upgrade(`${r.wsUrl}?v=2&token=garbage`)).toEqual({ status: 401 });
    expect(await upgrade(`${r.wsUrl}?token=${token}`)).toEqual({
      code: CloseCode.unsupportedProtocolVersion,
    });
    expect(await upgrade(`${r.wsUrl}?v=1&token=${token}`)).toEqual({
      code: CloseCode.unsupportedProtocolVersion,
    });
    // `/sync/` is still a version 1 request with an empty room name [BAD4].
    expect(await upgrade(`${r.wsUrl}/?v=2&token=${token}`)).toEqual({
      code: CloseCode.invalidRoomName,
    });
    // Scripts may send the token as a bearer header.
    const socket = await openMuxSocket(`${r.wsUrl}?v=2`).catch((e: Error) => e);
    expect(socket).toBeInstanceOf(Error);
    const ws = new WebSocket(`${r.wsUrl}?v=2`, { headers: { authorization: `Bearer ${token}` } });
    cleanup.push(() => ws.close());
    const frames: Uint8Array[] = [];
    ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(encodeMux({ kind: 'hello', feedId: '', cursor: 0, directory: '' }));
    await waitFor(() => frames[0]?.[0] === MuxKind.feed, { what: 'the hello answer' });
  });
});

describe('[MUX2] subscriptions', () => {
  it('sync and confirm several parts on one socket; refusals (4403, 4404) leave the others running', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const member = await invitePerson(r, owner);
    const shared = await createRoom(owner, open);
    const secret = await createRoom(owner, closed);
    const writer = await muxOf(r, owner);
    const [a, b] = [writer.sync(shared), writer.sync(`${shared}:2024-05`)];
    await Promise.all([a.synced(), b.synced()]);
    a.doc.getText('t').insert(0, 'main');
    b.doc.getText('t').insert(0, 'part');
    await Promise.all([a.allConfirmed(), b.allConfirmed()]);

    const reader = await muxOf(r, member);
    const refused = [secret, 'no-such-room', '.hidden', `${secret}:part`];
    for (const part of refused) reader.send({ kind: 'subscribe', room: part });
    const mine = reader.sync(shared);
    await mine.synced();
    expect(text(mine.doc)).toBe('main');
    for (const part of refused) {
      const answer = await reader.next('closed', (f) => f.room === part);
      expect(answer.code).toBe(
        part === '.hidden' ? CloseCode.invalidRoomName : CloseCode.accessRevoked,
      );
    }
    // Unknown and unreadable rooms are answered alike [FEED4].
    const reasons = reader.all('closed').filter((f) => f.code === CloseCode.accessRevoked);
    expect(new Set(reasons.map((f) => f.reason)).size).toBe(1);
    mine.doc.getText('t').insert(4, '!');
    await mine.allConfirmed();
    await waitFor(() => text(a.doc) === 'main!', { what: 'the edit at the writer' });
    // No byte of the secret room reached the reader.
    expect(
      reader.frames.some((f) => 'room' in f && f.room.startsWith(secret) && f.kind !== 'closed'),
    ).toBe(false);
  });

  it('a duplicate subscribe is ignored, unsubscribe ends the part, a room frame for it is dropped, and a new subscribe syncs again', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const room = await createRoom(owner, open);
    const other = await muxOf(r, owner);
    const watcher = other.sync(room);
    await watcher.synced();

    const socket = await muxOf(r, owner);
    const first = socket.sync(room);
    await first.synced();
    socket.send({ kind: 'subscribe', room });
    first.doc.getText('t').insert(0, 'one');
    await first.allConfirmed();
    socket.send({ kind: 'unsubscribe', room });
    // Raced the unsubscribe: dropped, the socket stays open.
    first.sendFrame(syncFrame(SyncMessageType.update, Y.encodeStateAsUpdate(new Y.Doc())));
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(first.doc));
    offline.getText('t').insert(3, ' two');
    await waitFor(() => text(watcher.doc) === 'one', { what: 'first edit' });
    const again = socket.sync(room, offline);
    await again.synced();
    await again.allConfirmed();
    await waitFor(() => text(watcher.doc) === 'one two', { what: 'the offline edit' });
    expect(socket.all('closed')).toEqual([]);
  });

  it('a room registered by another process a moment ago is subscribed, not refused: the refusal waits for a fresh look at the rules', async () => {
    const r = await relay();
    const socket = await openMuxSocket(`${r.wsUrl}?v=2&token=${r.token}`);
    cleanup.push(() => socket.close());
    // The command line (or another relay) writes the room straight into the identity
    // store; this relay's snapshot of the rules learns of it at its next epoch look.
    // Several rooms in a row, so that some subscribe lands before the 200 ms poll.
    for (let i = 0; i < 5; i++) {
      const room = `fresh-${i}`;
      r.openRoom(room);
      const part = socket.sync(room);
      await part.synced();
      part.doc.getText('t').insert(0, room);
      await part.allConfirmed();
    }
    expect(socket.all('closed')).toEqual([]);
  });

  it('a quarantined part is answered closed(4504) [ISO3] and the others carry on', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const room = await createRoom(owner, open);
    await r.persistence.quarantine({ room: `${room}:bad`, reason: 'test', at: Date.now() });
    const socket = await muxOf(r, owner);
    socket.send({ kind: 'subscribe', room: `${room}:bad` });
    const good = socket.sync(room);
    expect((await socket.next('closed')).code).toBe(CloseCode.roomQuarantined);
    await good.synced();
    good.doc.getText('t').insert(0, 'fine');
    await good.allConfirmed();
  });
});

describe('[MUX3] per-room isolation on a shared socket', () => {
  it('a rule change revokes one room (closed 4403) and the other rooms carry on', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const member = await invitePerson(r, owner);
    const [kept, lost] = [await createRoom(owner, open), await createRoom(owner, open)];
    const socket = await muxOf(r, member);
    const [k, l] = [socket.sync(kept), socket.sync(lost)];
    await Promise.all([k.synced(), l.synced()]);

    const answer = await owner.api.call('PUT', `/rooms/${lost}/access`, closed);
    expect(answer.status).toBe(200);
    const revoked = await socket.next('closed', (f) => f.room === lost);
    expect(revoked.code).toBe(CloseCode.accessRevoked);
    k.doc.getText('t').insert(0, 'still here');
    await k.allConfirmed();
    // Subscribing again is refused until access comes back.
    socket.send({ kind: 'subscribe', room: lost });
    const from = socket.frames.indexOf(revoked) + 1;
    expect((await socket.next('closed', (f) => f.room === lost, from)).code).toBe(
      CloseCode.accessRevoked,
    );
  });

  it('a malformed inner frame closes only its room (4400), an admission-refused update only its room (4422)', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const [good, broken, hostile] = [
      await createRoom(owner, open),
      await createRoom(owner, open),
      await createRoom(owner, open),
    ];
    const socket = await muxOf(r, owner);
    const rooms = [socket.sync(good), socket.sync(broken), socket.sync(hostile)];
    await Promise.all(rooms.map((room) => room.synced()));
    rooms[1]?.sendFrame(new Uint8Array([0, 2, 5, 1])); // an update whose length runs past the end
    rooms[2]?.sendFrame(syncFrame(SyncMessageType.update, nestedMaps(300).build));
    expect((await socket.next('closed', (f) => f.room === broken)).code).toBe(
      CloseCode.malformedFrame,
    );
    const refused = await socket.next('closed', (f) => f.room === hostile);
    expect(refused.code).toBe(CloseCode.updateRefused);
    expect(refused.reason).toContain('ADMIT1');
    rooms[0]?.doc.getText('t').insert(0, 'fine');
    await rooms[0]?.allConfirmed();
  });

  it('a stock y-websocket client on /sync/:room and a version 2 client converge', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const room = await createRoom(owner, open);
    const stock = createTestClient(r.wsUrl, room, {
      token: await owner.api.token(),
      confirm: true,
    });
    cleanup.push(() => stock.destroy());
    const socket = await muxOf(r, owner);
    const mux = socket.sync(room);
    await Promise.all([stock.synced(), mux.synced()]);
    stock.doc.getText('t').insert(0, 'stock ');
    mux.doc.getText('t').insert(0, 'mux ');
    await Promise.all([stock.allConfirmed(), mux.allConfirmed()]);
    await waitFor(() => text(stock.doc) === text(mux.doc) && text(mux.doc).length === 10, {
      what: 'convergence',
    });
  });
});

describe('[MUX4] connection-wide ends', () => {
  it.each([
    ['garbage', new Uint8Array([MuxKind.subscribe, 200]), CloseCode.malformedFrame],
    ['trailing bytes', new Uint8Array([MuxKind.directory, 0]), CloseCode.malformedFrame],
    ['an empty frame', new Uint8Array([]), CloseCode.malformedFrame],
    ['an unknown kind', new Uint8Array([99]), CloseCode.unknownMessageType],
    ['a relay-only kind', new Uint8Array([MuxKind.directory]), CloseCode.unknownMessageType],
    ['a text frame', 'hello', CloseCode.malformedFrame],
  ])('%s closes the socket', async (_name, bytes, code) => {
    const r = await relay();
    const owner = await signInOwner(r);
    const room = await createRoom(owner, open);
    const socket = await muxOf(r, owner);
    await socket.sync(room).synced();
    socket.sendRaw(bytes);
    expect((await socket.closed).code).toBe(code);
  });

  it('deactivation closes the socket with 4410, with or without subscriptions', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const leaver = await invitePerson(r, owner);
    const busy = await muxOf(r, leaver);
    await busy.sync('scratchpad').synced();
    const idle = await muxOf(r, leaver);
    idle.send({ kind: 'hello', feedId: '', cursor: 0, directory: '' });
    await idle.next('feed');
    const answer = await owner.api.call('POST', `/users/${leaver.id}/deactivate`, {});
    expect(answer.status).toBe(200);
    expect((await busy.closed).code).toBe(CloseCode.accountDeactivated);
    expect((await idle.closed).code).toBe(CloseCode.accountDeactivated);
  });

  it('a subscription past MUX_MAX_SUBSCRIPTIONS is answered closed(4429); the others carry on', async () => {
    const r = await relay({ MUX_MAX_SUBSCRIPTIONS: 2 });
    const owner = await signInOwner(r);
    const room = await createRoom(owner, open);
    const socket = await muxOf(r, owner);
    const rooms = [socket.sync(room), socket.sync(`${room}:b`)];
    socket.send({ kind: 'subscribe', room: `${room}:c` });
    expect((await socket.next('closed')).code).toBe(CloseCode.rateLimited);
    await Promise.all(rooms.map((x) => x.synced()));
    socket.send({ kind: 'unsubscribe', room });
    const again = socket.sync(`${room}:c`);
    await again.synced();
    expect(socket.all('closed')).toHaveLength(1);
  });

  it('[BAD7] a socket that does not read is terminated, with all its subscriptions; the writer carries on', async () => {
    const r = await relay({ MAX_BUFFERED_BYTES: 256 * 1024 });
    const owner = await signInOwner(r);
    const room = await createRoom(owner, open);
    const stalled = await muxOf(r, owner);
    await Promise.all([stalled.sync(room).synced(), stalled.sync(`${room}:b`).synced()]);
    const writer = createTestClient(r.wsUrl, room, {
      token: await owner.api.token(),
      confirm: true,
    });
    cleanup.push(() => writer.destroy());
    await writer.synced();
    expect(r.relay.stats().connections).toBe(3);
    (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const chunk = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 200 && r.relay.stats().connections > 1; i++) {
      writer.doc.getText('t').insert(0, chunk);
      await writer.allConfirmed();
    }
    expect(r.relay.stats().connections).toBe(1);
    (stalled.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect((await stalled.closed).code).toBe(1006); // terminated: no close frame gets through
  });

  it('a version 1 raw socket is unaffected by the version 2 route', async () => {
    const r = await relay();
    const raw = await openRawSocket(r.roomUrl('plain'));
    raw.send(syncFrame(SyncMessageType.step1, Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => raw.frames.length > 0, { what: 'the step 2 answer' });
    raw.ws.close();
  });
});
