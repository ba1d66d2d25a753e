import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import type { TestClient } from '../support/test-client.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';
import { waitFor } from '../support/wait-for.js';
import { cleanupAfterEach } from '../support/cleanup.js';

const cleanup = cleanupAfterEach();

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function run(seed: number, clients: number, steps: number): Promise<void> {
  const gen = prng.create(seed);
  const file = join(mkdtempSync(join(tmpdir(), `random-${seed}-`)), 'relay.sqlite');
  const open = (port?: number) =>
    startTestRelay({
      persistence: new SqlitePersistence({ file }),
      identityFile: `${file}.identity`,
      ...(port ? { port } : {}),
    });
  let relay: TestRelay = await open();
  const port = relay.port;
  cleanup.push(() => relay.stop());
  const peers: TestClient[] = [];
  for (let i = 0; i < clients; i++) {
    const c = relay.client('room', { confirm: i % 2 === 0, maxBackoffTime: 50 });
    cleanup.push(() => c.destroy());
    peers.push(c);
  }
  let restarts = 0;
  let edits = 0;
  for (let step = 0; step < steps; step++) {
    const peer = prng.oneOf(gen, peers);
    const roll = prng.int32(gen, 0, 99);
    if (roll < 70) {
      const text = peer.doc.getText('t');
      // Each edit records a unique key in a map that is never deleted from, so that
      // "nothing lost" can be checked exactly, and edits the text with inserts and deletes.
      edits++;
      peer.doc.transact(() => {
        peer.doc.getMap('log').set(`${peer.doc.clientID}-${step}`, step);
        if (text.length > 0 && prng.bool(gen)) {
          const at = prng.int32(gen, 0, text.length - 1);
          text.delete(at, Math.min(prng.int32(gen, 1, 4), text.length - at));
        } else {
          text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 6));
        }
      });
    } else if (roll < 90) {
      if (peer.provider.shouldConnect) peer.provider.disconnect();
      else peer.provider.connect();
    } else if (roll < 92) {
      restarts++;
      if (prng.bool(gen)) await relay.crash();
      else await relay.stop();
      relay = await open(port);
    }
    await tick();
  }
  for (const p of peers) if (!p.provider.shouldConnect) p.provider.connect();
  await waitFor(
    () => {
      const texts = peers.map((p) => p.doc.getText('t').toString());
      const logs = peers.map((p) => p.doc.getMap('log').size);
      return (
        peers.every((p) => p.provider.synced) &&
        new Set(texts).size === 1 &&
        new Set(logs).size === 1
      );
    },
    { timeout: 30_000, what: 'convergence' },
  );
  // The converged document is exactly the merge of every client's edits.
  const merged = new Y.Doc();
  for (const p of peers) Y.applyUpdate(merged, Y.encodeStateAsUpdate(p.doc));
  expect(merged.getMap('log').size).toBe(edits);
  for (const p of peers) {
    expect(p.doc.getText('t').toString()).toBe(merged.getText('t').toString());
    expect(p.doc.getMap('log').size).toBe(merged.getMap('log').size);
  }
  // And the relay stores it all: a fresh client after one more restart sees the same.
  await relay.stop();
  relay = await open(port);
  const fresh = relay.client('room');
  cleanup.push(() => fresh.destroy());
  await waitFor(
    () => fresh.provider.synced && fresh.doc.getMap('log').size === merged.getMap('log').size,
  );
  expect(fresh.doc.getText('t').toString()).toBe(merged.getText('t').toString());
  expect(restarts).toBeGreaterThan(0);
}

describe('[SYNC2] seeded random convergence with disconnects and relay restarts', () => {
  it.each([1, 2, 3])('seed %i: 6 clients, 1000 steps', async (seed) => {
    await run(seed, 6, 1000);
  });
});
