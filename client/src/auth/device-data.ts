import type { DocRegistry } from '../sync/doc-registry.js';
import {
  appDatabaseNames,
  roomDatabaseNames,
  ROOM_DATABASE_PREFIX,
} from './local-database-names.js';

/** What the session does to the room data kept on this device. */
export interface DeviceData {
  /** Closes the rooms' open docs and deletes their local databases (all parts). */
  forgetRooms(roomIds: readonly string[]): Promise<void>;
  /** Closes every room and deletes every local room database. */
  forgetAll(): Promise<void>;
  /** Closes every room and keeps its local data (for the same person's next sign-in). */
  closeAll(): void;
  /** The directory was re-read: open rooms forget stale verdicts, stopped ones may reconnect. */
  resumeStopped(): void;
}

/** The workspace database's part in a wipe (sync/device-store/workspace-store.ts). */
export interface RoomDataStore {
  /** Its database name: it is emptied in place, not deleted, since this tab holds it open. */
  readonly name: string;
  deleteRooms(roomIds: readonly string[]): Promise<void>;
  deleteAll(): Promise<void>;
}

/**
 * Room data lives in the workspace store, when there is one, and in IndexedDB
 * databases named `ws:<room>` (y-indexeddb's layout, not yet migrated, and the AI
 * vectors). Open providers are closed first: a database with an open connection is
 * only deleted once that closes.
 */
export function browserDeviceData(
  registry: DocRegistry,
  idb: IDBFactory,
  store?: RoomDataStore,
): DeviceData {
  const others = (names: string[]) => names.filter((name) => name !== store?.name);
  return {
    async forgetRooms(roomIds) {
      if (roomIds.length === 0) return;
      for (const id of roomIds) registry.evict(id);
      const names = others(await listDatabases(idb, roomIds));
      await Promise.all([
        store?.deleteRooms(roomIds),
        ...roomDatabaseNames(names, roomIds).map((name) => deleteDatabase(idb, name)),
      ]);
    },
    async forgetAll() {
      registry.evictAll();
      forgetDeviceKeys(globalThis.localStorage);
      const names = others(await listDatabases(idb, []));
      await Promise.all([
        store?.deleteAll(),
        ...appDatabaseNames(names).map((name) => deleteDatabase(idb, name)),
      ]);
    },
    closeAll: () => registry.evictAll(),
    resumeStopped: () => registry.resumeStopped(),
  };
}

/**
 * Per-person bookkeeping in localStorage (reminder state, AI briefing state, the people
 * list: workspace/people.ts) goes with the room data, and so do unreadable values kept
 * aside at start (lib/storage-layout.ts), which may be copies of those.
 */
export const DEVICE_KEY_PREFIXES = [
  'ws:reminders:',
  'ws:ai:',
  'ws:people:',
  'ws:unsettled-parts',
  'ws:quarantine:',
  // Approval actions still waiting for the relay carry form contents [APPR51].
  'ws:approvals-queue:',
];

function forgetDeviceKeys(storage: Storage | undefined): void {
  if (!storage) return;
  const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i));
  for (const key of keys) {
    if (key && DEVICE_KEY_PREFIXES.some((prefix) => key.startsWith(prefix))) {
      storage.removeItem(key);
    }
  }
}

/** indexedDB.databases() is missing in older browsers: then only the rooms' main databases are known. */
async function listDatabases(idb: IDBFactory, fallbackRooms: readonly string[]): Promise<string[]> {
  if (typeof idb.databases !== 'function') {
    return fallbackRooms.map((id) => `${ROOM_DATABASE_PREFIX}${id}`);
  }
  const infos = await idb.databases();
  return infos.flatMap((info) => (info.name === undefined ? [] : [info.name]));
}

function deleteDatabase(idb: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = idb.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Another tab still holds it open: the deletion completes once that tab lets go.
    request.onblocked = () => resolve();
  });
}
