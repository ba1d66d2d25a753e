import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';

// Node resolves solid-js to its server build, which never re-runs a memo: use the
// browser build, whose reactivity this bridge relies on.
// @ts-expect-error the build file has no types of its own; it is the API of 'solid-js'
vi.mock('solid-js', () => import('solid-js/dist/solid.js'));
const { createRoot, createSignal } = await import('solid-js');
const { createYjsVersion, fromYjs, yjsVersion } =
  await import('../../../../client/src/sync/yjs-signal.js');

/** Ends a burst: the bridge's trailing re-read happens. */
const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('the Yjs-to-Solid bridge', () => {
  it('re-reads a doc at once, and once more for the rest of a burst of updates', async () => {
    const doc = new Y.Doc();
    const list = doc.getArray<number>('list');
    let reads = 0;
    const { value, dispose } = createRoot((dispose) => ({
      value: fromYjs(doc, () => (reads++, list.toArray())),
      dispose,
    }));
    expect(value()).toEqual([]);
    list.push([0]);
    expect(value()).toEqual([0]);
    for (let i = 1; i < 100; i++) list.push([i]);
    const other = new Y.Doc();
    other.getArray<number>('list').push([100]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    await settle();
    expect(value()).toHaveLength(101);
    expect(reads).toBe(3);
    dispose();
  });

  it('watches a shared type deeply, and not the rest of its doc', async () => {
    const doc = new Y.Doc();
    const map = doc.getMap<Y.Map<string>>('comments');
    let reads = 0;
    const dispose = createRoot((dispose) => {
      const size = fromYjs(map, () => (reads++, map.size));
      expect(size()).toBe(0);
      return dispose;
    });
    const entry = new Y.Map<string>();
    map.set('c1', entry);
    await settle();
    entry.set('text', 'nested');
    await settle();
    doc.getText('body').insert(0, 'elsewhere');
    await settle();
    expect(reads).toBe(3);
    dispose();
  });

  it('stops watching when its owner is cleaned up', async () => {
    const doc = new Y.Doc();
    const version = createRoot((dispose) => {
      const v = yjsVersion(doc);
      dispose();
      return v;
    });
    doc.getText('body').insert(0, 'after');
    await settle();
    expect(version()).toBe(0);
    expect(doc._observers.get('update')?.size ?? 0).toBe(0);
  });

  it('follows a changing list of docs, dropping those that leave it', async () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    const { version, setDocs, dispose } = createRoot((dispose) => {
      const [docs, setDocs] = createSignal<Y.Doc[]>([a]);
      return { version: yjsVersion(docs), setDocs, dispose };
    });
    b.getText('t').insert(0, 'not followed yet');
    await settle();
    expect(version()).toBe(0);
    setDocs([b]);
    b.getText('t').insert(0, 'followed');
    await settle();
    expect(version()).toBe(1);
    a.getText('t').insert(0, 'dropped');
    await settle();
    expect(version()).toBe(1);
    dispose();
    expect(b._observers.get('update')?.size ?? 0).toBe(0);
  });

  it('lets a caller add and drop docs on its own schedule', async () => {
    const doc = new Y.Doc();
    const { version, watch } = createYjsVersion();
    const stop = watch(doc);
    doc.getText('t').insert(0, 'one');
    await settle();
    expect(version()).toBe(1);
    stop();
    doc.getText('t').insert(0, 'two');
    await settle();
    expect(version()).toBe(1);
  });
});
