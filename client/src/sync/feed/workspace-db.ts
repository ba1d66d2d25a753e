/**
 * One small IndexedDB database per device for the feed ledger (`parts`, `meta`): which
 * head of every readable part the relay announced and which the device has. Named
 * `ws:~feed`: the `ws:` prefix puts it among the databases wiped with the device's
 * room data on sign-out and deactivation; `~` never occurs in a room id, so wiping one
 * room's databases never matches it. (Room parts and summaries live in the
 * workspace store, device-store/.)
 */
export const FEED_DATABASE = 'ws:~feed';
const VERSION = 1;

export function openFeedDb(idb: IDBFactory, name = FEED_DATABASE): () => Promise<IDBDatabase> {
  let opened: Promise<IDBDatabase> | null = null;
  return () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = idb.open(name, VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        for (const store of ['parts', 'meta'])
          if (!db.objectStoreNames.contains(store)) db.createObjectStore(store);
      };
      request.onsuccess = () => {
        const db = request.result;
        // The database is being deleted (sign-out wipe): let go so the deletion can finish.
        db.onversionchange = () => {
          db.close();
          opened = null;
        };
        resolve(db);
      };
      request.onerror = () => {
        opened = null;
        reject(request.error ?? new Error(`cannot open ${name}`));
      };
    }));
}

/** Resolves when the transaction commits; rejects when it fails or aborts. */
export function committed(tx: IDBTransaction): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
}
