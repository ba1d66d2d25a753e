import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MessageType } from '../../shared/protocol/message-types.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { openRawSocket, type RawSocket } from '../support/raw-socket.js';
import { createTestClient, type TestClient } from '../support/test-client.js';
import { OWNER, startTestRelay, type TestRelay } from '../support/test-relay.js';
import { waitFor } from '../support/wait-for.js';
import { createRoom, invitePerson, signInOwner, type Person } from '../support/workspace-people.js';

/*
 * Presence abuse (PROTOCOL.md, Presence): a reader's raw socket sends awareness
 * updates within the rate limit, with many ids, large states, other people's ids
 * and forged identities; stock y-websocket clients watch what the others see.
 */

const cleanup = cleanupAfterEach();
const LIMITS = {
  PRESENCE_STATE_BYTES: 4096,
  PRESENCE_IDS_PER_CONNECTION: 4,
  PRESENCE_ROOM_STATES: 1024,
  PRESENCE_ROOM_BYTES: 2 * 1024 * 1024,
};

type State = Record<string, unknown> | null;
interface Entry {
  clientId: number;
  clock: number;
  state: State;
}

/** An awareness frame written by hand (y-protocols encoding), as an attacker would. */
function awarenessFrame(entries: Entry[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, MessageType.awareness);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
  return encoding.toUint8Array(frame);
}

const stateOf = (c: TestClient, clientId: number) =>
  c.provider.awareness.getStates().get(clientId) as Record<string, unknown> | undefined;

let relay: TestRelay;
let owner: Person;
let reader: Person;
let readerName: string;
let room: string;

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'presence-')), 'relay.sqlite');
  // A burst large enough that every frame below is within the rate limit.
  relay = await startTestRelay({
    persistence: new SqlitePersistence({ file }),
    config: { ...LIMITS, AWARENESS_BURST: 1000 },
  });
  owner = await signInOwner(relay);
  reader = await invitePerson(relay, owner, 'guest');
  readerName = (await relay.identity.people.byId(reader.id))?.name ?? '';
  expect(readerName).not.toBe('');
  room = await createRoom(owner, {
    workspace: 'write',
    groups: [],
    users: [{ id: reader.id, level: 'read' }],
  });
});

afterAll(() => relay.stop());

async function clientOf(person: Person): Promise<TestClient> {
  const c = createTestClient(relay.wsUrl, room, { token: await person.api.token() });
  cleanup.push(() => c.destroy());
  await c.synced();
  return c;
}

async function readerSocket(): Promise<RawSocket> {
  const socket = await openRawSocket(`${relay.wsUrl}/${room}?token=${await reader.api.token()}`);
  cleanup.push(() => socket.ws.close());
  return socket;
}

/**
 * Sends `marker` last and waits until `observer` sees it: the relay handles a
 * connection's frames in order, so everything sent before has been handled.
 */
async function sendThenMark(
  socket: RawSocket,
  observer: TestClient,
  frames: Uint8Array[],
  marker: Entry,
) {
  for (const frame of frames) socket.send(frame);
  socket.send(awarenessFrame([marker]));
  await waitFor(() => stateOf(observer, marker.clientId)?.['marker'] === marker.clock, {
    what: 'the marker at the observer',
  });
}

