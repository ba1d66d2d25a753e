import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocRegistry } from '../../../../client/src/sync/doc-registry.js';
import type { RoomSync } from '../../../../client/src/sync/room-sync.js';

function fakeOpener() {
  const opened: string[] = [];
  const destroyed: string[] = [];
  const open = (room: string): RoomSync => {
    opened.push(room);
    const doc = new Y.Doc();
    return {
      room,
      doc,
      status: () => ({ kind: 'synced' }),
      pending: () => (room === 'dirty' ? 2 : 0),
      loaded: () => true,
      savedLocally: () => room !== 'writing',
      destroy: () => {
        destroyed.push(room);
        doc.destroy();
      },
    };
  };
  return { open, opened, destroyed };
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
    const dirty = registry.acquire('dirty');
    expect(registry.hasUnsavedWork()).toBe(true);
    dirty.release();
    expect(registry.hasUnsavedWork()).toBe(false);
    const writing = registry.acquire('writing');
    expect(registry.hasUnsavedWork()).toBe(true);
    writing.release();
  });

  it('rejects room names the relay would refuse', () => {
    const registry = new DocRegistry(fakeOpener().open);
    expect(() => registry.acquire('.hidden')).toThrow(/invalid room name/);
    expect(() => registry.acquire('a/b')).toThrow(/invalid room name/);
  });
});
