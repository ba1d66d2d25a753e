import { createMemo, type Accessor } from 'solid-js';
import type { DirectoryRoom, RoomKind } from '../../../shared/api/schemas.js';

/**
 * The rooms this person may open (the session's directory), indexed once per change
 * of the directory: by id, and by kind in title order. Views look rooms up here
 * instead of each scanning, filtering and sorting the list.
 */
export interface Directory {
  /** Every room, as the relay listed them. */
  readonly all: Accessor<readonly DirectoryRoom[]>;
  byId(id: string): DirectoryRoom | undefined;
  /** The rooms of these kinds, by title (then id); the same array until the directory changes. */
  ofKind(...kinds: readonly RoomKind[]): readonly DirectoryRoom[];
}

const byTitle = (a: DirectoryRoom, b: DirectoryRoom) =>
  a.title.localeCompare(b.title) || a.id.localeCompare(b.id);

export function createDirectory(rooms: Accessor<readonly DirectoryRoom[]>): Directory {
  const index = createMemo(() => {
    const byId = new Map<string, DirectoryRoom>();
    const byKind = new Map<string, DirectoryRoom[]>();
    for (const room of [...rooms()].sort(byTitle)) {
      byId.set(room.id, room);
      const list = byKind.get(room.kind);
      if (list) list.push(room);
      else byKind.set(room.kind, [room]);
    }
    // Combinations asked for (channels and DMs) are kept too, so each stays one array.
    const combined = new Map<string, DirectoryRoom[]>();
    return { byId, byKind, combined };
  });
  const none: readonly DirectoryRoom[] = [];
  return {
    all: rooms,
    byId: (id) => index().byId.get(id),
    ofKind(...kinds) {
      const { byKind, combined } = index();
      const [only] = kinds;
      if (kinds.length === 1 && only !== undefined) return byKind.get(only) ?? none;
      const key = [...kinds].sort().join(' ');
      let list = combined.get(key);
      if (!list) {
        list = kinds.flatMap((kind) => byKind.get(kind) ?? []).sort(byTitle);
        combined.set(key, list);
      }
      return list;
    },
  };
}
