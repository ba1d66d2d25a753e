/**
 * Update admission and room isolation at the relay core, with memory peers and a
 * hand-driven group commit window, so that which frames share one commit is
 * certain. Storage is a real SQLite file; a "restart" is a new Relay on it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ADMISSION_LIMITS, type AdmissionLimits } from '../../shared/protocol/admission-limits.js';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { SyncMessageType } from '../../shared/protocol/message-types.js';
import { systemClock } from '../../sync-server/src/clock.js';
import { ConfigSchema } from '../../sync-server/src/config.js';
import { silentLogger } from '../../sync-server/src/logger.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { Relay } from '../../sync-server/src/rooms/relay.js';
import { syncFrame } from '../../sync-server/src/rooms/room.js';
import {
  danglingText,
  manyClients,
  manyRoots,
  manyTypes,
  nestedMaps,
  sameKeyRace,
  subdocs,
  unknownDeletes,
} from '../support/hostile-updates.js';
import { memoryPeer, type MemoryPeer } from '../support/memory-peer.js';
import { textOf } from '../support/stored-text.js';
import { waitFor } from '../support/wait-for.js';

const defaults = ConfigSchema.parse({});
const open: { stop(): Promise<void> }[] = [];

/** A relay core whose group commit runs only when the test calls `flush()`. */
function startCore(
  file: string,
  admission: AdmissionLimits = ADMISSION_LIMITS,
  maxPageCount?: number,
) {
  const window: (() => void)[] = [];
  let manual = true;
  const persistence = new SqlitePersistence({ file, ...(maxPageCount && { maxPageCount }) });
  const relay = new Relay({
    persistence,
    clock: systemClock,
    log: silentLogger,
    awareness: { rate: 30, burst: 60 },
    presence: {
      stateBytes: defaults.PRESENCE_STATE_BYTES,
      idsPerConnection: defaults.PRESENCE_IDS_PER_CONNECTION,
      roomStates: defaults.PRESENCE_ROOM_STATES,
      roomBytes: defaults.PRESENCE_ROOM_BYTES,
    },
    roomIdleMs: 60_000,
    compactEntries: 1000,
    compactBytes: 1 << 20,
    defer: (fn) => (manual ? window.push(fn) : setImmediate(fn)),
    admission,
  });
  const flush = () => window.splice(0).forEach((fn) => fn());
  const stop = async () => {
    manual = false;
    flush();
    await relay.shutdown();
    await persistence.close();
  };
  open.push({ stop });
  const join = async (
    room: string,
  ): Promise<{ peer: MemoryPeer; send(update: Uint8Array): void }> => {
    const peer = memoryPeer();
    const session = relay.connect(room, peer);
    await waitFor(() => peer.frames.length > 0 || peer.closed, { what: `${room} loaded` });
    return { peer, send: (update) => session.receive(syncFrame(SyncMessageType.update, update)) };
  };
  return { relay, persistence, join, flush, stop };
}

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'admission-')), 'relay.sqlite');

