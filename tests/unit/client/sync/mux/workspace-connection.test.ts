import { beforeEach, describe, expect, it } from 'vitest';
import type { TokenState } from '../../../../../client/src/auth/token-source.js';
import {
  PING_PART,
  WorkspaceConnection,
  type HelloState,
  type MuxHandler,
} from '../../../../../client/src/sync/mux/workspace-connection.js';
import { CloseCode } from '../../../../../shared/protocol/close-codes.js';
import type { Feed } from '../../../../../shared/protocol/mux.js';
import { FakeTimers } from '../../lib/fake-timers.js';
import { FakeSocket, FakeSocketClass } from './fake-socket.js';

function fakeTokens() {
  const listeners = new Set<(state: TokenState) => void>();
  let state: TokenState = { kind: 'ready', token: 't1' };
  let invalidated = 0;
  return {
    subscribe(listener: (state: TokenState) => void) {
      listeners.add(listener);
      listener(state);
      return () => void listeners.delete(listener);
    },
    invalidate: () => void invalidated++,
    set(next: TokenState) {
      state = next;
      for (const listener of [...listeners]) listener(next);
    },
    listening: () => listeners.size,
    invalidated: () => invalidated,
  };
}

function fakeNetwork() {
  let online = true;
  const listeners = new Set<(online: boolean) => void>();
  return {
    isOnline: () => online,
    subscribe(listener: (online: boolean) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    set(next: boolean) {
      online = next;
      for (const listener of [...listeners]) listener(next);
    },
  };
}

function recorder() {
  const events: string[] = [];
  const frames: Uint8Array[] = [];
  const handler: MuxHandler = {
    opened: () => events.push('opened'),
    frame: (frame) => {
      events.push('frame');
      frames.push(frame);
    },
    closed: (code) => events.push(`closed ${code}`),
    disconnected: () => events.push('disconnected'),
  };
  return { events, frames, handler };
}

function setup(
  hello: HelloState | (() => HelloState) = { feedId: 'f1', cursor: 7, directory: 'd1' },
  helloReady?: Promise<unknown>,
) {
  FakeSocket.reset();
  const timers = new FakeTimers();
  const tokens = fakeTokens();
  const network = fakeNetwork();
  const problems: (number | null)[] = [];
  const connection = new WorkspaceConnection({
    url: 'ws://relay.test/sync',
    tokens,
    network,
    hello: typeof hello === 'function' ? hello : () => hello,
    ...(helloReady ? { helloReady } : {}),
    onAccessProblem: (code) => problems.push(code),
    WebSocket: FakeSocketClass,
    timers,
    random: () => 0.5,
  });
  return { timers, tokens, network, problems, connection };
}

const bytes = (...values: number[]) => new Uint8Array(values);
/** Lets the microtasks in which subscribe() and retry() start a subscription run. */
const flush = () => Promise.resolve();

describe('WorkspaceConnection', () => {
  beforeEach(() => FakeSocket.reset());

  it('[MUX1] opens one socket at /sync?v=2 with the token, only once something needs it', () => {
    const { connection, tokens } = setup();
    expect(FakeSocket.instances).toEqual([]);
    expect(tokens.listening()).toBe(0);
    connection.subscribe('a', recorder().handler);
    connection.subscribe('b', recorder().handler);
    expect(FakeSocket.instances.map((s) => s.url)).toEqual(['ws://relay.test/sync?v=2&token=t1']);
    expect(FakeSocket.last().binaryType).toBe('arraybuffer');
  });

  it('[FEED1] opens no socket before the stored cursor is loaded (helloReady), then says hello with it', async () => {
    let loaded!: () => void;
    const helloReady = new Promise<void>((resolve) => (loaded = resolve));
    let cursor: HelloState = { feedId: '', cursor: 0, directory: '' };
    const { connection } = setup(() => cursor, helloReady);
    connection.subscribe('a', recorder().handler);
    expect(FakeSocket.instances).toEqual([]);
    cursor = { feedId: 'f1', cursor: 42, directory: 'd9' };
    loaded();
    await flush();
    await flush();
    const socket = FakeSocket.last();
    socket.open();
    await flush();
    expect(socket.take()[0]).toEqual({ kind: 'hello', feedId: 'f1', cursor: 42, directory: 'd9' });
  });

  it('[FEED1] [MUX2] sends hello first, then subscribes every part, and routes room frames by part', async () => {
    const { connection } = setup();
    const a = recorder();
    const b = recorder();
    connection.subscribe('a', a.handler);
    const socket = FakeSocket.last();
    socket.open();
    connection.subscribe('b', b.handler);
    // The subscriber gets its handle before it is asked to send anything.
    expect(b.events).toEqual([]);
    await flush();
    expect(socket.take()).toEqual([
      { kind: 'hello', feedId: 'f1', cursor: 7, directory: 'd1' },
      { kind: 'subscribe', room: 'a' },
      { kind: 'subscribe', room: 'b' },
    ]);
    socket.receive({ kind: 'room', room: 'b', frame: bytes(0, 0, 0) });
    socket.receive({ kind: 'room', room: 'nobody', frame: bytes(1) });
    expect(a.events).toEqual(['opened']);
    expect(b.events).toEqual(['opened', 'frame']);
    expect(b.frames).toEqual([bytes(0, 0, 0)]);
  });

  it('wraps what a subscriber sends in room frames, and sends nothing while closed', () => {
    const { connection } = setup();
    const sub = connection.subscribe('a', recorder().handler);
    expect(sub.send(bytes(0, 0, 1))).toBe(false);
    const socket = FakeSocket.last();
    socket.open();
    socket.take();
    expect(sub.send(bytes(0, 0, 1))).toBe(true);
    expect(socket.take()).toEqual([{ kind: 'room', room: 'a', frame: bytes(0, 0, 1) }]);
  });

  it('[MUX3] a per-room 4503 ends that part only and subscribes it again after a backoff', () => {
    const { connection, timers } = setup();
    const a = recorder();
    const b = recorder();
    connection.subscribe('a', a.handler);
    connection.subscribe('b', b.handler);
    const socket = FakeSocket.last();
    socket.open();
    socket.take();
    socket.receive({ kind: 'closed', room: 'a', code: CloseCode.storageFailed, reason: 'disk' });
    expect(a.events).toEqual(['opened', 'closed 4503']);
    socket.receive({ kind: 'room', room: 'a', frame: bytes(1) });
    expect(a.events).toEqual(['opened', 'closed 4503']);
    timers.advance(1_000);
    expect(socket.take()).toEqual([{ kind: 'subscribe', room: 'a' }]);
    expect(a.events).toEqual(['opened', 'closed 4503', 'opened']);
    expect(b.events).toEqual(['opened']);
  });

  it('[MUX3] a per-room 4403 stops that part until retry()', async () => {
    const { connection, timers } = setup();
    const a = recorder();
    const sub = connection.subscribe('a', a.handler);
    const socket = FakeSocket.last();
    socket.open();
    socket.take();
    socket.receive({ kind: 'closed', room: 'a', code: CloseCode.accessRevoked, reason: '' });
    timers.advance(12_000); // past any retry backoff
    expect(socket.sentOf('subscribe').filter((f) => f.room === 'a')).toEqual([]);
    sub.retry();
    await flush();
    expect(socket.sentOf('subscribe').filter((f) => f.room === 'a')).toHaveLength(1);
    expect(a.events).toEqual(['opened', 'closed 4403', 'opened']);
  });

  it('a per-room 1001 (the relay is going away) ends the socket and reconnects it', () => {
    const { connection, timers } = setup();
    const a = recorder();
    const b = recorder();
    connection.subscribe('a', a.handler);
    connection.subscribe('b', b.handler);
    const socket = FakeSocket.last();
    socket.open();
    socket.receive({ kind: 'closed', room: 'a', code: CloseCode.goingAway, reason: 'bye' });
    expect(socket.closedByClient).toBe(true);
    expect([a.events, b.events]).toEqual([
      ['opened', 'disconnected'],
      ['opened', 'disconnected'],
    ]);
    expect(connection.state()).toMatchObject({ socket: 'idle', lastClose: { code: 1001 } });
    timers.advance(150);
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it('a dropped socket tells open subscribers, reconnects with backoff and starts them again', () => {
    const { connection, timers } = setup();
    const a = recorder();
    connection.subscribe('a', a.handler);
    FakeSocket.last().open();
    FakeSocket.last().serverClose(1006);
    expect(a.events).toEqual(['opened', 'disconnected']);
    expect(connection.state()).toMatchObject({ socket: 'idle', lastClose: { code: 1006 } });
    expect(FakeSocket.instances).toHaveLength(1);
    timers.advance(150); // 200 ms ceiling, jittered to 150
    expect(FakeSocket.instances).toHaveLength(2);
    const socket = FakeSocket.last();
    socket.open();
    expect(socket.take().map((f) => f.kind)).toEqual(['hello', 'subscribe']);
    expect(a.events).toEqual(['opened', 'disconnected', 'opened']);
    expect(connection.state()).toMatchObject({ socket: 'open', lastClose: null });
  });

  it('backs off exponentially with jitter up to 10 s, and starts over once the relay answers', () => {
    const { connection, timers } = setup();
    connection.subscribe('a', recorder().handler);
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      FakeSocket.last().serverClose(1006);
      delays.push(timers.nextDelay() ?? -1);
      timers.advance(timers.nextDelay() ?? 0);
    }
    expect(delays).toEqual([150, 300, 600, 1200, 2400, 4800, 7500, 7500, 7500]);
    FakeSocket.last().open();
    FakeSocket.last().receive({ kind: 'directory' });
    FakeSocket.last().serverClose(1001);
    expect(timers.nextDelay()).toBe(150);
  });

  it('a refused upgrade asks for a new token and has the app check the session', () => {
    const { connection, tokens, problems } = setup();
    connection.subscribe('a', recorder().handler);
    FakeSocket.last().serverClose(1006);
    expect(tokens.invalidated()).toBe(1);
    expect(problems).toEqual([null]);
    expect(connection.state().unreachable).toBe(true);
  });

  it('[MUX4] stops for good on a connection-wide 4400–4499 close; 4411 goes to the app', () => {
    const { connection, timers, problems, tokens } = setup();
    const a = recorder();
    connection.subscribe('a', a.handler);
    FakeSocket.last().open();
    FakeSocket.last().serverClose(CloseCode.sessionEnded, 'signed out');
    timers.advance(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
    expect(problems).toEqual([CloseCode.sessionEnded]);
    expect(connection.state().fatal).toEqual({ code: 4411, reason: 'signed out' });
    // The same token again changes nothing; a new session's token starts over.
    tokens.set({ kind: 'ready', token: 't1' });
    expect(FakeSocket.instances).toHaveLength(1);
    tokens.set({ kind: 'ready', token: 't2' });
    expect(FakeSocket.instances).toHaveLength(2);
    expect(FakeSocket.last().url).toContain('token=t2');
  });

  it('closes when the network goes away and reconnects at once when it returns', () => {
    const { connection, network, timers } = setup();
    const a = recorder();
    connection.subscribe('a', a.handler);
    FakeSocket.last().open();
    network.set(false);
    expect(FakeSocket.last().closedByClient).toBe(true);
    expect(a.events).toEqual(['opened', 'disconnected']);
    expect(connection.state()).toMatchObject({ online: false, socket: 'idle' });
    timers.advance(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
    network.set(true);
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it('subscribes a part unsubscribed on this socket again only after the relay read the unsubscribe', async () => {
    const { connection } = setup();
    const first = connection.subscribe('a', recorder().handler);
    const socket = FakeSocket.last();
    socket.open();
    socket.take();
    first.unsubscribe();
    const second = recorder();
    connection.subscribe('a', second.handler);
    await flush();
    expect(socket.take()).toEqual([
      { kind: 'unsubscribe', room: 'a' },
      { kind: 'subscribe', room: PING_PART },
    ]);
    // Frames of the old session still in flight never reach the new subscriber.
    socket.receive({ kind: 'room', room: 'a', frame: bytes(100, 3, 0) });
    socket.receive({ kind: 'closed', room: 'a', code: CloseCode.storageFailed, reason: '' });
    expect(second.events).toEqual([]);
    socket.receive({
      kind: 'closed',
      room: PING_PART,
      code: CloseCode.invalidRoomName,
      reason: '',
    });
    expect(socket.take()).toEqual([{ kind: 'subscribe', room: 'a' }]);
    expect(second.events).toEqual(['opened']);
  });

  it('pings after 15 s of silence and gives the socket up after 30 s', () => {
    const { connection, timers } = setup();
    const a = recorder();
    connection.subscribe('a', a.handler);
    const socket = FakeSocket.last();
    socket.open();
    socket.take();
    timers.advance(15_000);
    expect(socket.take()).toEqual([{ kind: 'subscribe', room: PING_PART }]);
    socket.receive({
      kind: 'closed',
      room: PING_PART,
      code: CloseCode.invalidRoomName,
      reason: '',
    });
    timers.advance(29_000);
    expect(socket.closedByClient).toBe(false);
    timers.advance(31_000);
    expect(socket.closedByClient).toBe(true);
    expect(a.events).toEqual(['opened', 'disconnected']);
    timers.advance(10_000);
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it('gives the socket up when a fence ping stays unanswered, even while other frames arrive', async () => {
    const { connection, timers } = setup();
    const first = connection.subscribe('a', recorder().handler);
    const socket = FakeSocket.last();
    socket.open();
    first.unsubscribe();
    const again = recorder();
    connection.subscribe('a', again.handler);
    await flush();
    for (let i = 0; i < 4; i++) {
      timers.advance(3_000);
      socket.receive({ kind: 'directory' });
    }
    expect(socket.closedByClient).toBe(false);
    timers.advance(3_000);
    expect(socket.closedByClient).toBe(true);
    timers.advance(10_000);
    FakeSocket.last().open();
    expect(
      FakeSocket.last()
        .take()
        .map((f) => f.kind),
    ).toEqual(['hello', 'subscribe']);
    expect(again.events).toEqual(['opened']);
  });

  it('[FEED2] [FEED3] hands feed and directory frames to listeners; heads asked while closed go after hello', () => {
    const { connection } = setup();
    const feeds: Feed[] = [];
    let directories = 0;
    connection.onFeed((feed) => feeds.push(feed));
    connection.onDirectory(() => directories++);
    const release = connection.hold();
    connection.requestHeads(['r1', 'r2']);
    const socket = FakeSocket.last();
    socket.open();
    expect(socket.take()).toEqual([
      { kind: 'hello', feedId: 'f1', cursor: 7, directory: 'd1' },
      { kind: 'heads', roomIds: ['r1', 'r2'] },
    ]);
    const feed = { feedId: 'f1', cursor: 9, complete: true, heads: [{ room: 'r1', head: 9 }] };
    socket.receive({ kind: 'feed', ...feed });
    socket.receive({ kind: 'directory' });
    expect(feeds).toEqual([feed]);
    expect(directories).toBe(1);
    connection.requestHeads(['r3']);
    expect(socket.take()).toEqual([{ kind: 'heads', roomIds: ['r3'] }]);
    release();
  });

  it('closes the socket and stops listening for tokens a while after the last subscriber left', () => {
    const { connection, timers, tokens } = setup();
    const sub = connection.subscribe('a', recorder().handler);
    const socket = FakeSocket.last();
    socket.open();
    sub.unsubscribe();
    timers.advance(4_000);
    // A page change releases one room and acquires the next: the socket stays.
    const next = connection.subscribe('b', recorder().handler);
    timers.advance(10_000);
    expect(socket.closedByClient).toBe(false);
    next.unsubscribe();
    timers.advance(5_000);
    expect(socket.closedByClient).toBe(true);
    expect(tokens.listening()).toBe(0);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('allows one subscriber per part', () => {
    const { connection } = setup();
    connection.subscribe('a', recorder().handler);
    expect(() => connection.subscribe('a', recorder().handler)).toThrow(/already/);
  });
});
