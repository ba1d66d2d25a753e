/**
 * Embeddings kept on this device, never synced: one IndexedDB database per room,
 * `ws:<room>:~ai`, named like a part of the room (auth/local-database-names.ts) so
 * that losing access to a room, signing out of the device or a wipe deletes its
 * vectors together with its content. Each entry remembers a hash of the text and
 * the model that embedded it, so an update embeds only new and changed items.
 */
import * as idb from 'lib0/indexeddb';
import { ROOM_DATABASE_PREFIX } from '../../auth/local-database-names.js';

const STORE = 'vectors';

export interface IndexedItem {
  /** Unique within the room (a message id, `block-3` of a doc, a task id). */
  id: string;
  text: string;
}

interface StoredVector {
  id: string;
  hash: string;
  model: string;
  vector: Float32Array;
}

export const vectorDatabaseName = (roomId: string) => `${ROOM_DATABASE_PREFIX}${roomId}:~ai`;

/** FNV-1a over the text: enough to notice an edit (not a security hash). */
export function textHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${(hash >>> 0).toString(16)}:${text.length}`;
}

/** Vectors for texts from the model named `model`, or null when it is unavailable. */
export interface Embedder {
  model: string;
  embed(texts: string[]): Promise<Float32Array[] | null>;
}

/** Embeds at most this many texts per worker call, so progress stays responsive. */
const BATCH = 32;

/**
 * Brings the room's vectors in line with `items` (embedding the new and changed
 * ones, dropping the rest) and returns a vector per item, or null when no embedder
 * is available. A database that cannot be opened (private mode, quota, corrupt) is
 * deleted and rebuilt once; if that fails too, the vectors are computed in memory
 * only and the error is not fatal.
 */
export async function syncRoomVectors(
  roomId: string,
  items: readonly IndexedItem[],
  embedder: Embedder,
): Promise<Map<string, Float32Array> | null> {
  let db: IDBDatabase | null = null;
  try {
    db = await open(roomId);
  } catch {
    db = null;
  }
  const stored = new Map<string, StoredVector>();
  if (db) {
    try {
      const [store] = idb.transact(db, [STORE], 'readonly');
      for (const entry of (await idb.getAll(store!)) as StoredVector[]) stored.set(entry.id, entry);
    } catch {
      // unreadable entries: everything is embedded again
    }
  }
  const out = new Map<string, Float32Array>();
  const missing: IndexedItem[] = [];
  const hashes = new Map(items.map((item) => [item.id, textHash(item.text)]));
  for (const item of items) {
    const entry = stored.get(item.id);
    // A vector of another model is not comparable with this model's: embed again.
    if (entry && entry.hash === hashes.get(item.id) && entry.model === embedder.model)
      out.set(item.id, entry.vector);
    else missing.push(item);
  }
  for (let i = 0; i < missing.length; i += BATCH) {
    const batch = missing.slice(i, i + BATCH);
    const vectors = await embedder.embed(batch.map((item) => item.text));
    if (!vectors) {
      db?.close();
      return null;
    }
    const fresh: StoredVector[] = batch.map((item, j) => ({
      id: item.id,
      hash: hashes.get(item.id) ?? '',
      model: embedder.model,
      vector: vectors[j] ?? new Float32Array(),
    }));
    for (const entry of fresh) out.set(entry.id, entry.vector);
    if (db) await write(db, fresh, []).catch(() => undefined);
  }
  const gone = [...stored.keys()].filter((id) => !hashes.has(id));
  if (db && gone.length > 0) await write(db, [], gone).catch(() => undefined);
  db?.close();
  return out;
}

async function open(roomId: string): Promise<IDBDatabase> {
  const init = (db: IDBDatabase) => idb.createStores(db, [[STORE, { keyPath: 'id' }]]);
  try {
    return await idb.openDB(vectorDatabaseName(roomId), init);
  } catch {
    await idb.deleteDB(vectorDatabaseName(roomId)).catch(() => undefined);
    return idb.openDB(vectorDatabaseName(roomId), init);
  }
}

function write(db: IDBDatabase, put: StoredVector[], remove: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction([STORE], 'readwrite');
    const store = tx.objectStore(STORE);
    for (const entry of put) store.put(entry);
    for (const id of remove) store.delete(id);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('could not store vectors'));
    tx.onabort = () => reject(tx.error ?? new Error('storing vectors was aborted'));
  });
}