function textUpdate(text: string, clientID: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

afterEach(async () => {
  for (const core of open.splice(0)) await core.stop();
});

/** Sends `hostile` in room "bad" and an honest edit in room "good" in one group commit. */
async function sameCommit(file: string, hostile: Uint8Array, admission?: AdmissionLimits) {
  const core = startCore(file, admission);
  const bad = await core.join('bad');
  const good = await core.join('good');
  const other = await core.join('bad');
  other.send(textUpdate('kept in bad', 1));
  good.send(textUpdate('kept in good', 2));
  bad.send(hostile);
  core.flush();
  await waitFor(() => good.peer.confirmed() === 1, { what: 'good confirmed' });
  return { core, bad, good, other };
}

describe('update admission [ADMIT1]-[ADMIT6]', () => {
  it.each([
    ['[ADMIT1] maps nested 300 deep', 'ADMIT1', () => nestedMaps(300).build],
    ['[ADMIT2] 300 sub-documents', 'ADMIT2', () => subdocs(300)],
    ['[ADMIT2] 70,000 new types in one update', 'ADMIT2', () => manyTypes(70_000)],
    ['[ADMIT3] one map key set by 100 client ids at once', 'ADMIT3', () => sameKeyRace(100)],
    ['[ADMIT3] 1,100 client ids in one update', 'ADMIT3', () => manyClients(1_100)],
    ['[ADMIT4] deletes of 100,000 unknown items', 'ADMIT4', () => unknownDeletes(100_000)],
    ['[ADMIT6] 40 new root types in one update', 'ADMIT6', () => manyRoots(40)],
  ])('%s: refused with 4422 before it touches the room', async (_name, rule, build) => {
    const file = tempFile();
    const { core, bad, other } = await sameCommit(file, build());
    expect(bad.peer.closed?.code).toBe(CloseCode.updateRefused);
    expect(bad.peer.closed?.reason).toContain(`[${rule}]`);
    // The honest writer in the same room and batch is stored and confirmed.
    await waitFor(() => other.peer.confirmed() === 1, { what: 'other writer confirmed' });
    const stored = await core.persistence.load('bad');
    expect(stored.updates).toHaveLength(1);
    expect(textOf(stored.updates)).toBe('kept in bad');
  });

  it('[ADMIT1] nesting up to the limit is admitted, and deleting it later works', async () => {
    const core = startCore(tempFile());
    const writer = await core.join('deep');
    const { build, deleteOuter } = nestedMaps(ADMISSION_LIMITS.maxDepth - 1);
    writer.send(build);
    core.flush();
    await waitFor(() => writer.peer.confirmed() === 1, { what: 'nesting stored' });
    writer.send(deleteOuter);
    core.flush();
    await waitFor(() => writer.peer.confirmed() === 2, { what: 'delete stored' });
    expect(writer.peer.closed).toBeNull();
  });

  it('[ADMIT1] depth counts what the room already holds: one more level on a deep map is refused', async () => {
    const core = startCore(tempFile());
    const writer = await core.join('deep');
    const doc = new Y.Doc();
    doc.clientID = 21;
    let map = doc.getMap<unknown>('root');
    for (let depth = 1; depth < ADMISSION_LIMITS.maxDepth; depth++) {
      const child = new Y.Map<unknown>();
      map.set('c', child);
      map = child;
    }
    writer.send(Y.encodeStateAsUpdate(doc));
    core.flush();
    await waitFor(() => writer.peer.confirmed() === 1, { what: 'deep map stored' });
    const before = Y.encodeStateVector(doc);
    map.set('one-more', new Y.Map());
    writer.send(Y.encodeStateAsUpdate(doc, before));
    core.flush();
    await waitFor(() => writer.peer.closed, { what: 'refusal' });
    expect(writer.peer.closed?.reason).toContain('[ADMIT1]');
  });

  it('[ADMIT2] sub-documents count per room: many small frames cannot add up', async () => {
    const core = startCore(tempFile());
    const writer = await core.join('docs');
    const perFrame = 100;
    let frames = 0;
    while (!writer.peer.closed && frames < 10) {
      writer.send(subdocs(perFrame, 500 + frames));
      core.flush();
      frames += 1;
      await waitFor(() => writer.peer.confirmed() === frames || writer.peer.closed, {
        what: 'frame stored or refused',
      });
    }
    expect(writer.peer.closed?.reason).toContain('[ADMIT2]');
    expect(frames * perFrame).toBeGreaterThan(ADMISSION_LIMITS.maxSubdocsPerRoom);
    expect(writer.peer.confirmed() * perFrame).toBeLessThanOrEqual(
      ADMISSION_LIMITS.maxSubdocsPerRoom,
    );
  });

  it('[ADMIT4] a few unknown deletes (a second tab’s items not yet here) are admitted; the room then refuses more once its pending deletes are full', async () => {
    const core = startCore(tempFile(), { ...ADMISSION_LIMITS, maxPendingDeleteBytes: 4096 });
    const writer = await core.join('pending');
    writer.send(unknownDeletes(10, 77));
    core.flush();
    await waitFor(() => writer.peer.confirmed() === 1, { what: 'a few unknown deletes stored' });
    let sent = 1;
    while (!writer.peer.closed && sent < 20) {
      writer.send(unknownDeletes(1000, 77, sent * 10_000));
      core.flush();
      sent += 1;
      await waitFor(() => writer.peer.confirmed() === sent || writer.peer.closed, {
        what: 'stored or refused',
      });
    }
    expect(writer.peer.closed?.reason).toContain('[ADMIT4]');
  });

  it('[ADMIT5] a large honest update that continues what the room has is not mistaken for a waiting one', async () => {
    const core = startCore(tempFile());
    const writer = await core.join('large');
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'start ');
    writer.send(Y.encodeStateAsUpdate(doc));
    core.flush();
    await waitFor(() => writer.peer.confirmed() === 1, { what: 'start stored' });
    const before = Y.encodeStateVector(doc);
    for (let i = 0; i < 200; i++) doc.getText('t').insert(0, `${i} ${'lorem ipsum '.repeat(40)}`);
    const large = Y.encodeStateAsUpdate(doc, before);
    expect(large.length).toBeGreaterThan(ADMISSION_LIMITS.maxPendingStructBytes);
    writer.send(large);
    core.flush();
    await waitFor(() => writer.peer.confirmed() === 2 || writer.peer.closed, { what: 'stored' });
    expect(writer.peer.closed).toBeNull();
  });

  it('[ADMIT5] items waiting for unknown items are admitted up to the room’s pending budget', async () => {
    const core = startCore(tempFile(), { ...ADMISSION_LIMITS, maxPendingStructBytes: 8 * 1024 });
    const writer = await core.join('dangling');
    let sent = 0;
    while (!writer.peer.closed && sent < 20) {
      writer.send(danglingText(4 * 1024, 600 + sent, 900 + sent));
      core.flush();
      sent += 1;
      await waitFor(() => writer.peer.confirmed() === sent || writer.peer.closed, {
        what: 'stored or refused',
      });
    }
    expect(sent).toBeGreaterThan(1);
    expect(writer.peer.closed?.reason).toContain('[ADMIT5]');
    // Not permanent: an honest sender's items arrive meanwhile, and its retry is admitted.
    expect(writer.peer.closed?.code).toBe(CloseCode.updateDeferred);
    // What is pending resolves once the missing items arrive: the room is not stuck.
    const honest = await core.join('dangling');
    const missing = new Y.Doc();
    missing.clientID = 900;
    missing.getText('t').insert(0, 'm');
    honest.send(Y.encodeStateAsUpdate(missing));
    core.flush();
    await waitFor(() => honest.peer.confirmed() === 1, { what: 'missing item stored' });
  });
});

