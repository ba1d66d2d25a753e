/**
 * [FUZZ1] A seeded fuzzer of valid but hostile Yjs updates (random nesting,
 * sub-documents, racing client ids, roots, deletes of known and unknown items,
 * items waiting on missing ones) against a real relay process, while honest
 * clients keep writing. The relay answers every health check, every honest room
 * loads after a restart with everything that was confirmed, and no room ends up
 * quarantined.
 */
import * as decoding from 'lib0/decoding';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { MessageType, SyncMessageType } from '../../shared/protocol/message-types.js';
import { syncFrame } from '../../sync-server/src/rooms/room.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { randomHostileUpdate } from '../support/hostile-updates.js';
import { openRawSocket } from '../support/raw-socket.js';
import { startRelayProcess } from '../support/relay-process.js';
import type { TestClient } from '../support/test-client.js';
import { waitFor } from '../support/wait-for.js';

const cleanup = cleanupAfterEach();
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 60);

const isConfirm = (frame: Uint8Array) =>
  decoding.readVarUint(decoding.createDecoder(frame)) === MessageType.confirm;

describe('hostile but valid updates against a real relay [FUZZ1]', () => {
  it(`[FUZZ1] ${FRAMES} seeded hostile updates (seed ${SEED}): health answered throughout, honest rooms intact after restart`, async () => {
    const relay = await startRelayProcess({ ROOM_IDLE_MS: '200' });
    cleanup.push(() => (relay.child.exitCode === null ? relay.kill() : undefined));
    const writers: { room: string; client: TestClient }[] = ['honest-a', 'honest-b', 'hostile'].map(
      (room) => ({ room, client: relay.client(room, { confirm: true }) }),
    );
    cleanup.push(() => writers.forEach((w) => w.client.destroy()));
    await Promise.all(writers.map((w) => w.client.synced()));

    // Health checks every 50 ms for the whole run; each must be answered.
    let healthChecks = 0;
    const failures: string[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        try {
          const response = await fetch(`${relay.httpUrl}/healthz`, {
            signal: AbortSignal.timeout(10_000),
          });
          if (response.status !== 200) failures.push(`status ${response.status}`);
          healthChecks += 1;
        } catch (error) {
          failures.push(String(error));
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const gen = prng.create(SEED);
    const verdicts = { stored: 0, refused: 0 };
    for (let i = 0; i < FRAMES; i++) {
      for (const { client } of writers) client.doc.getText('t').insert(0, `${i} `);
      const update = randomHostileUpdate(gen, writers[2]!.client.doc);
      const socket = await openRawSocket(`${relay.wsUrl}/hostile?token=${relay.token}&confirm=1`);
      socket.send(syncFrame(SyncMessageType.update, update));
      const outcome = await Promise.race([
        socket.closed.then(({ code }) => code),
        waitFor(() => socket.frames.some(isConfirm), { timeout: 60_000 }).then(() => 'stored'),
      ]);
      if (outcome === 'stored') verdicts.stored += 1;
      else {
        expect([CloseCode.updateRefused, CloseCode.updateDeferred]).toContain(outcome);
        verdicts.refused += 1;
      }
      socket.ws.close();
    }
    await Promise.all(writers.map((w) => w.client.allConfirmed()));
    polling = false;
    await poller;
    expect(failures).toEqual([]);
    expect(healthChecks).toBeGreaterThan(10);
    // The seed exercises both sides of admission.
    expect(verdicts.stored).toBeGreaterThan(0);
    expect(verdicts.refused).toBeGreaterThan(0);

    const confirmed = new Map(
      writers.map(({ room, client }) => [room, client.doc.getText('t').toString()]),
    );
    writers.forEach((w) => w.client.destroy());
    await relay.kill();
    const again = await startRelayProcess({ DATA_DIR: relay.dataDir });
    cleanup.push(() => (again.child.exitCode === null ? again.kill() : undefined));
    for (const room of ['honest-a', 'honest-b', 'hostile']) {
      const reader = again.client(room, { doc: new Y.Doc() });
      cleanup.push(() => reader.destroy());
      await reader.synced();
      if (room !== 'hostile') expect(reader.doc.getText('t').toString()).toBe(confirmed.get(room));
    }
    const health = (await (await fetch(`${again.httpUrl}/healthz`)).json()) as object;
    expect(health).toMatchObject({ ok: true, quarantined: 0 });
  });
});
