import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Persistence } from '../../sync-server/src/persistence/persistence.js';
import { textOf } from '../support/stored-text.js';

/**
 * The one contract every Persistence implementation passes. `open(id)` returns a
 * store over the storage named `id`; calling it again after close() reopens it.
 */
export function persistenceContract(name: string, open: (id: string) => Persistence): void {
  const textUpdates = (count: number): Uint8Array[] => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < count; i++) doc.getText('t').insert(i, String(i % 10));
    return updates;
  };

  describe(`Persistence contract: ${name}`, () => {
    it('[ISO3] a quarantine entry survives reopening, lists oldest first and is released', async () => {
      const store = open('quarantine');
      const updates = textUpdates(3);
      await store.append(updates.map((update) => ({ room: 'bad', update })));
      await store.quarantine({ room: 'bad', reason: 'stack overflow', at: 2000 });
      await store.quarantine({ room: 'older', reason: 'cannot decode', at: 1000 });
      await store.close();
      const again = open('quarantine');
      expect(await again.quarantineOf('bad')).toEqual({
        room: 'bad',
        reason: 'stack overflow',
        at: 2000,
      });
      expect(await again.quarantineOf('fine')).toBeNull();
      expect((await again.quarantined()).map((entry) => entry.room)).toEqual(['older', 'bad']);
      // The data is kept untouched for the operator.
      expect(textOf((await again.load('bad')).updates)).toBe(textOf(updates));
      await again.release('bad');
      expect(await again.quarantineOf('bad')).toBeNull();
      expect((await again.quarantined()).map((entry) => entry.room)).toEqual(['older']);
      await again.close();
    });

    it('[PERSIST1] an unknown room loads empty', async () => {
      const store = open('empty');
      await expect(store.load('nobody')).resolves.toEqual({
        updates: [],
        lastSeq: 0,
        logLength: 0,
      });
      await store.close();
    });

    it('[PERSIST1] appends keep order, per room, with increasing sequence numbers', async () => {
      const store = open('order');
      const [a, b, c] = textUpdates(3) as [Uint8Array, Uint8Array, Uint8Array];
      const first = await store.append([
        { room: 'r1', update: a },
        { room: 'r2', update: c },
        { room: 'r1', update: b },
      ]);
      expect(first.lastSeqs.get('r1')).toBe(2);
      expect(first.lastSeqs.get('r2')).toBe(1);
      const r1 = await store.load('r1');
      expect(r1.updates).toEqual([a, b]);
      expect(r1.lastSeq).toBe(2);
      expect(r1.logLength).toBe(2);
      expect((await store.rooms()).sort()).toEqual(['r1', 'r2']);
      await store.close();
    });

    it('[PERSIST2] data survives close and reopen', async () => {
      const updates = textUpdates(20);
      const store = open('reopen');
      await store.append(updates.map((update) => ({ room: 'doc', update })));
      await store.close();
      const again = open('reopen');
      const loaded = await again.load('doc');
      expect(textOf(loaded.updates)).toBe(textOf(updates));
      expect(loaded.lastSeq).toBe(20);
      await again.close();
    });

    it('[PERSIST3] compaction replaces the log prefix and keeps later entries', async () => {
      const updates = textUpdates(10);
      const store = open('compact');
      await store.append(updates.slice(0, 6).map((update) => ({ room: 'doc', update })));
      const snapshot = Y.mergeUpdates(updates.slice(0, 6));
      await store.compact('doc', snapshot, 6);
      await store.append(updates.slice(6).map((update) => ({ room: 'doc', update })));
      const loaded = await store.load('doc');
      expect(loaded.updates).toHaveLength(1 + 4);
      expect(loaded.logLength).toBe(4);
      expect(loaded.lastSeq).toBe(10);
      expect(textOf(loaded.updates)).toBe(textOf(updates));
      await store.close();
    });

    it('[QUOTA1] counts the bytes of stored snapshots and log entries', async () => {
      const updates = textUpdates(6);
      const store = open('bytes');
      const sum = (list: Uint8Array[]) => list.reduce((n, u) => n + u.length, 0);
      expect(await store.storedBytes()).toBe(0);
      await store.append(updates.map((update) => ({ room: 'doc', update })));
      await store.append([{ room: 'other', update: updates[0] ?? new Uint8Array() }]);
      expect(await store.storedBytes()).toBe(sum(updates) + (updates[0]?.length ?? 0));
      const snapshot = Y.mergeUpdates(updates.slice(0, 4));
      await store.compact('doc', snapshot, 4);
      expect(await store.storedBytes()).toBe(
        snapshot.length + sum(updates.slice(4)) + (updates[0]?.length ?? 0),
      );
      expect(await store.scrub()).toBe(true);
      await store.close();
    });

    it('[PERSIST3] sequence numbers keep growing after a full compaction and reopen', async () => {
      const updates = textUpdates(4);
      const store = open('seq');
      await store.append(updates.slice(0, 2).map((update) => ({ room: 'doc', update })));
      await store.compact('doc', Y.mergeUpdates(updates.slice(0, 2)), 2);
      await store.close();
      const again = open('seq');
      const seqs = await again.append(updates.slice(2).map((update) => ({ room: 'doc', update })));
      expect(seqs.lastSeqs.get('doc')).toBe(4);
      expect(textOf((await again.load('doc')).updates)).toBe(textOf(updates));
      await again.close();
    });

    it('[FEED5] the feed position grows once per append that stores, and heads name its last append', async () => {
      const store = open('feed');
      const [a, b, c, d] = textUpdates(4) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
      const start = await store.feed();
      expect(start.position).toBe(0);
      expect(start.feedId).toMatch(/^[A-Za-z0-9_-]{8,}$/);
      const first = await store.append([
        { room: 'doc', update: a },
        { room: 'doc:history', update: b },
        { room: 'doc', update: c },
      ]);
      expect(first.position).toBe(1);
      // Nothing stored, nothing counted.
      expect((await store.append([])).position).toBe(1);
      const second = await store.append([{ room: 'chat', update: d }]);
      expect(second.position).toBe(2);
      expect(await store.feed()).toEqual({ feedId: start.feedId, position: 2 });
      expect(await store.headsSince(0)).toEqual(
        expect.arrayContaining([
          { room: 'doc', head: 1 },
          { room: 'doc:history', head: 1 },
          { room: 'chat', head: 2 },
        ]),
      );
      expect(await store.headsSince(0)).toHaveLength(3);
      expect(await store.headsSince(1)).toEqual([{ room: 'chat', head: 2 }]);
      expect(await store.headsSince(2)).toEqual([]);
      await store.append([{ room: 'doc:history', update: d }]);
      expect(await store.headsSince(2)).toEqual([{ room: 'doc:history', head: 3 }]);
      await store.close();
    });

    it('[FEED5] headsOf lists every part of the room ids asked and nothing of rooms that share a prefix', async () => {
      const store = open('heads-of');
      const update = textUpdates(1)[0] as Uint8Array;
      const names = ['a', 'a:1', 'a:2024-05', 'ab', 'ab:1', 'a-b', 'b', 'b:x', 'c'];
      for (const room of names) await store.append([{ room, update }]);
      const heads = await store.headsOf(['a', 'b', 'nope', '%', 'a:']);
      expect(heads.map((h) => h.room).sort()).toEqual(['a', 'a:1', 'a:2024-05', 'b', 'b:x']);
      expect(heads.find((h) => h.room === 'b:x')?.head).toBe(names.indexOf('b:x') + 1);
      expect(await store.headsOf([])).toEqual([]);
      await store.close();
    });

    it('[FEED5] heads, position and feed id survive compaction and reopening', async () => {
      const updates = textUpdates(6);
      const store = open('feed-reopen');
      for (const update of updates.slice(0, 3)) await store.append([{ room: 'doc', update }]);
      await store.append([{ room: 'other', update: updates[3] as Uint8Array }]);
      const before = await store.feed();
      await store.compact('doc', Y.mergeUpdates(updates.slice(0, 3)), 3);
      expect(await store.headsSince(0)).toEqual([
        { room: 'doc', head: 3 },
        { room: 'other', head: 4 },
      ]);
      await store.close();
      const again = open('feed-reopen');
      expect(await again.feed()).toEqual(before);
      expect(await again.headsSince(3)).toEqual([{ room: 'other', head: 4 }]);
      expect(
        (await again.append([{ room: 'doc', update: updates[4] as Uint8Array }])).position,
      ).toBe(5);
      await again.close();
    });

    it('[SCALE3] readSince returns the entries after a seq, or the snapshot that covers it', async () => {
      const updates = textUpdates(8);
      const store = open('read-since');
      expect(await store.readSince('nobody', 0)).toEqual({
        snapshot: null,
        entries: [],
        lastSeq: 0,
      });
      for (const update of updates.slice(0, 5)) await store.append([{ room: 'doc', update }]);
      await store.append([{ room: 'other', update: updates[7] as Uint8Array }]);
      const since = await store.readSince('doc', 2);
      expect(since.snapshot).toBeNull();
      expect(since.entries.map((e) => e.seq)).toEqual([3, 4, 5]);
      expect(since.entries.map((e) => e.update)).toEqual(updates.slice(2, 5));
      expect(since.lastSeq).toBe(5);
      expect(await store.readSince('doc', 5)).toEqual({ snapshot: null, entries: [], lastSeq: 5 });

      const snapshot = Y.mergeUpdates(updates.slice(0, 4));
      await store.compact('doc', snapshot, 4);
      await store.append(updates.slice(5, 7).map((update) => ({ room: 'doc', update })));
      const behind = await store.readSince('doc', 2);
      expect(behind.snapshot).toEqual(snapshot);
      expect(behind.entries.map((e) => e.seq)).toEqual([5, 6, 7]);
      expect(behind.lastSeq).toBe(7);
      const caughtUp = await store.readSince('doc', 4);
      expect(caughtUp.snapshot).toBeNull();
      expect(caughtUp.entries.map((e) => e.seq)).toEqual([5, 6, 7]);
      // What a relay holds after applying the answer is the whole document.
      expect(textOf([behind.snapshot as Uint8Array, ...behind.entries.map((e) => e.update)])).toBe(
        textOf(updates.slice(0, 7)),
      );
      await store.close();
    });

    it('[SCALE6] a stale compaction keeps the newer snapshot and every later entry', async () => {
      const updates = textUpdates(9);
      const store = open('fencing');
      await store.append(updates.slice(0, 6).map((update) => ({ room: 'doc', update })));
      const newer = Y.mergeUpdates(updates.slice(0, 6));
      const stale = Y.mergeUpdates(updates.slice(0, 3));
      await store.compact('doc', newer, 6);
      await store.append(updates.slice(6).map((update) => ({ room: 'doc', update })));
      await store.compact('doc', stale, 3);
      await store.compact('doc', Y.mergeUpdates(updates.slice(0, 6)), 6);
      const loaded = await store.load('doc');
      expect(loaded.updates[0]).toEqual(newer);
      expect(loaded.logLength).toBe(3);
      expect(loaded.lastSeq).toBe(9);
      expect(textOf(loaded.updates)).toBe(textOf(updates));
      const since = await store.readSince('doc', 0);
      expect(since.snapshot).toEqual(newer);
      expect(since.entries.map((e) => e.seq)).toEqual([7, 8, 9]);
      // A compactor that read less than what was appended since keeps those entries.
      await store.compact('doc', Y.mergeUpdates(updates.slice(0, 8)), 8);
      const after = await store.load('doc');
      expect(after.logLength).toBe(1);
      expect(textOf(after.updates)).toBe(textOf(updates));
      await store.close();
    });

    it('[SCALE2] two stores over one storage appending in turn number a room without gaps', async () => {
      const updates = textUpdates(10);
      const a = open('two-writers');
      const b = open('two-writers');
      const seqs: number[] = [];
      const positions: number[] = [];
      for (const [index, update] of updates.entries()) {
        const store = index % 2 === 0 ? a : b;
        const appended = await store.append([
          { room: 'doc', update },
          ...(index % 3 === 0 ? [{ room: 'side', update }] : []),
        ]);
        seqs.push(appended.lastSeqs.get('doc') ?? 0);
        positions.push(appended.position);
      }
      expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect((await a.feed()).position).toBe(10);
      expect(await b.feed()).toEqual(await a.feed());
      const heads = await b.headsSince(8);
      expect(heads).toHaveLength(2);
      expect(heads).toEqual(
        expect.arrayContaining([
          { room: 'doc', head: 10 },
          { room: 'side', head: 10 },
        ]),
      );
      for (const store of [a, b]) {
        const loaded = await store.load('doc');
        expect(loaded.lastSeq).toBe(10);
        expect(textOf(loaded.updates)).toBe(textOf(updates));
        expect((await store.readSince('side', 0)).entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      }
      // Compaction through one handle, appends through the other: seqs keep growing.
      await a.compact('doc', Y.mergeUpdates(updates), 10);
      expect(
        (await b.append([{ room: 'doc', update: updates[0] as Uint8Array }])).lastSeqs.get('doc'),
      ).toBe(11);
      await a.close();
      if (b !== a) await b.close();
    });

    it('[PERSIST1] stored bytes are copies, not views of the caller buffer', async () => {
      const store = open('copy');
      const update = textUpdates(1)[0] as Uint8Array;
      const original = update.slice();
      await store.append([{ room: 'doc', update }]);
      update.fill(0);
      expect((await store.load('doc')).updates[0]).toEqual(original);
      await store.close();
    });
  });
}
