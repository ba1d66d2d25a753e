import type { DirectoryRoom } from '../../../shared/api/schemas.js';

/** Ids of rooms in `previous` that `next` no longer lists: the person lost read access. */
export function lostRoomIds(
  previous: readonly Pick<DirectoryRoom, 'id'>[],
  next: readonly Pick<DirectoryRoom, 'id'>[],
): string[] {
  const still = new Set(next.map((room) => room.id));
  return [...new Set(previous.map((room) => room.id))].filter((id) => !still.has(id));
}
