import { describe, expect, it } from 'vitest';
import type { Feed } from '../../../../shared/protocol/mux.js';
import { CatchUp } from '../../../../client/src/sync/feed/catch-up.js';
import { FeedLedger } from '../../../../client/src/sync/feed/feed-ledger.js';
import { memoryFeedStore } from '../../../../client/src/sync/feed/feed-store.js';

const feed = (cursor: number, heads: [string, number][], feedId = 'f1'): Feed => ({
  feedId,
  cursor,
  complete: false,
  heads: heads.map(([room, head]) => ({ room, head })),
});

/** A fetch the test finishes by hand, in any order. */
function manualFetches() {
  const waiting = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  const started: string[] = [];
  return {
    started,
    fetchPart: (part: string) =>
      new Promise<void>((resolve, reject) => {
        started.push(part);
        waiting.set(part, { resolve, reject });
      }),
    finish(part: string) {
      const entry = waiting.get(part);
      if (!entry) throw new Error(`${part} is not being fetched`);
      waiting.delete(part);
      entry.resolve();
    },
    fail(part: string) {
      waiting.get(part)?.reject(new Error('no'));
      waiting.delete(part);
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('FeedLedger [FEED1]', () => {
  it('marks parts outstanding until fetched at their head, and the cursor only moves forward', () => {
    const ledger = new FeedLedger();
    const { advanced } = ledger.apply(
      feed(7, [
        ['a', 3],
        ['b:2026-11', 7],
      ]),
    );
    expect(advanced).toEqual(['a', 'b:2026-11']);
    expect(ledger.progress()).toMatchObject({ parts: 2, current: 0 });
    ledger.fetched('a', 3);
    expect(ledger.outstanding()).toEqual(['b:2026-11']);
    // An older head than known changes nothing; an older cursor does not move it back.
    const again = ledger.apply(feed(5, [['a', 2]]));
    expect(again.advanced).toEqual([]);
    expect(ledger.cursor.cursor).toBe(7);
  });

  it('a part that advanced during its fetch stays outstanding', () => {
    const ledger = new FeedLedger();
    ledger.apply(feed(1, [['a', 1]]));
    ledger.apply(feed(2, [['a', 2]]));
    ledger.fetched('a', 1);
    expect(ledger.heads('a')).toEqual({ want: 2, have: 1 });
    expect(ledger.outstanding()).toEqual(['a']);
  });

  it('a new feed id voids every head the device knew', () => {
    const ledger = new FeedLedger();
    ledger.apply(
      feed(9, [
        ['a', 9],
        ['b', 4],
      ]),
    );
    ledger.fetched('a', 9);
    ledger.fetched('b', 4);
    const { write, advanced } = ledger.apply(feed(2, [['a', 2]], 'f2'));
    expect(write.reset).toBe(true);
    expect(write.deleted).toEqual(['b']);
    expect(advanced).toEqual(['a']);
    expect(ledger.cursor).toMatchObject({ feedId: 'f2', cursor: 2 });
    expect(ledger.progress()).toMatchObject({ parts: 1, current: 0 });
  });

  it('forgets every part of a room that went away', () => {
    const ledger = new FeedLedger();
    ledger.apply(
      feed(3, [
        ['a', 1],
        ['a:2026-10', 2],
        ['ab', 3],
      ]),
    );
    expect(ledger.forgetRooms(['a']).deleted).toEqual(['a', 'a:2026-10']);
    expect([...ledger.roomIds()]).toEqual(['ab']);
  });
});

describe('CatchUp', () => {
  it('fetches outstanding parts most urgent first, a bounded number at a time', async () => {
    const fetches = manualFetches();
    const urgent = new Set(['dm']);
    const catchUp = new CatchUp({
      store: memoryFeedStore(),
      fetchPart: fetches.fetchPart,
      priority: (part) => (urgent.has(part) ? 0 : 1),
      concurrency: 2,
    });
    await catchUp.ready();
    catchUp.receive(
      feed(5, [
        ['c1', 1],
        ['c2', 2],
        ['dm', 3],
        ['c3', 4],
      ]),
    );
    await catchUp.ready();
    expect(fetches.started).toEqual(['dm', 'c1']);
    expect(catchUp.progress()).toMatchObject({ parts: 4, current: 0, fetching: 2 });
    fetches.finish('dm');
    await settle();
    expect(fetches.started).toEqual(['dm', 'c1', 'c2']);
    expect(catchUp.progress().current).toBe(1);
  });

  it('fetches a part again when it advanced during its fetch', async () => {
    const fetches = manualFetches();
    const catchUp = new CatchUp({ store: memoryFeedStore(), fetchPart: fetches.fetchPart });
    await catchUp.ready();
    catchUp.receive(feed(1, [['a', 1]]));
    catchUp.receive(feed(2, [['a', 2]]));
    await catchUp.ready();
    expect(fetches.started).toEqual(['a']);
    fetches.finish('a');
    await settle();
    expect(fetches.started).toEqual(['a', 'a']);
    fetches.finish('a');
    await settle();
    expect(catchUp.progress()).toMatchObject({ parts: 1, current: 1, fetching: 0 });
  });

  it('keeps a failed part outstanding and tries it again on retry()', async () => {
    const fetches = manualFetches();
    const errors: string[] = [];
    const catchUp = new CatchUp({
      store: memoryFeedStore(),
      fetchPart: fetches.fetchPart,
      onError: (part) => errors.push(part),
    });
    await catchUp.ready();
    catchUp.receive(feed(1, [['a', 1]]));
    await catchUp.ready();
    fetches.fail('a');
    await settle();
    expect(errors).toEqual(['a']);
    expect(fetches.started).toEqual(['a']);
    catchUp.retry();
    expect(fetches.started).toEqual(['a', 'a']);
  });

  it('resumes outstanding parts from its store after a restart', async () => {
    const store = memoryFeedStore();
    const first = manualFetches();
    const before = new CatchUp({ store, fetchPart: first.fetchPart, concurrency: 1 });
    await before.ready();
    before.receive(
      feed(4, [
        ['a', 1],
        ['b', 4],
      ]),
    );
    await before.ready();
    first.finish('a');
    await settle();
    await before.flushed();
    before.stop();

    const second = manualFetches();
    const after = new CatchUp({ store, fetchPart: second.fetchPart });
    await after.ready();
    expect(after.ledger.cursor).toMatchObject({ feedId: 'f1', cursor: 4 });
    expect(second.started).toEqual(['b']);
  });
});
