import type { DirectoryRoom } from '../../../../shared/api/schemas.js';

/** Where a room opens: its kind's own view, or the generic room page. */
export function roomPath(room: Pick<DirectoryRoom, 'id' | 'kind'>): string {
  return room.kind === 'board' ? `/tasks/${room.id}` : `/rooms/${room.id}`;
}
