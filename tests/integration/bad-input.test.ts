import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { SyncMessageType } from '../../shared/protocol/message-types.js';
import { syncFrame } from '../../sync-server/src/rooms/room.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { openRawSocket } from '../support/raw-socket.js';
import type { TestClient } from '../support/test-client.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';
import { waitFor } from '../support/wait-for.js';
import { textOf } from '../support/stored-text.js';

const dataFile = join(mkdtempSync(join(tmpdir(), 'bad-input-')), 'relay.sqlite');
const MAX_FRAME = 64 * 1024;
let relay: TestRelay;
let bystander: TestClient;
const text = (c: TestClient): string => c.doc.getText('t').toString();

beforeAll(async () => {
  relay = await startTestRelay({
    persistence: new SqlitePersistence({ file: dataFile }),
    config: { MAX_FRAME_BYTES: MAX_FRAME, AWARENESS_RATE: 10, AWARENESS_BURST: 10 },
  });
  bystander = relay.client('shared', { confirm: true });
  await bystander.synced();
  bystander.doc.getText('t').insert(0, 'intact');
  await bystander.allConfirmed();
});

afterAll(async () => {
  bystander.destroy();
  await relay.stop();
});

async function closeCodeFor(bytes: Uint8Array | string, room = 'shared') {
  const socket = await openRawSocket(relay.roomUrl(room));
  socket.send(bytes);
  return socket.closed;
}

/** The bystander still syncs both ways, so the relay and its connection carried on [BAD6]. */
async function expectRelayHealthy(): Promise<void> {
  const probe = relay.client('shared');
  await probe.synced();
  probe.doc.getText('t').insert(0, '+');
  await waitFor(() => text(bystander) === text(probe) && text(probe).endsWith('intact'));
  probe.destroy();
}

const validUpdate = (() => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hello world, this is a valid update');
  return Y.encodeStateAsUpdate(doc);
})();
const frameOf = (...parts: (number | Uint8Array)[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'number' ? [p] : [...p])));

describe('bad input closes only the offending connection', () => {
  it.each([
    ['empty frame', new Uint8Array(0)],
    ['truncated varUint', frameOf(0x00, 0x02, 0xff)],
    ['length prefix past the end', frameOf(0x00, 0x02, 0x05, 1, 2)],
    ['huge length prefix', frameOf(0x00, 0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 1)],
    ['trailing bytes after a sync message', frameOf(0x00, 0x02, 0x01, 0x00, 0x42)],
    ['unknown sync subtype', frameOf(0x00, 0x07, 0x00)],
    ['update Yjs cannot decode', frameOf(0x00, 0x02, 0x04, 0xff, 0xff, 0xff, 0x01)],
    [
      'truncated valid update',
      frameOf(0x00, 0x02, validUpdate.length - 3, validUpdate.subarray(0, -3)),
    ],
  ])('[BAD1] %s -> 4400 malformed frame', async (_name, bytes) => {
    const { code, reason } = await closeCodeFor(bytes);
    expect(code).toBe(CloseCode.malformedFrame);
    expect(reason).toMatch(/^malformed frame/);
    await expectRelayHealthy();
  });

  it('[BAD1] a text frame -> 4400', async () => {
    expect((await closeCodeFor('hello')).code).toBe(CloseCode.malformedFrame);
  });

  it('[BAD2] an unknown message type -> 4401 with the type in the reason', async () => {
    const { code, reason } = await closeCodeFor(frameOf(0x63, 0x00));
    expect(code).toBe(CloseCode.unknownMessageType);
    expect(reason).toBe('unknown message type: type 99');
    await expectRelayHealthy();
  });

  it('[BAD3] a frame over MAX_FRAME_BYTES -> 1009 before it is stored', async () => {
    const big = new Uint8Array(MAX_FRAME + 10);
    big.set([0x00, 0x02]);
    expect((await closeCodeFor(big)).code).toBe(CloseCode.messageTooBig);
    await expectRelayHealthy();
  });

  it.each([
    ...['a/b', '.hidden', 'a b', 'x'.repeat(129), 'ümlaut', '%00'].map(encodeURIComponent),
    '',
    'a/b',
    '%E0%A4%A',
  ])('[BAD4] invalid room name %j -> 4404', async (room) => {
    const socket = await openRawSocket(relay.roomUrl(room));
    const { code, reason } = await socket.closed;
    expect(code).toBe(CloseCode.invalidRoomName);
    expect(reason).toMatch(/^invalid room name/);
  });

  it('[BAD5] an awareness flood is coalesced, then closed with 4429', async () => {
    const floodDoc = new Y.Doc();
    const observer = relay.client('aw');
    await observer.synced();
    let seenUpdates = 0;
    observer.provider.awareness.on(
      'change',
      ({ updated, added }: { updated: number[]; added: number[] }) => {
        if ([...updated, ...added].includes(floodDoc.clientID)) seenUpdates++;
      },
    );
    const socket = await openRawSocket(relay.roomUrl('aw'));
    const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness');
    const awareness = new Awareness(floodDoc);
    let sent = 0;
    const closedEarly = await Promise.race([
      socket.closed,
      (async () => {
        for (; sent < 2000; sent++) {
          awareness.setLocalStateField('cursor', sent);
          const update = encodeAwarenessUpdate(awareness, [floodDoc.clientID]);
          socket.send(frameOf(0x01, update.length, update)); // update < 128 bytes
          if (sent % 50 === 0) await new Promise((r) => setImmediate(r));
        }
        return null;
      })(),
    ]);
    const { code } = closedEarly ?? (await socket.closed);
    expect(code).toBe(CloseCode.rateLimited);
    // The observer saw the flooder, but far fewer of its states than were sent.
    await waitFor(() => seenUpdates > 0, { what: 'some awareness got through' });
    expect(sent).toBeGreaterThan(100);
    expect(seenUpdates).toBeLessThan(sent / 4);
    awareness.destroy();
    observer.destroy();
    await expectRelayHealthy();
  });
});

