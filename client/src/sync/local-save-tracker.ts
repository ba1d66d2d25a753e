import type { IndexeddbPersistence } from 'y-indexeddb';

/** y-indexeddb's object store for document updates. */
const UPDATES_STORE = 'updates';

/**
 * Counts local updates whose IndexedDB write has not committed yet. y-indexeddb opens
 * its read-write transaction synchronously in its own 'update' listener; a read-only
 * transaction over the same store opened afterwards cannot complete before that one
 * (IndexedDB orders overlapping transactions), so its completion means "on disk".
 * Call afterLocalUpdate() from an 'update' listener registered after the persistence.
 */
export class LocalSaveTracker {
  readonly #persistence: IndexeddbPersistence;
  readonly #onChange: (unsaved: number) => void;
  #unsaved = 0;

  constructor(persistence: IndexeddbPersistence, onChange: (unsaved: number) => void) {
    this.#persistence = persistence;
    this.#onChange = onChange;
  }

  afterLocalUpdate(): void {
    const db = this.#persistence.db;
    // Before the database is open, y-indexeddb stores the whole doc once it loads.
    if (!db) return;
    let transaction: IDBTransaction;
    try {
      transaction = db.transaction([UPDATES_STORE], 'readonly');
    } catch {
      return; // closing: nothing more will be written either way
    }
    this.#change(1);
    const done = () => this.#change(-1);
    transaction.oncomplete = done;
    transaction.onabort = done;
    transaction.onerror = done;
  }

  #change(delta: number): void {
    this.#unsaved += delta;
    this.#onChange(this.#unsaved);
  }
}
