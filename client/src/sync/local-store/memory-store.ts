import * as Y from 'yjs';
import type { LocalRoomStore, OpenLocalStore } from './local-store.js';

interface Shelf {
  updates: Uint8Array[];
  pending: number | null;
  relayState: Uint8Array | null;
}

/**
 * Rooms kept in memory, for Node (tests, benchmarks). Stores opened from the same
 * factory share their copies, like the databases of one device: a room closed and
 * opened again finds what it had, pending count included.
 */
export function memoryLocalStores(): OpenLocalStore {
  const shelves = new Map<string, Shelf>();
  return (room, doc) => {
    const shelf = shelves.get(room) ?? { updates: [], pending: null, relayState: null };
    shelves.set(room, shelf);
    return openMemoryStore(shelf, doc);
  };
}

function openMemoryStore(shelf: Shelf, doc: Y.Doc): LocalRoomStore {
  let open = true;
  const origin = Symbol('memory store');
  const onUpdate = (update: Uint8Array, from: unknown) => {
    if (from !== origin) shelf.updates.push(update);
  };
  if (shelf.updates.length > 0) {
    const merged = Y.mergeUpdates(shelf.updates);
    shelf.updates = [merged];
    Y.applyUpdate(doc, merged, origin);
  }
  doc.on('update', onUpdate);
  return {
    origin,
    loaded: Promise.resolve(),
    readPending: () => Promise.resolve(shelf.pending),
    writePending(count) {
      if (open) shelf.pending = count;
      return Promise.resolve();
    },
    readRelayState: () => Promise.resolve(shelf.relayState),
    writeRelayState(stateVector) {
      if (open) shelf.relayState = stateVector;
      return Promise.resolve();
    },
    whenSaved: () => null,
    destroy() {
      open = false;
      doc.off('update', onUpdate);
      return Promise.resolve();
    },
  };
}

/** No copy at all: the room syncs straight from the relay. */
export const noLocalStore: OpenLocalStore = () => ({
  origin: null,
  loaded: Promise.resolve(),
  readPending: () => Promise.resolve(null),
  writePending: () => Promise.resolve(),
  readRelayState: () => Promise.resolve(null),
  writeRelayState: () => Promise.resolve(),
  whenSaved: () => null,
  destroy: () => Promise.resolve(),
});
