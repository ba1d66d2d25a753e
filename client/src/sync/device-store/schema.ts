/**
 * The workspace database: every room part this device keeps, in one IndexedDB
 * database instead of y-indexeddb's one database per part.
 *
 *     updates     [part, seq]  → Uint8Array, a Yjs update (seq counts up per part)
 *     meta        [part, key]  → a small value per part (y-indexeddb's `custom` store)
 *     summaries   roomId       → a room's sidebar summary
 *     migrations  'ws:<part>'  → LegacyCopy, what was copied from a y-indexeddb database
 *
 * The name starts with `ws:` like every database of room data, and holds a `~`,
 * which no room name does (shared/protocol/room-name.ts), so it is never taken for
 * a room part's database.
 */
export const WORKSPACE_DATABASE = 'ws:~workspace';
export const SCHEMA_VERSION = 1;

export const UPDATES = 'updates';
export const META = 'meta';
export const SUMMARIES = 'summaries';
export const MIGRATIONS = 'migrations';
export const ALL_STORES = [UPDATES, META, SUMMARIES, MIGRATIONS];

export function upgradeSchema(db: IDBDatabase, oldVersion: number): void {
  if (oldVersion < 1) {
    for (const name of ALL_STORES) db.createObjectStore(name);
  }
}

/** [part, seq] as stored in `updates`. */
export type UpdateKey = [part: string, seq: number];

/** Every key of one part, in `updates` ([part, seq]) as in `meta` ([part, key]). */
export const partKeys = (part: string): IDBKeyRange => IDBKeyRange.bound([part], [part, []]);

/** The keys of a room's parts: `id` itself and every `id:*`. */
export const roomKeys = (roomId: string): IDBKeyRange[] => [
  partKeys(roomId),
  // Every string that starts with `id:` sorts between `id:` and `id;` (';' follows ':').
  IDBKeyRange.bound([`${roomId}:`], [`${roomId};`], false, true),
];

/** The same, for keys that are strings (`summaries` by room id, `migrations` by name). */
export const roomNames = (prefix: string, roomId: string): (string | IDBKeyRange)[] => [
  `${prefix}${roomId}`,
  IDBKeyRange.bound(`${prefix}${roomId}:`, `${prefix}${roomId};`, false, true),
];
