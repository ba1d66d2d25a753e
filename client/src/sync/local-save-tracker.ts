/** The object store of document updates, in y-indexeddb and in the workspace store alike. */
const UPDATES_STORE = 'updates';

/** y-indexeddb's IndexeddbPersistence or the workspace store's PartPersistence. */
export interface LocalPersistence {
  /** The open database, null until the part is loaded. */
  readonly db: IDBDatabase | null;
}

/**
 * Counts local updates whose IndexedDB write has not committed yet. y-indexeddb opens
 * its read-write transaction synchronously in its own 'update' listener; a read-only
 * transaction over the same store opened afterwards cannot complete before that one
 * (IndexedDB orders overlapping transactions), so its completion means "on disk".
 * Call afterLocalUpdate() from an 'update' listener registered after the persistence.
 */
export class LocalSaveTracker {
  readonly #persistence: LocalPersistence;
  readonly #onChange: (unsaved: number) => void;
  #unsaved = 0;

  constructor(persistence: LocalPersistence, onChange: (unsaved: number) => void) {
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
