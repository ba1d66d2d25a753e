import { roomIdOf } from '../../../shared/protocol/room-id.js';

/**
 * Room R's copy lived in the IndexedDB database `ws:R` before the workspace store (sync/device-store/), and a
 * room's parts (`R:2024-05`) in `ws:R:2024-05`. These pick the databases to delete.
 */
export const ROOM_DATABASE_PREFIX = 'ws:';

/** Every database the app keeps room data in. */
export function appDatabaseNames(names: readonly string[]): string[] {
  return names.filter((name) => name.startsWith(ROOM_DATABASE_PREFIX));
}

/** The databases holding any part of the given rooms. */
export function roomDatabaseNames(names: readonly string[], roomIds: readonly string[]): string[] {
  const ids = new Set(roomIds);
  return appDatabaseNames(names).filter((name) =>
    ids.has(roomIdOf(name.slice(ROOM_DATABASE_PREFIX.length))),
  );
}