describe('rooms are isolated in the group commit [ISO1]', () => {
  it('[ISO1] an update Yjs throws on (admission relaxed to let it through) drops only its room’s batch; the other room is stored and the room reloads from storage', async () => {
    const file = tempFile();
    const relaxed = { ...ADMISSION_LIMITS, maxDepth: 1_000_000 };
    const first = startCore(file, relaxed);
    const { build, deleteOuter } = nestedMaps(4000);
    const attacker = await first.join('bad');
    attacker.send(build);
    first.flush();
    await waitFor(() => attacker.peer.confirmed() === 1, { what: 'deep build stored' });

    const good = await first.join('good');
    const other = await first.join('bad');
    other.send(textUpdate('honest, resent later', 3));
    good.send(textUpdate('kept in good', 4));
    attacker.send(deleteOuter); // overflows the stack inside Yjs
    first.flush();
    await waitFor(() => good.peer.confirmed() === 1, { what: 'good confirmed' });
    await waitFor(() => attacker.peer.closed && other.peer.closed, { what: 'bad room closed' });
    expect(attacker.peer.closed?.code).toBe(CloseCode.updateRefused);
    // The honest writer is told to come back (4503) and was never confirmed: its client resends.
    expect(other.peer.closed?.code).toBe(CloseCode.storageFailed);
    expect(other.peer.confirmed()).toBe(0);
    expect(textOf((await first.persistence.load('good')).updates)).toBe('kept in good');
    expect((await first.persistence.load('bad')).updates).toHaveLength(1);

    // The room loads again, from storage, on this relay and after a restart.
    const again = await first.join('bad');
    expect(again.peer.closed).toBeNull();
    await first.stop();
    const second = startCore(file, relaxed);
    const reader = await second.join('bad');
    expect(reader.peer.closed).toBeNull();
    expect(await second.relay.quarantined()).toBe(0);
  });
});

describe('a storage failure stays with its room [ISO2]', () => {
  it('[ISO2] when a group commit does not fit on disk, rooms are stored one by one: the small one is confirmed, the big one gets 4503', async () => {
    const core = startCore(tempFile(), ADMISSION_LIMITS, 64); // 64 pages of 4 KiB
    const big = await core.join('big');
    const small = await core.join('small');
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(1024 * 1024)); // never fits
    big.send(Y.encodeStateAsUpdate(doc));
    small.send(textUpdate('fits', 5));
    core.flush();
    await waitFor(() => small.peer.confirmed() === 1, { what: 'small room confirmed' });
    await waitFor(() => big.peer.closed, { what: 'big room closed' });
    expect(big.peer.closed?.code).toBe(CloseCode.storageFailed);
    expect(big.peer.confirmed()).toBe(0);
    expect(textOf((await core.persistence.load('small')).updates)).toBe('fits');
    expect((await core.persistence.load('big')).updates).toHaveLength(0);
  });
});