describe('[PRES1][PRES2] presence floods stay within the limits', () => {
  it('[PRES1][PRES2] a reader sending many ids and large states within the rate limit grows nothing past the limits', async () => {
    const watcher = await clientOf(owner);
    watcher.provider.awareness.setLocalStateField('user', { name: 'Owner', color: '#d1495b' });
    const socket = await readerSocket();
    const base = 1_000_000;
    const big = { blob: 'x'.repeat(100 * 1024) };
    const medium = { blob: 'y'.repeat(2 * 1024) };
    const frames: Uint8Array[] = [];
    for (let f = 0; f < 50; f++) {
      const entries: Entry[] = [];
      for (let i = 0; i < 200; i++)
        entries.push({ clientId: base + f * 200 + i, clock: 1, state: medium });
      entries.push({ clientId: base, clock: 2 + f, state: big }); // its own id, far too large
      frames.push(awarenessFrame(entries));
    }
    await sendThenMark(socket, watcher, frames, {
      clientId: base,
      clock: 100,
      state: { marker: 100 },
    });

    // Four ids of the reader plus the watcher's own state; no state near 100 KiB.
    const footprint = relay.relay.awarenessFootprint(room);
    expect(footprint?.states).toBe(LIMITS.PRESENCE_IDS_PER_CONNECTION + 1);
    expect(footprint?.bytes).toBeLessThan(5 * (LIMITS.PRESENCE_STATE_BYTES + 512));
    // Clocks of dropped ids are not remembered either (+1: the relay's own id).
    expect(footprint?.clocks).toBeLessThanOrEqual(LIMITS.PRESENCE_IDS_PER_CONNECTION + 2);
    expect(watcher.provider.awareness.getStates().size).toBe(
      LIMITS.PRESENCE_IDS_PER_CONNECTION + 1,
    );
    // Entries are dropped, the connection is not closed.
    expect(socket.ws.readyState).toBe(WebSocket.OPEN);

    // [PRES2] Closing the connection removes its states and forgets their clocks.
    socket.ws.close();
    await waitFor(() => relay.relay.awarenessFootprint(room)?.states === 1, { what: 'flood gone' });
    expect(relay.relay.awarenessFootprint(room)?.clocks).toBeLessThanOrEqual(2);
    await waitFor(() => watcher.provider.awareness.getStates().size === 1, {
      what: 'flood gone at the watcher',
    });
  });

  it('[PRES1] a room holds at most PRESENCE_ROOM_STATES states and PRESENCE_ROOM_BYTES bytes', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'presence-room-')), 'relay.sqlite');
    const tight = await startTestRelay({
      persistence: new SqlitePersistence({ file }),
      config: { AWARENESS_BURST: 1000, PRESENCE_ROOM_STATES: 6, PRESENCE_ROOM_BYTES: 12_000 },
    });
    cleanup.push(() => tight.stop());
    // `sockets` connections each ask for 4 ids; the first of each gets in (the marker's).
    const flood = async (name: string, sockets: number, state: Record<string, unknown>) => {
      const watcher = tight.client(name);
      cleanup.push(() => watcher.destroy());
      await watcher.synced();
      for (let s = 0; s < sockets; s++) {
        const socket = await openRawSocket(tight.roomUrl(name));
        cleanup.push(() => socket.ws.close());
        const base = 2_000_000 + s * 10;
        const entries: Entry[] = [];
        for (let i = 0; i < 4; i++) entries.push({ clientId: base + i, clock: 1, state });
        const marker = { clientId: base, clock: 2, state: { ...state, marker: 2 } };
        await sendThenMark(socket, watcher, [awarenessFrame(entries)], marker);
      }
      return tight.relay.awarenessFootprint(name);
    };
    // 2 × 4 asked for (the watcher's empty clock-0 state never counts); 6 kept.
    const small = await flood('many-small', 2, { user: { name: 'n', color: '#d1495b' } });
    expect(small?.states).toBe(6);
    // 4 × 3 KB asked for; 12,000 bytes hold 3 of them.
    const large = await flood('few-large', 1, { blob: 'z'.repeat(3000) });
    expect(large?.bytes).toBeLessThanOrEqual(12_000);
    expect(large?.states).toBe(3);
  });
});

