import * as prng from 'lib0/prng';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AppendEntry, Appended } from '../../sync-server/src/persistence/persistence.js';
import { PostgresPersistence } from '../../sync-server/src/persistence/postgres/postgres-persistence.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { textOf } from '../support/stored-text.js';
import { waitFor } from '../support/wait-for.js';

/**
 * The document store shared by several relays: each PostgresPersistence here has
 * its own pool, as each relay process would, on one real PostgreSQL.
 */
let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.stop());
const cleanup = cleanupAfterEach();

const ROOMS = ['a', 'a:history', 'b', 'c', 'd'];

async function relays(count: number, url?: string): Promise<PostgresPersistence[]> {
  const connectionString = url ?? (await server.createDatabase());
  const stores = await Promise.all(
    Array.from({ length: count }, () =>
      PostgresPersistence.open({ connectionString, maxConnections: 4 }),
    ),
  );
  for (const store of stores) cleanup.push(() => store.close());
  return stores;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const textOfBytes = (data: Uint8Array) => new TextDecoder().decode(data);

interface Done {
  entries: AppendEntry[];
  appended: Appended;
}

/**
 * Each store runs `appends` group commits, `inFlight` at a time, of 1-4 entries over
 * 1-3 of ROOMS (seeded); every entry's bytes are unique. Resolves with what each
 * append stored, once all have.
 */
async function appendConcurrently(
  stores: PostgresPersistence[],
  appends: number,
  inFlight = 3,
): Promise<Done[]> {
  const done: Done[] = [];
  await Promise.all(
    stores.map(async (store, writer) => {
      const gen = prng.create(writer + 1);
      let next = 0;
      const lane = async () => {
        while (next < appends) {
          const k = next++;
          const entries = Array.from({ length: prng.uint32(gen, 1, 4) }, (_, i) => {
            const room = ROOMS[prng.uint32(gen, 0, ROOMS.length - 1)] as string;
            return { room, update: bytes(`w${writer}-k${k}-i${i}-${room}`) };
          });
          done.push({ entries, appended: await store.append(entries) });
        }
      };
      await Promise.all(Array.from({ length: inFlight }, lane));
    }),
  );
  return done;
}

describe('PostgreSQL document store shared by several relays', () => {
  it('[SCALE2] three relays appending at once to the same rooms get unique, gap-free seqs in append order and keep every update', async () => {
    const stores = await relays(3);
    const done = await appendConcurrently(stores, 40);
    const reader = stores[0] as PostgresPersistence;

    const seqOf = new Map<string, number>();
    for (const room of ROOMS) {
      const expected = done.flatMap((d) => d.entries.filter((e) => e.room === room));
      const stored = await reader.readSince(room, 0);
      expect(stored.snapshot).toBeNull();
      expect(stored.entries.map((e) => e.seq)).toEqual(expected.map((_, i) => i + 1));
      expect(stored.lastSeq).toBe(expected.length);
      expect(stored.entries.map((e) => textOfBytes(e.update)).sort()).toEqual(
        expected.map((e) => textOfBytes(e.update)).sort(),
      );
      for (const entry of stored.entries) seqOf.set(textOfBytes(entry.update), entry.seq);
    }
    // One append's entries of a room are consecutive, in the order given, ending at lastSeqs.
    for (const { entries, appended } of done) {
      for (const [room, last] of appended.lastSeqs) {
        const mine = entries.filter((e) => e.room === room);
        expect(mine.map((e) => seqOf.get(textOfBytes(e.update)))).toEqual(
          mine.map((_, i) => last - mine.length + 1 + i),
        );
      }
    }
  });

  it('[SCALE4] feed positions are unique and gap-free across relays, and heads name the last append of each room', async () => {
    const stores = await relays(3);
    const done = await appendConcurrently(stores, 40);
    const positions = done.map((d) => d.appended.position).sort((a, b) => a - b);
    expect(positions).toEqual(done.map((_, i) => i + 1));
    const expectedHeads = new Map<string, number>();
    for (const { appended } of done) {
      for (const room of appended.lastSeqs.keys()) {
        expectedHeads.set(room, Math.max(expectedHeads.get(room) ?? 0, appended.position));
      }
    }
    const heads = await (stores[1] as PostgresPersistence).headsSince(0);
    expect(new Map(heads.map((h) => [h.room, h.head]))).toEqual(expectedHeads);
    expect(heads.map((h) => h.head)).toEqual([...heads.map((h) => h.head)].sort((a, b) => a - b));
    expect((await (stores[2] as PostgresPersistence).feed()).position).toBe(done.length);
  });

  it('[SCALE4] a device that moves its cursor to the highest head it saw never skips a commit made on any relay', async () => {
    const stores = await relays(4);
    const writers = stores.slice(0, 3);
    const device = stores[3] as PostgresPersistence;
    // The device's view: the highest head it saw per room, and its cursor.
    const seen = new Map<string, number>();
    let cursor = 0;
    const poll = async () => {
      for (const { room, head } of await device.headsSince(cursor)) {
        seen.set(room, Math.max(seen.get(room) ?? 0, head));
        cursor = Math.max(cursor, head);
      }
    };
    let writing = true;
    const polling = (async () => {
      while (writing) await poll();
    })();
    const done = await appendConcurrently(writers, 60, 4);
    writing = false;
    await polling;
    await poll();
    for (const { appended } of done) {
      for (const room of appended.lastSeqs.keys()) {
        expect(seen.get(room), `${room} at ${appended.position}`).toBeGreaterThanOrEqual(
          appended.position,
        );
      }
    }
  });

  it('[SCALE3] readSince returns the log after a seq, or the snapshot when it covers the next one', async () => {
    const [store] = (await relays(1)) as [PostgresPersistence];
    const updates = textUpdates(6);
    expect(await store.readSince('doc', 0)).toEqual({ snapshot: null, entries: [], lastSeq: 0 });
    for (const update of updates) await store.append([{ room: 'doc', update }]);
    const seqs = async (after: number) =>
      (await store.readSince('doc', after)).entries.map((e) => e.seq);
    expect(await seqs(2)).toEqual([3, 4, 5, 6]);
    await store.compact('doc', Y.mergeUpdates(updates.slice(0, 4)), 4);
    const covered = await store.readSince('doc', 2);
    expect(covered.snapshot && textOf([covered.snapshot])).toBe(textOf(updates.slice(0, 4)));
    expect(covered.entries.map((e) => e.seq)).toEqual([5, 6]);
    expect(covered.lastSeq).toBe(6);
    expect(await store.readSince('doc', 4)).toMatchObject({ snapshot: null, lastSeq: 6 });
    expect(await seqs(4)).toEqual([5, 6]);
    expect(await store.readSince('doc', 6)).toEqual({ snapshot: null, entries: [], lastSeq: 6 });
  });

  it('[SCALE6] a stale compaction neither replaces a newer snapshot nor deletes entries after its throughSeq', async () => {
    const [first, second] = (await relays(2)) as [PostgresPersistence, PostgresPersistence];
    const updates = textUpdates(10);
    for (const update of updates) await first.append([{ room: 'doc', update }]);
    await first.compact('doc', Y.mergeUpdates(updates.slice(0, 8)), 8);
    // A relay whose lease ran out finishes a compaction it began earlier.
    await second.compact('doc', Y.mergeUpdates(updates.slice(0, 4)), 4);
    await second.compact('doc', Y.mergeUpdates(updates.slice(0, 3)), 8);
    const stored = await second.readSince('doc', 0);
    expect(stored.snapshot && textOf([stored.snapshot])).toBe(textOf(updates.slice(0, 8)));
    expect(stored.entries.map((e) => e.seq)).toEqual([9, 10]);
    expect(textOf((await first.load('doc')).updates)).toBe(textOf(updates));
  });

  it('[SCALE6] compactions racing on three relays with different throughSeq, beside appends, never lose an update', async () => {
    const stores = await relays(3);
    const [writer] = stores as [PostgresPersistence];
    const updates = textUpdates(80);
    for (const update of updates.slice(0, 50)) await writer.append([{ room: 'doc', update }]);
    const throughs = [10, 45, 20, 50, 5, 35, 30, 15, 40, 25];
    await Promise.all([
      (async () => {
        for (const update of updates.slice(50)) await writer.append([{ room: 'doc', update }]);
      })(),
      ...throughs.map((through, i) =>
        (stores[i % stores.length] as PostgresPersistence).compact(
          'doc',
          Y.mergeUpdates(updates.slice(0, through)),
          through,
        ),
      ),
    ]);
    const loaded = await writer.load('doc');
    expect(textOf(loaded.updates)).toBe(textOf(updates));
    expect(loaded.lastSeq).toBe(80);
    const stored = await writer.readSince('doc', 0);
    expect(stored.snapshot && textOf([stored.snapshot])).toBe(textOf(updates.slice(0, 50)));
    expect(stored.entries.map((e) => e.seq)).toEqual(updates.slice(50).map((_, i) => 51 + i));
  });

  it('[SCALE1] PostgreSQL restarting under an open pool: append fails while it is down, works after, and keeps what was committed', async () => {
    const own = await startPostgres();
    cleanup.push(() => own.stop());
    const [store] = (await relays(1, own.url)) as [PostgresPersistence];
    const [a, b, c] = textUpdates(3) as [Uint8Array, Uint8Array, Uint8Array];
    await store.append([{ room: 'doc', update: a }]);
    await own.kill();
    await expect(store.append([{ room: 'doc', update: b }])).rejects.toThrow();
    await expect(store.load('doc')).rejects.toThrow();
    await own.restart();
    expect((await store.append([{ room: 'doc', update: c }])).lastSeqs.get('doc')).toBe(2);
    expect(textOf((await store.load('doc')).updates)).toBe(textOf([a, c]));
    expect((await store.feed()).position).toBe(2);
  });

  it('[PERSIST1] an append in flight when PostgreSQL dies fails, stores nothing, and the store works after a restart', async () => {
    const own = await startPostgres();
    cleanup.push(() => own.stop());
    const [store] = (await relays(1, own.url)) as [PostgresPersistence];
    const [a, b, c] = textUpdates(3) as [Uint8Array, Uint8Array, Uint8Array];
    await store.append([{ room: 'doc', update: a }]);
    // Another session holds the room's row, so the append waits inside its transaction.
    const blocker = new pg.Client({ connectionString: own.url });
    blocker.on('error', () => {});
    await blocker.connect();
    await blocker.query("BEGIN; SELECT 1 FROM doc_rooms WHERE room = 'doc' FOR UPDATE");
    const inFlight = store.append([
      { room: 'other', update: b },
      { room: 'doc', update: b },
    ]);
    inFlight.catch(() => {});
    await waitFor(
      async () =>
        (
          await blocker.query(
            "SELECT 1 FROM pg_stat_activity WHERE application_name = 'relay' AND wait_event_type = 'Lock'",
          )
        ).rowCount,
      { what: 'the append to wait for the row lock' },
    );
    await own.kill();
    await expect(inFlight).rejects.toThrow();
    await blocker.end().catch(() => {});
    await own.restart();
    expect(await store.rooms()).toEqual(['doc']);
    expect((await store.append([{ room: 'doc', update: c }])).position).toBe(2);
    expect(textOf((await store.load('doc')).updates)).toBe(textOf([a, c]));
  });
});

function textUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) doc.getText('t').insert(i, String(i % 10));
  return updates;
}
