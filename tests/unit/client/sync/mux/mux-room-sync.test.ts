import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { isOnRelay } from '../../../../../client/src/workspace/chat/delivery.js';
import { memoryLocalStores } from '../../../../../client/src/sync/local-store/memory-store.js';
import { openMuxRoomSync } from '../../../../../client/src/sync/mux/mux-room-sync.js';
import type {
  ConnectionState,
  MuxHandler,
} from '../../../../../client/src/sync/mux/workspace-connection.js';
import type { RegistrationGate } from '../../../../../client/src/sync/registration-gate.js';
import { CloseCode } from '../../../../../shared/protocol/close-codes.js';
import { encodeConfirm } from '../../../../../shared/protocol/confirm.js';
import { MessageType } from '../../../../../shared/protocol/message-types.js';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

interface FakeSub {
  part: string;
  handler: MuxHandler;
  sent: Uint8Array[];
  open: boolean;
  retries: number;
  unsubscribed: boolean;
}

/** The workspace connection played by hand: the test opens sessions and answers as the relay. */
function fakeConnection() {
  let state: ConnectionState = {
    online: true,
    socket: 'open',
    unreachable: false,
    lastClose: null,
    fatal: null,
  };
  const listeners = new Set<(state: ConnectionState) => void>();
  const subs: FakeSub[] = [];
  const connection = {
    state: () => state,
    onState(listener: (state: ConnectionState) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    subscribe(part: string, handler: MuxHandler) {
      const sub: FakeSub = {
        part,
        handler,
        sent: [],
        open: false,
        retries: 0,
        unsubscribed: false,
      };
      subs.push(sub);
      return {
        send: (frame: Uint8Array) => sub.open && !sub.unsubscribed && !!sub.sent.push(frame),
        retry: () => void sub.retries++,
        unsubscribe: () => void (sub.unsubscribed = true),
      };
    },
  };
  const current = () => {
    const sub = subs.filter((s) => !s.unsubscribed).at(-1);
    if (!sub) throw new Error('not subscribed');
    return sub;
  };
  return {
    connection,
    subs,
    current,
    setState(patch: Partial<ConnectionState>) {
      state = { ...state, ...patch };
      for (const listener of listeners) listener(state);
    },
    /** Starts a session and returns what the room sent, decoded. */
    open() {
      const sub = current();
      sub.open = true;
      sub.handler.opened();
      return take(sub);
    },
    drop() {
      const sub = current();
      sub.open = false;
      sub.handler.disconnected();
    },
    close(code: number) {
      const sub = current();
      sub.open = false;
      sub.handler.closed(code, '');
    },
    deliver(frame: Uint8Array) {
      const sub = current();
      sub.handler.frame(frame);
      return take(sub);
    },
  };
}

type Sent = { type: string; update?: Uint8Array; states?: number[] };

function take(sub: FakeSub): Sent[] {
  return sub.sent.splice(0).map((frame) => {
    const d = decoding.createDecoder(frame);
    const type = decoding.readVarUint(d);
    if (type === MessageType.awareness) {
      const update = decoding.readVarUint8Array(d);
      const probe = new awarenessProtocol.Awareness(new Y.Doc());
      awarenessProtocol.applyAwarenessUpdate(probe, update, 'probe');
      const states = [...probe.getStates().keys()].filter((id) => id !== probe.clientID);
      probe.destroy();
      return { type: 'awareness', states };
    }
    const kind = decoding.readVarUint(d);
    const names = ['step1', 'step2', 'update'];
    return { type: names[kind] ?? '?', update: decoding.readVarUint8Array(d) };
  });
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

const relayStep1 = (relayDoc: Y.Doc) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    syncProtocol.writeSyncStep1(e, relayDoc);
  });
const relayStep2 = (relayDoc: Y.Doc) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    syncProtocol.writeSyncStep2(e, relayDoc);
  });
const confirm = (durableFrames: number, relayDoc = new Y.Doc()) =>
  encodeConfirm({ durableFrames, stateVector: Y.encodeStateVector(relayDoc) });

function open(
  fake: ReturnType<typeof fakeConnection>,
  options: {
    stores?: ReturnType<typeof memoryLocalStores>;
    registration?: RegistrationGate;
    problems?: (number | null)[];
  } = {},
) {
  return openMuxRoomSync({
    room: 'notes',
    connection: fake.connection,
    store: options.stores ?? memoryLocalStores(),
    ...(options.registration && { registration: options.registration }),
    onAccessProblem: (code) => options.problems?.push(code),
  });
}

