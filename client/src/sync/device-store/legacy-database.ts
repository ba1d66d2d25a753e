/**
 * Today's layout, read for the migration: y-indexeddb keeps room part P in the
 * database `ws:P`, with the object stores `updates` (auto-increment key → a Yjs
 * update) and `custom` (key → value). Other `ws:` databases (the AI vectors
 * `ws:<room>:~ai`, the workspace database) are not room parts and are left alone.
 */
import { parseRoomName } from '../../../../shared/protocol/room-name.js';
import { requestDone } from './idb-requests.js';

export const LEGACY_PREFIX = 'ws:';
const LEGACY_UPDATES = 'updates';
const LEGACY_CUSTOM = 'custom';

export interface LegacyEntry<K> {
  key: K;
  value: unknown;
}

export interface LegacyContent {
  name: string;
  part: string;
  updates: LegacyEntry<number>[];
  custom: LegacyEntry<IDBValidKey>[];
}

/** The room part a database name holds in y-indexeddb's layout, or null. */
export function legacyPart(name: string): string | null {
  if (!name.startsWith(LEGACY_PREFIX)) return null;
  const parsed = parseRoomName(name.slice(LEGACY_PREFIX.length));
  return parsed.ok ? parsed.room : null;
}

/** Every database of today's layout, from indexedDB.databases(). */
export async function listLegacyDatabases(
  idb: IDBFactory,
): Promise<{ name: string; version: number }[]> {
  if (typeof idb.databases !== 'function') return [];
  const infos = await idb.databases();
  return infos.flatMap(({ name, version }) =>
    name !== undefined && legacyPart(name) ? [{ name, version: version ?? 1 }] : [],
  );
}

/**
 * Reads one database whole, or null when it no longer exists or is not laid out as
 * y-indexeddb's. Opening never creates a database that is not there.
 */
export async function readLegacyDatabase(
  idb: IDBFactory,
  name: string,
): Promise<LegacyContent | null> {
  const part = legacyPart(name);
  if (!part) return null;
  const db = await openExisting(idb, name);
  if (!db) return null;
  try {
    const stores = db.objectStoreNames;
    if (!stores.contains(LEGACY_UPDATES) || !stores.contains(LEGACY_CUSTOM)) return null;
    const transaction = db.transaction([LEGACY_UPDATES, LEGACY_CUSTOM], 'readonly');
    const updates = transaction.objectStore(LEGACY_UPDATES);
    const custom = transaction.objectStore(LEGACY_CUSTOM);
    const [updateKeys, updateValues, customKeys, customValues] = await Promise.all([
      requestDone(updates.getAllKeys()),
      requestDone(updates.getAll()),
      requestDone(custom.getAllKeys()),
      requestDone(custom.getAll()),
    ]);
    return {
      name,
      part,
      updates: updateKeys.map((key, i) => ({
        key: key as number,
        value: updateValues[i] as unknown,
      })),
      custom: customKeys.map((key, i) => ({ key, value: customValues[i] as unknown })),
    };
  } finally {
    db.close();
  }
}

function openExisting(idb: IDBFactory, name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const request = idb.open(name);
    let missing = false;
    request.onupgradeneeded = (event) => {
      // Version 0 means it did not exist: abort, so that it is not created.
      missing = event.oldVersion === 0;
      if (missing) request.transaction?.abort();
    };
    request.onsuccess = () => {
      request.result.onversionchange = () => request.result.close();
      resolve(request.result);
    };
    request.onerror = (event) => {
      event.preventDefault();
      if (missing) resolve(null);
      else reject(request.error ?? new Error(`cannot open ${name}`));
    };
  });
}

export type LegacyDeletion = 'deleted' | 'busy' | 'changed' | 'gone';

/**
 * Deletes a database whose updates were copied up to `lastKey`, unless it gained
 * updates since ('changed') or another connection to it does not close when asked
 * ('busy'). The check runs in a version change, which no other connection can
 * overlap: y-indexeddb closes its connections when asked (lib0's openDB), and what
 * its tab wrote before closing is seen here. `beforeDelete` runs between the check
 * and the deletion.
 */
export function deleteLegacyIfUnchanged(
  idb: IDBFactory,
  copied: { name: string; version: number; lastKey: number },
  beforeDelete: () => Promise<void>,
): Promise<LegacyDeletion> {
  const { name, version, lastKey } = copied;
  return new Promise((resolve, reject) => {
    let verdict: LegacyDeletion | null = null;
    const request = idb.open(name, version + 1);
    request.onblocked = () => {
      verdict = 'busy';
      resolve('busy');
    };
    request.onupgradeneeded = (event) => {
      const transaction = request.transaction!;
      if (verdict === 'busy' || event.oldVersion === 0) {
        verdict ??= 'gone';
        transaction.abort();
        return;
      }
      const last = transaction.objectStore(LEGACY_UPDATES).openKeyCursor(null, 'prev');
      last.onsuccess = () => {
        const key = last.result?.key;
        if (typeof key === 'number' && key > lastKey) {
          verdict = 'changed';
          transaction.abort();
        }
      };
    };
    request.onsuccess = () => {
      request.result.close();
      beforeDelete().then(() => {
        const deletion = idb.deleteDatabase(name);
        deletion.onsuccess = () => resolve('deleted');
        deletion.onerror = () => reject(deletion.error ?? new Error(`cannot delete ${name}`));
      }, reject);
    };
    request.onerror = (event) => {
      event.preventDefault();
      if (verdict) resolve(verdict);
      else reject(request.error ?? new Error(`cannot open ${name}`));
    };
  });
}
