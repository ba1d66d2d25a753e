import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { OpenLocalStore } from '../../client/src/sync/local-store/local-store.js';

/**
 * The one contract every LocalRoomStore implementation passes. `device()` returns the
 * stores of one fresh device: rooms it opens again find what was written before.
 */
export function localStoreContract(name: string, device: () => OpenLocalStore): void {
  describe(`LocalRoomStore contract: ${name}`, () => {
    it('a room opened again loads what was written, in a transaction of the store’s origin', async () => {
      const open = device();
      const first = new Y.Doc();
      const store = open('notes', first);
      await store.loaded;
      first.getText('t').insert(0, 'kept');
      first.getText('t').insert(4, ' on disk');
      await store.whenSaved();
      await store.destroy();

      const again = new Y.Doc();
      const origins: unknown[] = [];
      again.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
      const reopened = open('notes', again);
      await reopened.loaded;
      expect(again.getText('t').toString()).toBe('kept on disk');
      expect(origins.length).toBeGreaterThan(0);
      expect(origins.every((origin) => origin === reopened.origin)).toBe(true);
      await reopened.destroy();
    });

    it('keeps the pending count of each room apart; a new room has none', async () => {
      const open = device();
      const notes = open('notes', new Y.Doc());
      const chat = open('chat', new Y.Doc());
      await Promise.all([notes.loaded, chat.loaded]);
      expect(await notes.readPending()).toBeNull();
      await notes.writePending(3);
      await chat.writePending(0);
      await Promise.all([notes.destroy(), chat.destroy()]);
      expect(await open('notes', new Y.Doc()).readPending()).toBe(3);
      expect(await open('chat', new Y.Doc()).readPending()).toBe(0);
      expect(await open('other', new Y.Doc()).readPending()).toBeNull();
    });

    it('[CHAT8] keeps the relay state vector of each room; a new room has none', async () => {
      const open = device();
      const notes = open('notes', new Y.Doc());
      await notes.loaded;
      expect(await notes.readRelayState()).toBeNull();
      await notes.writeRelayState(new Uint8Array([1, 2, 3]));
      await notes.destroy();
      expect(await open('notes', new Y.Doc()).readRelayState()).toEqual(new Uint8Array([1, 2, 3]));
      expect(await open('other', new Y.Doc()).readRelayState()).toBeNull();
    });

    it('writes nothing after destroy', async () => {
      const open = device();
      const doc = new Y.Doc();
      const store = open('notes', doc);
      await store.loaded;
      doc.getText('t').insert(0, 'before');
      await store.destroy();
      doc.getText('t').insert(0, 'after ');
      const again = new Y.Doc();
      await open('notes', again).loaded;
      expect(again.getText('t').toString()).toBe('before');
    });
  });
}
