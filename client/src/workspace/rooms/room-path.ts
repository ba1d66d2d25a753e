import type { DirectoryRoom } from '../../../../shared/api/schemas.js';

/** Where a room opens: its kind's own view, or the generic room page. */
export function roomPath(room: Pick<DirectoryRoom, 'id' | 'kind'>): string {
  if (room.kind === 'board') return `/tasks/${room.id}`;
  if (room.kind === 'calendar') return `/calendar/${room.id}`;
  return `/rooms/${room.id}`;
}
