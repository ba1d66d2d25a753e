import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cleanupAfterEach } from '../support/cleanup.js';
import { createMuxClient, type MuxClient } from '../support/mux-client.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { waitFor } from '../support/wait-for.js';

const cleanup = cleanupAfterEach();

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Whole rooms and parts of rooms (`id:part`), as chat months and doc histories are. */
function roomNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i % 4 === 3 ? `room${i - 1}:part` : `room${i}`));
}

function edit(gen: prng.PRNG, sync: { doc: Y.Doc }, step: number): void {
  const { doc } = sync;
  const text = doc.getText('t');
  // Each edit records a unique key in a map that is never deleted from, so that
  // "nothing lost" can be checked exactly, and edits the text with inserts and deletes.
  doc.transact(() => {
    doc.getMap('log').set(`${doc.clientID}-${step}`, step);
    if (text.length > 0 && prng.bool(gen)) {
      const at = prng.int32(gen, 0, text.length - 1);
      text.delete(at, Math.min(prng.int32(gen, 1, 4), text.length - at));
    } else {
      text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 6));
    }
  });
}

function converged(peers: MuxClient[], room: string): boolean {
  const syncs = peers.map((p) => p.rooms.get(room));
  if (!syncs.every((s) => s?.status().kind === 'synced' && s.pending() === 0)) return false;
  const texts = new Set(syncs.map((s) => s?.doc.getText('t').toString()));
  const logs = new Set(syncs.map((s) => s?.doc.getMap('log').size));
  return texts.size === 1 && logs.size === 1;
}

interface Run {
  seed: number;
  clients: number;
  rooms: number;
  steps: number;
}

async function run({ seed, clients, rooms, steps }: Run): Promise<void> {
  const gen = prng.create(seed);
  const dataDir = mkdtempSync(join(tmpdir(), `mux-random-${seed}-`));
  // Small compaction and idle thresholds, so that compaction and room unloading happen too.
  const env = {
    DATA_DIR: dataDir,
    COMPACT_ENTRIES: '20',
    ROOM_IDLE_MS: '300',
    SQLITE_SYNCHRONOUS: 'normal',
  };
  let relay: RelayProcess = await startRelayProcess(env);
  const port = String(relay.port);
  const restart = async (how: 'kill' | 'stop') => {
    if (how === 'kill') await relay.kill();
    else await relay.stop();
    relay = await startRelayProcess({ ...env, PORT: port });
  };
  cleanup.push(() => relay.kill());
  const names = roomNames(rooms);
  for (const name of names) relay.openRoom(name);

  const peers: MuxClient[] = [];
  for (let i = 0; i < clients; i++) {
    const peer = createMuxClient(relay.wsUrl, relay.token, { maxBackoffMs: 250 });
    cleanup.push(() => peer.destroy());
    for (const name of names) peer.open(name);
    peers.push(peer);
  }
  const edits = new Map(names.map((name) => [name, 0]));
  const restarts = { kill: 0, stop: 0 };
  // At least one of each, whatever the seed draws.
  const forced = new Map<number, 'kill' | 'stop'>([
    [Math.floor(steps / 3), 'kill'],
    [Math.floor((2 * steps) / 3), 'stop'],
  ]);
  for (let step = 0; step < steps; step++) {
    const peer = prng.oneOf(gen, peers);
    const roll = prng.int32(gen, 0, 999);
    const how = forced.get(step) ?? (roll >= 990 ? (prng.bool(gen) ? 'kill' : 'stop') : null);
    if (how) {
      restarts[how]++;
      await restart(how);
    } else if (roll < 650) {
      const open = [...peer.rooms.keys()];
      const name = open.length > 0 ? prng.oneOf(gen, open) : prng.oneOf(gen, names);
      const sync = peer.rooms.get(name) ?? peer.open(name);
      edit(gen, sync, step);
      edits.set(name, (edits.get(name) ?? 0) + 1);
    } else if (roll < 800) {
      // The device drops off the network (its one socket closes) or comes back.
      peer.network.set(!peer.network.isOnline());
    } else {
      // A view closes a room (unsubscribe) or opens it again (subscribe), copy kept.
      const name = prng.oneOf(gen, names);
      if (peer.rooms.has(name)) peer.close(name);
      else peer.open(name);
    }
    await tick();
  }

  for (const peer of peers) {
    peer.network.set(true);
    for (const name of names) if (!peer.rooms.has(name)) peer.open(name);
  }
  await waitFor(() => names.every((name) => converged(peers, name)), {
    timeout: 120_000,
    what: 'every room to converge with nothing pending',
  });
  expect(restarts.kill).toBeGreaterThan(0);
  expect(restarts.stop).toBeGreaterThan(0);
  expect(peers.every((peer) => peer.sockets() > 1)).toBe(true);

  // Each room is exactly the merge of every client's edits: nothing lost.
  const merged = new Map<string, Y.Doc>();
  for (const name of names) {
    const doc = new Y.Doc();
    for (const peer of peers) {
      const sync = peer.rooms.get(name);
      if (sync) Y.applyUpdate(doc, Y.encodeStateAsUpdate(sync.doc));
    }
    expect(doc.getMap('log').size, name).toBe(edits.get(name));
    merged.set(name, doc);
  }
  for (const peer of peers) peer.destroy();

  // Pending 0 means stored: after a kill -9, a new device gets every room whole.
  await restart('kill');
  const fresh = createMuxClient(relay.wsUrl, relay.token);
  cleanup.push(() => fresh.destroy());
  for (const name of names) fresh.open(name);
  await waitFor(
    () =>
      names.every((name) => {
        const sync = fresh.rooms.get(name);
        return (
          sync?.status().kind === 'synced' &&
          sync.doc.getMap('log').size === merged.get(name)?.getMap('log').size
        );
      }),
    { timeout: 60_000, what: 'a new device to load every room' },
  );
  for (const name of names) {
    expect(fresh.rooms.get(name)?.doc.getText('t').toString(), name).toBe(
      merged.get(name)?.getText('t').toString(),
    );
  }
  expect(fresh.sockets()).toBe(1);
}

const seeds = process.env.MUX_SEED ? [Number(process.env.MUX_SEED)] : [1, 2];

describe('[SYNC2] [PERSIST2] seeded random convergence over the multiplexed transport', () => {
  it.each(seeds)(
    'seed %i: 6 clients, 24 rooms, random edits, disconnects, unsubscribes, relay restarts and kill -9',
    async (seed) => {
      await run({ seed, clients: 6, rooms: 24, steps: 1200 });
    },
    300_000,
  );
});
