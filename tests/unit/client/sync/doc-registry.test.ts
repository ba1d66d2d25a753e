import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { DocRegistry } from '../../../../client/src/sync/doc-registry.js';
import type { RoomSync } from '../../../../client/src/sync/room-sync.js';

function fakeOpener() {
  /** Pending count per room, changed by the test (rooms named 'dirty' start at 2). */
  const pendingOf = new Map<string, number>();
  const opened: string[] = [];
  const destroyed: string[] = [];
  const resumed: string[] = [];
  const open = (room: string): RoomSync => {
    opened.push(room);
    const doc = new Y.Doc();
    return {
      room,
      doc,
      awareness: new Awareness(doc),
      status: () => ({ kind: 'synced' }),
      pending: () => pendingOf.get(room) ?? (room === 'dirty' ? 2 : 0),
      loaded: () => true,
      savedLocally: () => room !== 'writing',
      relayState: () => null,
      readOnly: () => false,
      resume: () => resumed.push(room),
      destroy: () => {
        destroyed.push(room);
        doc.destroy();
      },
    };
  };
  return { open, opened, destroyed, resumed, pendingOf };
}

describe('DocRegistry', () => {
  it('shares one doc per room and destroys it on the last release', () => {
    const fake = fakeOpener();
    const registry = new DocRegistry(fake.open);
    const a = registry.acquire('scratchpad');
    const b = registry.acquire('scratchpad');
    expect(a.doc).toBe(b.doc);
    expect(fake.opened).toEqual(['scratchpad']);
    a.release();
    a.release(); // idempotent: must not drop b's reference
    expect(fake.destroyed).toEqual([]);
    b.release();
    expect(fake.destroyed).toEqual(['scratchpad']);
    expect(registry.rooms()).toEqual([]);
    registry.acquire('scratchpad');
    expect(fake.opened).toEqual(['scratchpad', 'scratchpad']);
  });

  it('reports unsaved work in any acquired room', () => {
    const registry = new DocRegistry(fakeOpener().open);
    registry.acquire('clean');
    expect(registry.hasUnsavedWork()).toBe(false);
    registry.acquire('dirty');
    expect(registry.hasUnsavedWork()).toBe(true);
    registry.evictAll();
    expect(registry.hasUnsavedWork()).toBe(false);
    registry.acquire('writing');
    expect(registry.hasUnsavedWork()).toBe(true);
  });

  it('keeps a released room open until its edits are on the relay, then closes it', async () => {
    const fake = fakeOpener();
    const registry = new DocRegistry(fake.open, { settleCheckMs: 5 });
    registry.acquire('dirty').release();
    expect(registry.isOpen('dirty')).toBe(true);
    expect(registry.hasUnsavedWork()).toBe(true);
    expect(registry.rooms().map((r) => r.room)).toEqual(['dirty']);
    // Acquired again while it lingers: the same copy, not a second one.
    const again = registry.acquire('dirty');
    expect(fake.opened).toEqual(['dirty']);
    again.release();
    fake.pendingOf.set('dirty', 0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(registry.isOpen('dirty')).toBe(false);
    expect(fake.destroyed).toEqual(['dirty']);
  });

  it('remembers unsettled parts across reloads and opens them again at start', async () => {
    const fake = fakeOpener();
    let saved: readonly string[] = [];
    const unsettled = {
      load: () => [...saved],
      save: (parts: readonly string[]) => (saved = parts),
    };
    const registry = new DocRegistry(fake.open, { unsettled, settleCheckMs: 5 });
    registry.acquire('dirty');
    registry.acquire('clean');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(saved).toEqual(['dirty']);

    const next = fakeOpener();
    const reloaded = new DocRegistry(next.open, { unsettled, settleCheckMs: 5 });
    expect(next.opened).toEqual([]);
    reloaded.reopenUnsettled();
    expect(next.opened).toEqual(['dirty']);
    expect(reloaded.hasUnsavedWork()).toBe(true);
    next.pendingOf.set('dirty', 0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(reloaded.isOpen('dirty')).toBe(false);
    expect(saved).toEqual([]);
  });

  it('tells listeners which open room changed', () => {
    const registry = new DocRegistry(fakeOpener().open);
    const changed: string[] = [];
    registry.onChange((room) => changed.push(room));
    const handle = registry.acquire('c1:meta');
    handle.doc.getMap('m').set('k', 1);
    handle.release();
    expect(changed).toEqual(['c1:meta']);
  });

  it('rejects room names the relay would refuse', () => {
    const registry = new DocRegistry(fakeOpener().open);
    expect(() => registry.acquire('.hidden')).toThrow(/invalid room name/);
    expect(() => registry.acquire('a/b')).toThrow(/invalid room name/);
  });

  it('evicts every part of a room at once; stale handles cannot release the new copy', () => {
    const fake = fakeOpener();
    const registry = new DocRegistry(fake.open);
    const whole = registry.acquire('room1234');
    registry.acquire('room1234:2024-05');
    const other = registry.acquire('room12345');
    registry.evict('room1234');
    expect(fake.destroyed.sort()).toEqual(['room1234', 'room1234:2024-05']);
    expect(registry.rooms().map((room) => room.room)).toEqual(['room12345']);

    const fresh = registry.acquire('room1234');
    expect(fresh.doc).not.toBe(whole.doc);
    whole.release(); // the evicted claim must not drop the fresh one
    expect(registry.rooms().map((room) => room.room)).toContain('room1234');
    fresh.release();
    other.release();
    expect(registry.rooms()).toEqual([]);
  });

  it('evictAll closes every room; resumeStopped reaches every open room', () => {
    const fake = fakeOpener();
    const registry = new DocRegistry(fake.open);
    registry.acquire('scratchpad');
    registry.acquire('room1234');
    registry.resumeStopped();
    expect(fake.resumed.sort()).toEqual(['room1234', 'scratchpad']);
    registry.evictAll();
    expect(fake.destroyed.sort()).toEqual(['room1234', 'scratchpad']);
    expect(registry.rooms()).toEqual([]);
    expect(registry.hasUnsavedWork()).toBe(false);
  });
});