describe('fuzzed frames never crash the relay or corrupt stored documents [BAD1][BAD6]', () => {
  it('survives 3,000 random, truncated and mutated frames', async () => {
    const gen = prng.create(0xdecaf);
    const frames: Uint8Array[] = [];
    const validFrame = frameOf(0x00, 0x02, validUpdate.length, validUpdate);
    for (let i = 0; i < 1000; i++) frames.push(prng.uint8Array(gen, prng.int32(gen, 0, 64)));
    for (let i = 0; i < 1000; i++)
      frames.push(validFrame.slice(0, prng.int32(gen, 0, validFrame.length)));
    for (let i = 0; i < 1000; i++) {
      const mutated = validFrame.slice();
      const at = prng.int32(gen, 1, mutated.length - 1);
      mutated[at] = prng.uint32(gen, 0, 255);
      frames.push(mutated);
    }
    for (let i = 0; i < frames.length; i += 100) {
      const sockets = await Promise.all(
        frames.slice(i, i + 100).map(async (bytes) => {
          const socket = await openRawSocket(relay.roomUrl('fuzz'));
          socket.send(bytes);
          socket.ws.close(); // valid frames are allowed; close from our side then
          return socket.closed;
        }),
      );
      expect(sockets).toHaveLength(Math.min(100, frames.length - i));
    }
    await expectRelayHealthy();
    // Whatever was accepted into "fuzz" is a well-formed document that loads again.
    const stored = await relay.persistence.load('fuzz');
    const doc = new Y.Doc();
    for (const u of stored.updates) expect(() => Y.applyUpdate(doc, u)).not.toThrow();
    const reader = relay.client('fuzz');
    await reader.synced();
    reader.destroy();
    const health: unknown = await (await fetch(`${relay.httpUrl}/healthz`)).json();
    expect(health).toMatchObject({ ok: true });
  });
});

describe('a stalled reader [BAD7]', () => {
  it('is dropped once too much is queued for it, and the writer carries on', async () => {
    const small = await startTestRelay({
      persistence: new SqlitePersistence({
        file: join(mkdtempSync(join(tmpdir(), 'slow-')), 'r.sqlite'),
      }),
      config: { MAX_BUFFERED_BYTES: 256 * 1024 },
    });
    const stalled = await openRawSocket(small.roomUrl('busy'));
    const writer = small.client('busy', { confirm: true });
    await writer.synced();
    // Stop reading: the kernel buffers fill, then the relay's send queue grows.
    (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    // Loopback kernel buffers absorb tens of MiB first (tcp_rmem max is 32 MiB here).
    const chunk = 'x'.repeat(1024 * 1024);
    const closed = await Promise.race([
      stalled.closed.then(() => true),
      (async () => {
        for (let i = 0; i < 200; i++) {
          writer.doc.getText('t').insert(0, chunk);
          await writer.allConfirmed();
          if (small.relay.stats().connections === 1) return true;
        }
        return false;
      })(),
    ]);
    expect(closed).toBe(true);
    expect(small.relay.stats().connections).toBe(1);
    (stalled.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect((await stalled.closed).code).toBe(1006); // terminated: no close frame gets through
    writer.destroy();
    await small.stop();
  });
});

describe('plain HTTP on the sync endpoint', () => {
  it('gets 426 with a JSON error instead of a hang or a 404', async () => {
    const response = await fetch(`${relay.httpUrl}/sync/some-room`);
    expect(response.status).toBe(426);
    expect(await response.json()).toMatchObject({ code: 'upgrade_required' });
  });
});

describe('sockets reset during the upgrade [BAD6]', () => {
  it('do not crash the relay while their token is being checked', async () => {
    const url = new URL(relay.roomUrl('shared'));
    for (let i = 0; i < 50; i++) {
      const socket = connect(Number(url.port), url.hostname);
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n` +
          'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      );
      // An RST while the relay awaits the token check, at slightly different moments.
      await new Promise((resolve) => setTimeout(resolve, i % 3));
      socket.resetAndDestroy();
    }
    const health = await fetch(`${relay.httpUrl}/healthz`);
    expect(health.status).toBe(200);
    const probe = relay.client('shared');
    await probe.synced();
    probe.destroy();
  });
});

describe('input before a room has loaded', () => {
  it('[BAD5] is buffered in order, but a flood before the load completes closes with 4429', async () => {
    const sqlite = new SqlitePersistence({
      file: join(mkdtempSync(join(tmpdir(), 'early-')), 'r.sqlite'),
    });
    // Real SQLite, with loads held back until the test lets them through.
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const slow = Object.assign(Object.create(sqlite) as SqlitePersistence, {
      load: async (room: string) => {
        await gate;
        return sqlite.load(room);
      },
    });
    const gated = await startTestRelay({ persistence: slow });
    const patient = gated.client('slow', { confirm: true });
    const flooder = await openRawSocket(gated.roomUrl('slow'));
    const step1 = syncFrame(SyncMessageType.step1, Y.encodeStateVector(new Y.Doc()));
    for (let i = 0; i <= 10_000; i++) flooder.send(step1);
    expect((await flooder.closed).code).toBe(CloseCode.rateLimited);
    patient.doc.getText('t').insert(0, 'typed while loading');
    open();
    await patient.allConfirmed();
    expect(textOf((await sqlite.load('slow')).updates)).toBe('typed while loading');
    patient.destroy();
    await gated.stop();
  });
});