describe('[PRES3][PRES4] identity comes from the relay, not the client', () => {
  it("[PRES3] a reader can neither overwrite nor erase another person's presence", async () => {
    const ann = await clientOf(owner);
    ann.provider.awareness.setLocalStateField('user', { name: 'Owner', color: '#d1495b' });
    const watcher = await clientOf(owner);
    const annId = ann.doc.clientID;
    await waitFor(() => stateOf(watcher, annId)?.['user'], { what: "Ann's presence" });
    const before = stateOf(watcher, annId);
    const annClock = 1_000; // far ahead of Ann's own clock

    const socket = await readerSocket();
    const mine = 3_000_000;
    await sendThenMark(
      socket,
      watcher,
      [
        awarenessFrame([
          { clientId: annId, clock: annClock, state: { user: { name: 'Mallory' } } },
        ]),
        awarenessFrame([{ clientId: annId, clock: annClock + 1, state: null }]),
      ],
      { clientId: mine, clock: 1, state: { marker: 1 } },
    );
    expect(stateOf(watcher, annId)).toEqual(before);
    expect(stateOf(watcher, annId)?.['relay']).toEqual({ userId: owner.id, name: OWNER.name });
    // Ann's own client never heard of the attempt either.
    expect(ann.provider.awareness.getLocalState()?.['user']).toEqual({
      name: 'Owner',
      color: '#d1495b',
    });
  });

  it('[PRES4] a reader who claims to be the owner is shown as themselves', async () => {
    const watcher = await clientOf(owner);
    const mallory = await clientOf(reader);
    mallory.provider.awareness.setLocalState({
      user: { name: 'Owner (owner)', color: '#3c9d5d' },
      relay: { userId: owner.id, name: OWNER.name },
    });
    const id = mallory.doc.clientID;
    const seen = await waitFor(() => stateOf(watcher, id), { what: "the reader's presence" });
    expect(seen['relay']).toEqual({ userId: reader.id, name: readerName });
    expect(seen['user']).toEqual({ name: readerName, color: '#3c9d5d' });
  });

  it("[PRES4] an honest client's caret presence reaches the others intact, with its stamp", async () => {
    const ann = await clientOf(owner);
    const watcher = await clientOf(reader);
    const text = ann.doc.getXmlFragment('default');
    ann.doc.transact(() => text.insert(0, [new Y.XmlText('hello')]));
    // What Tiptap's caret extension publishes: a name, a colour and two relative positions.
    const name = '名'.repeat(80);
    const position = JSON.parse(
      JSON.stringify(Y.createRelativePositionFromTypeIndex(text, 1)),
    ) as unknown;
    const caret = {
      user: { name, color: '#2e86ab' },
      cursor: { anchor: position, head: position },
    };
    expect(Buffer.byteLength(JSON.stringify(caret))).toBeLessThan(LIMITS.PRESENCE_STATE_BYTES / 4);
    ann.provider.awareness.setLocalState(caret);

    const seen = await waitFor(() => stateOf(watcher, ann.doc.clientID), { what: 'the caret' });
    expect(seen['cursor']).toEqual(caret.cursor);
    expect(seen['user']).toEqual({ name: OWNER.name, color: '#2e86ab' });
    expect(seen['relay']).toEqual({ userId: owner.id, name: OWNER.name });

    // [PRES2] Leaving removes it for the others.
    ann.provider.disconnect();
    await waitFor(() => !stateOf(watcher, ann.doc.clientID), { what: 'the caret gone' });
  });
});

describe('[PRES6] reconnects of the same person', () => {
  it("[PRES6] a second connection of the same person takes over a client id; the old one's close leaves it", async () => {
    const watcher = await clientOf(owner);
    const removed: number[] = [];
    watcher.provider.awareness.on('change', (change: { removed: number[] }) =>
      removed.push(...change.removed),
    );
    const id = 4_000_000;
    const first = await readerSocket();
    await sendThenMark(first, watcher, [], { clientId: id, clock: 1, state: { marker: 1 } });
    const second = await readerSocket();
    await sendThenMark(second, watcher, [], { clientId: id, clock: 2, state: { marker: 2 } });

    const connections = relay.relay.stats().connections;
    first.ws.close();
    await waitFor(() => relay.relay.stats().connections === connections - 1, {
      what: 'the first connection closed',
    });
    // A removal is announced at once, so it would reach the watcher before this marker.
    await sendThenMark(second, watcher, [], { clientId: id, clock: 3, state: { marker: 3 } });
    expect(removed).not.toContain(id);
    expect(stateOf(watcher, id)?.['relay']).toEqual({ userId: reader.id, name: readerName });

    second.ws.close();
    await waitFor(() => !stateOf(watcher, id), { what: 'the state gone with its last connection' });
  });
});
