import { committed } from './workspace-db.js';
import { EMPTY_CURSOR, type FeedCursor, type LedgerWrite, type PartHeads } from './feed-ledger.js';

/** Where the device keeps its FeedLedger between sessions. */
export interface FeedStore {
  load(): Promise<{ cursor: FeedCursor; parts: [string, PartHeads][] }>;
  /** Persists one LedgerWrite atomically (all of it or nothing). */
  write(change: LedgerWrite): Promise<void>;
}

/** For Node (tests, benchmarks) and browsers without IndexedDB: the ledger lives in memory. */
export function memoryFeedStore(): FeedStore {
  let cursor = EMPTY_CURSOR;
  const parts = new Map<string, PartHeads>();
  return {
    load: () => Promise.resolve({ cursor, parts: [...parts] }),
    write(change) {
      cursor = change.cursor;
      for (const part of change.deleted) parts.delete(part);
      for (const [part, heads] of change.parts) parts.set(part, heads);
      return Promise.resolve();
    },
  };
}

/** The ledger in the workspace database: `parts` (part → PartHeads), `meta` ('cursor' → FeedCursor). */
export function indexedDbFeedStore(db: () => Promise<IDBDatabase>): FeedStore {
  return {
    async load() {
      const tx = (await db()).transaction(['parts', 'meta'], 'readonly');
      const keys = tx.objectStore('parts').getAllKeys();
      const values = tx.objectStore('parts').getAll();
      const meta = tx.objectStore('meta').get('cursor');
      await committed(tx);
      const cursor = isCursor(meta.result) ? meta.result : EMPTY_CURSOR;
      const parts = (keys.result as string[]).flatMap((key, i): [string, PartHeads][] => {
        const heads: unknown = values.result[i];
        // A record that is not what we wrote is dropped: the part is fetched again.
        return isHeads(heads) ? [[key, heads]] : [];
      });
      return { cursor, parts };
    },
    async write(change) {
      const tx = (await db()).transaction(['parts', 'meta'], 'readwrite');
      const parts = tx.objectStore('parts');
      if (change.reset) parts.clear();
      for (const part of change.deleted) parts.delete(part);
      for (const [part, heads] of change.parts) parts.put(heads, part);
      tx.objectStore('meta').put(change.cursor, 'cursor');
      await committed(tx);
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
