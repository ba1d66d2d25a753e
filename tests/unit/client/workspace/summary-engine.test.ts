import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  memorySummaryStore,
  RoomSummaries,
} from '../../../../client/src/workspace/room-summaries.js';
import { SummaryEngine, type Summarizer } from '../../../../client/src/workspace/summary-engine.js';

/** Parts on "the device": a Y.Doc per part, counting opens and releases. */
function device() {
  const docs = new Map<string, Y.Doc>();
  const open = new Map<string, number>();
  return {
    docs,
    open,
    doc(part: string) {
      let doc = docs.get(part);
      if (!doc) docs.set(part, (doc = new Y.Doc()));
      return doc;
    },
    opener(part: string) {
      open.set(part, (open.get(part) ?? 0) + 1);
      return Promise.resolve({
        doc: this.doc(part),
        release: () => open.set(part, (open.get(part) ?? 0) - 1),
      });
    },
  };
}

const countMessages: Summarizer = {
  key: 'count',
  kinds: ['channel'],
  async summarize(roomId, read) {
    const meta = await read(`${roomId}:meta`);
    const month = meta.getMap<string>('meta').get('newest') ?? 'none';
    const bucket = await read(`${roomId}:${month}`);
    return bucket.getArray('messages').length;
  },
};

describe('SummaryEngine', () => {
  it('summarises a room from the parts it reads, stores the value and releases every part', async () => {
    const parts = device();
    parts.doc('c1:meta').getMap('meta').set('newest', 'm2026-11');
    parts.doc('c1:m2026-11').getArray('messages').push(['a', 'b']);
    const summaries = new RoomSummaries(memorySummaryStore());
    await summaries.ready();
    const engine = new SummaryEngine({
      summaries,
      summarizers: [countMessages],
      open: (part) => parts.opener(part),
      kindOf: (id) => (id === 'c1' ? 'channel' : id === 'd1' ? 'doc' : null),
      delayMs: 1,
    });
    engine.changed('c1:m2026-11');
    engine.changed('c1:meta'); // one burst: one run
    engine.changed('d1'); // a doc: no summarizer for its kind
    engine.changed('gone'); // not in the directory
    await new Promise((resolve) => setTimeout(resolve, 5));
    await engine.idle();
    expect(summaries.read('c1', 'count')).toBe(2);
    expect(summaries.entries('count')).toEqual([['c1', 2]]);
    expect([...parts.open.values()].every((n) => n === 0)).toBe(true);
    expect([...parts.open.keys()].sort()).toEqual(['c1:m2026-11', 'c1:meta']);
  });

  it('runs again after the current run when the room changes meanwhile, and persists', async () => {
    const parts = device();
    parts.doc('c1:meta').getMap('meta').set('newest', 'm1');
    const store = memorySummaryStore();
    const summaries = new RoomSummaries(store);
    const engine = new SummaryEngine({
      summaries,
      summarizers: [countMessages],
      open: (part) => parts.opener(part),
      kindOf: () => 'channel',
    });
    const first = engine.run('c1');
    parts.doc('c1:m1').getArray('messages').push(['x']);
    void engine.run('c1');
    await first;
    await engine.idle();
    expect(summaries.read('c1', 'count')).toBe(1);
    const reloaded = new RoomSummaries(store);
    await reloaded.ready();
    expect(reloaded.read('c1', 'count')).toBe(1);
    reloaded.forget(['c1']);
    expect(reloaded.read('c1', 'count')).toBeUndefined();
    expect(await store.loadAll()).toEqual([]);
  });

  it('keeps other summaries when one summarizer fails, and reports the failure', async () => {
    const parts = device();
    const errors: string[] = [];
    const summaries = new RoomSummaries(memorySummaryStore());
    const engine = new SummaryEngine({
      summaries,
      summarizers: [
        { key: 'bad', kinds: ['channel'], summarize: () => Promise.reject(new Error('no')) },
        { key: 'good', kinds: ['channel'], summarize: () => Promise.resolve(7) },
      ],
      open: (part) => parts.opener(part),
      kindOf: () => 'channel',
      onError: (roomId) => errors.push(roomId),
    });
    await engine.run('c9');
    expect(errors).toEqual(['c9']);
    expect(summaries.read('c9', 'good')).toBe(7);
    expect(summaries.read('c9', 'bad')).toBeUndefined();
  });
});
