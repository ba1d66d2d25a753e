import type { DirectoryRoom } from '../../../shared/api/schemas.js';

/** Ids of rooms in `previous` that `next` no longer lists: the person lost read access. */
export function lostRoomIds(
  previous: readonly Pick<DirectoryRoom, 'id'>[],
  next: readonly Pick<DirectoryRoom, 'id'>[],
): string[] {
  const still = new Set(next.map((room) => room.id));
  return [...new Set(previous.map((room) => room.id))].filter((id) => !still.has(id));
}

/**
 * `next`, keeping the objects of `previous` for rooms that did not change, and
 * `previous` itself when nothing did. Every session check re-reads the directory: with
 * fresh objects each time, every list keyed on rooms (a thousand sidebar rows, Home's
 * cards) was torn down and drawn again although nothing had changed.
 */
export function keepUnchanged<T extends { id: string }>(
  previous: readonly T[],
  next: readonly T[],
): readonly T[] {
  const before = new Map(previous.map((room) => [room.id, room]));
  let changed = previous.length !== next.length;
  const kept = next.map((room, i) => {
    const old = before.get(room.id);
    const same = old !== undefined && JSON.stringify(old) === JSON.stringify(room);
    if (!same || previous[i] !== old) changed = true;
    return same ? old : room;
  });
  return changed ? kept : previous;
}
