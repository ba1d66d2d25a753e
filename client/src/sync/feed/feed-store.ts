import { EMPTY_CURSOR, type FeedCursor, type LedgerWrite, type PartHeads } from './feed-ledger.js';

/** Where the device keeps its FeedLedger between sessions. */
export interface FeedStore {
  load(): Promise<{ cursor: FeedCursor; parts: [string, PartHeads][] }>;
  /** Persists one LedgerWrite atomically (all of it or nothing). */
  write(change: LedgerWrite): Promise<void>;
}

/** For Node (tests, benchmarks) and browsers without IndexedDB: the ledger lives in memory. */
export function memoryFeedStore(): FeedStore & { writes: number } {
  let cursor = EMPTY_CURSOR;
  const parts = new Map<string, PartHeads>();
  return {
    writes: 0,
    load: () => Promise.resolve({ cursor, parts: [...parts] }),
    write(change) {
      this.writes += 1;
      cursor = change.cursor;
      for (const part of change.deleted) parts.delete(part);
      for (const [part, heads] of change.parts) parts.set(part, heads);
      return Promise.resolve();
    },
  };
}

/**
 * The ledger in IndexedDB: database `ws:~feed` (the `ws:` prefix puts it among the
 * databases wiped with the rest of the device's room data; `~` is never in a room id,
 * so wiping one room's databases never matches it). Store `parts`: part → PartHeads;
 * store `meta`: 'cursor' → FeedCursor. One transaction per write.
 */
export const FEED_DATABASE = 'ws:~feed';

export function indexedDbFeedStore(idb: IDBFactory, name = FEED_DATABASE): FeedStore {
  let opened: Promise<IDBDatabase> | null = null;
  const open = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = idb.open(name, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore('parts');
        request.result.createObjectStore('meta');
      };
      request.onsuccess = () => {
        const db = request.result;
        // Someone deletes the database (sign-out wipe): let go so the deletion can finish.
        db.onversionchange = () => {
          db.close();
          opened = null;
        };
        resolve(db);
      };
      request.onerror = () => reject(request.error ?? new Error(`cannot open ${name}`));
      request.onblocked = () => reject(new Error(`${name} is blocked by another tab`));
    }));
  const done = (tx: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('feed store write failed'));
      tx.onabort = () => reject(tx.error ?? new Error('feed store write aborted'));
    });

  return {
    async load() {
      const db = await open();
      const tx = db.transaction(['parts', 'meta'], 'readonly');
      const keys = tx.objectStore('parts').getAllKeys();
      const values = tx.objectStore('parts').getAll();
      const meta = tx.objectStore('meta').get('cursor');
      await done(tx);
      const cursor = isCursor(meta.result) ? meta.result : EMPTY_CURSOR;
      const parts = (keys.result as string[]).flatMap((key, i): [string, PartHeads][] => {
        const heads: unknown = values.result[i];
        // A record that is not what we wrote is dropped: the part is fetched again.
        return isHeads(heads) ? [[key, heads]] : [];
      });
      return { cursor, parts };
    },
    async write(change) {
      const db = await open();
      const tx = db.transaction(['parts', 'meta'], 'readwrite');
      const parts = tx.objectStore('parts');
      if (change.reset) parts.clear();
      for (const part of change.deleted) parts.delete(part);
      for (const [part, heads] of change.parts) parts.put(heads, part);
      tx.objectStore('meta').put(change.cursor, 'cursor');
      await done(tx);
    },
  };
}

function isCursor(value: unknown): value is FeedCursor {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.feedId === 'string' &&
    Number.isSafeInteger(v.cursor) &&
    typeof v.directory === 'string'
  );
}

function isHeads(value: unknown): value is PartHeads {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Number.isSafeInteger(v.want) && Number.isSafeInteger(v.have);
}
