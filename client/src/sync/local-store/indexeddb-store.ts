import { IndexeddbPersistence } from 'y-indexeddb';
import { ROOM_DATABASE_PREFIX } from '../../auth/local-database-names.js';
import type { OpenLocalStore } from './local-store.js';

/** y-indexeddb's object store for document updates. */
const UPDATES_STORE = 'updates';
const PENDING_KEY = 'pending';

/**
 * Room R's copy in the IndexedDB database `ws:R`, kept by y-indexeddb (it writes each
 * update in its own 'update' listener, registered here before the RoomSync's).
 */
export const indexeddbStore: OpenLocalStore = (room, doc) => {
  const persistence = new IndexeddbPersistence(`${ROOM_DATABASE_PREFIX}${room}`, doc);
  // Without IndexedDB (blocked, some private modes) whenSynced never settles: _db rejects.
  const loaded = Promise.race([
    persistence.whenSynced.then(() => undefined),
    persistence._db.then(never),
  ]);
  return {
    origin: persistence,
    loaded,
    readPending: async () => {
      const stored: unknown = await persistence.get(PENDING_KEY);
      return typeof stored === 'number' ? stored : null;
    },
    writePending: async (count) => {
      await persistence.set(PENDING_KEY, count);
    },
    whenSaved() {
      // y-indexeddb opened its read-write transaction synchronously in its own listener;
      // a read-only one over the same store opened now cannot complete before it
      // (IndexedDB orders overlapping transactions), so its completion means "on disk".
      // Before the database is open, y-indexeddb stores the whole doc once it loads.
      const db = persistence.db;
      if (!db) return null;
      let transaction: IDBTransaction;
      try {
        transaction = db.transaction([UPDATES_STORE], 'readonly');
      } catch {
        return null; // closing: nothing more will be written either way
      }
      return new Promise<void>((resolve) => {
        transaction.oncomplete = () => resolve();
        transaction.onabort = () => resolve();
        transaction.onerror = () => resolve();
      });
    },
    destroy: () => persistence.destroy(),
  };
};

/** A promise that never settles: the race above is decided by whenSynced or a rejection. */
function never(): Promise<never> {
  return new Promise<never>(() => {});
}