describe('openMuxRoomSync', () => {
  it('subscribes only once the local copy is loaded; the first step 2 carries offline edits', async () => {
    const stores = memoryLocalStores();
    const fake = fakeConnection();
    const earlier = open(fake, { stores });
    await settle();
    earlier.doc.getText('t').insert(0, 'written offline');
    const writer = earlier.doc.clientID;
    expect(earlier.pending()).toBe(1);
    earlier.destroy();

    const room = open(fake, { stores });
    expect(fake.subs.filter((s) => !s.unsubscribed)).toHaveLength(0);
    await settle();
    expect(room.loaded()).toBe(true);
    expect(room.doc.getText('t').toString()).toBe('written offline');
    expect(room.pending()).toBe(1); // read back from the store
    expect(fake.open().map((s) => s.type)).toEqual(['step1', 'awareness']);
    const relayDoc = new Y.Doc();
    const [reply] = fake.deliver(relayStep1(relayDoc));
    expect(reply?.type).toBe('step2');
    Y.applyUpdate(relayDoc, reply?.update ?? new Uint8Array());
    expect(relayDoc.getText('t').toString()).toBe('written offline');
    fake.deliver(confirm(1, relayDoc));
    expect(room.pending()).toBe(0);
    expect(room.relayState()?.get(writer)).toBe(15);
  });

  it('[CHAT8] what the relay confirmed stays confirmed after a reload while offline', async () => {
    const stores = memoryLocalStores();
    const fake = fakeConnection();
    const earlier = open(fake, { stores });
    await settle();
    earlier.doc.getText('t').insert(0, 'delivered');
    const writer = earlier.doc.clientID;
    fake.open();
    const relayDoc = new Y.Doc();
    const [reply] = fake.deliver(relayStep1(relayDoc));
    Y.applyUpdate(relayDoc, reply?.update ?? new Uint8Array());
    fake.deliver(confirm(1, relayDoc));
    fake.drop();
    earlier.doc.getText('t').insert(9, ' queued'); // offline: never reaches the relay
    expect(earlier.pending()).toBe(1);
    earlier.destroy();

    const room = open(fake, { stores });
    await settle();
    expect(room.pending()).toBe(1);
    const state = room.relayState();
    const sent = (clock: number) =>
      isOnRelay({ author: 'me', item: { client: writer, clock } }, state, 'me', room.pending());
    expect(sent(0)).toBe(true);
    expect(sent(9)).toBe(false);
  });

  it('[CONFIRM1] an edit stays pending until a confirm covers it; one sent before the step 2 waits for it', async () => {
    const fake = fakeConnection();
    const room = open(fake);
    await settle();
    const text = room.doc.getText('t');
    text.insert(0, 'offline ');
    fake.open();
    text.insert(0, 'online '); // frame 1: an update, but edit 1 has not gone out yet
    const relayDoc = new Y.Doc();
    const sent = fake.deliver(relayStep1(relayDoc)); // frame 2: the step 2 with both
    expect(sent.map((s) => s.type)).toEqual(['update', 'step2']);
    fake.deliver(confirm(1));
    expect(room.pending()).toBe(2);
    fake.deliver(confirm(2));
    expect(room.pending()).toBe(0);
    text.insert(0, 'x'); // frame 3
    expect(room.pending()).toBe(1);
    fake.deliver(confirm(3));
    expect(room.pending()).toBe(0);
  });

  it('[CONFIRM1] numbers data frames per session: after a drop, frame 1 is the new step 2', async () => {
    const fake = fakeConnection();
    const room = open(fake);
    await settle();
    fake.open();
    fake.deliver(relayStep1(new Y.Doc()));
    room.doc.getText('t').insert(0, 'a'); // frame 2 of session 1, never confirmed
    fake.drop();
    fake.deliver(confirm(2)); // a late confirm after the session ended changes nothing
    expect(room.pending()).toBe(1);
    fake.open();
    fake.deliver(relayStep1(new Y.Doc())); // frame 1 of session 2
    fake.deliver(confirm(1));
    expect(room.pending()).toBe(0);
  });

  it('is syncing once open and synced after the relay’s step 2; offline when the network is', async () => {
    const fake = fakeConnection();
    const room = open(fake);
    expect(room.status()).toEqual({ kind: 'connecting' });
    await settle();
    fake.open();
    expect(room.status()).toEqual({ kind: 'syncing' });
    fake.deliver(relayStep2(new Y.Doc()));
    expect(room.status()).toEqual({ kind: 'synced' });
    fake.setState({ online: false });
    expect(room.status()).toEqual({ kind: 'offline', cause: 'network' });
  });

  it('[MUX3] a per-room 4403 is this room’s error; the app is told; resume() starts it again', async () => {
    const fake = fakeConnection();
    const problems: (number | null)[] = [];
    const room = open(fake, { problems });
    await settle();
    fake.open();
    fake.close(CloseCode.accessRevoked);
    expect(room.status()).toMatchObject({ kind: 'error', code: 4403, retrying: false });
    expect(problems).toEqual([4403]);
    room.resume();
    expect(fake.current().retries).toBe(1);
    expect(room.status()).toEqual({ kind: 'connecting' });
  });

  it('[MUX3] a per-room 4504 shows a retrying error until the next session opens', async () => {
    const fake = fakeConnection();
    const room = open(fake);
    await settle();
    fake.open();
    fake.close(CloseCode.roomQuarantined);
    expect(room.status()).toMatchObject({ kind: 'error', code: 4504, retrying: true });
    room.resume();
    expect(fake.current().retries).toBe(0);
    fake.open();
    expect(room.status()).toEqual({ kind: 'syncing' });
  });

  it('[AUTH3] a permission-denied answer makes the room read-only until the next session', async () => {
    const fake = fakeConnection();
    const problems: (number | null)[] = [];
    const room = open(fake, { problems });
    await settle();
    fake.open();
    expect(room.readOnly()).toBe(false);
    fake.deliver(
      frame((e) => {
        encoding.writeVarUint(e, MessageType.auth);
        authProtocol.writePermissionDenied(e, 'read-only');
      }),
    );
    expect(room.readOnly()).toBe(true);
    expect(problems).toEqual([null]);
    fake.drop();
    fake.open();
    expect(room.readOnly()).toBe(false);
  });

  it('[PRES2] sends only its own presence, drops others’ when the session ends, says goodbye on destroy', async () => {
    const fake = fakeConnection();
    const room = open(fake);
    await settle();
    fake.open();
    const other = new awarenessProtocol.Awareness(new Y.Doc());
    other.setLocalState({ user: { name: 'Bo' } });
    const otherUpdate = awarenessProtocol.encodeAwarenessUpdate(other, [other.clientID]);
    const sent = fake.deliver(
      frame((e) => {
        encoding.writeVarUint(e, MessageType.awareness);
        encoding.writeVarUint8Array(e, otherUpdate);
      }),
    );
    expect(sent).toEqual([]);
    expect(room.awareness.getStates().has(other.clientID)).toBe(true);
    room.awareness.setLocalStateField('user', { name: 'Ann' });
    expect(take(fake.current())).toEqual([{ type: 'awareness', states: [room.doc.clientID] }]);
    const queried = fake.deliver(
      frame((e) => encoding.writeVarUint(e, MessageType.queryAwareness)),
    );
    expect(queried).toEqual([{ type: 'awareness', states: [room.doc.clientID] }]);
    fake.drop();
    expect(room.awareness.getStates().has(other.clientID)).toBe(false);
    fake.open();
    const sub = fake.current();
    room.destroy();
    // The goodbye is a removal: decoding it into a fresh awareness leaves no state.
    expect(take(sub)).toEqual([{ type: 'awareness', states: [] }]);
    expect(sub.unsubscribed).toBe(true);
    other.destroy();
  });

  it('[OFFL2] a room awaiting registration is not subscribed until it is registered', async () => {
    const fake = fakeConnection();
    let awaiting = true;
    const listeners = new Set<() => void>();
    const registration: RegistrationGate = {
      awaiting: () => awaiting,
      subscribe(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    };
    open(fake, { registration });
    await settle();
    expect(fake.subs).toEqual([]);
    awaiting = false;
    for (const listener of listeners) listener();
    expect(fake.subs).toHaveLength(1);
  });
});
