import { createSignal, type Accessor } from 'solid-js';
import { z } from 'zod';
import { RoomAccess, RoomId, type DirectoryRoom } from '../../../../../shared/api/schemas.js';
import { ApiFailure } from '../../../auth/api-failure.js';
import type { Api } from '../../../auth/api.js';

const KEY = 'ws:pending-docs';

/** A doc created on this device that the relay has not registered yet. */
export const PendingDoc = z.object({
  id: RoomId,
  title: z.string(),
  parentId: RoomId.nullable(),
  access: RoomAccess,
});
export type PendingDoc = z.infer<typeof PendingDoc>;

export interface PendingDocs {
  readonly list: Accessor<readonly PendingDoc[]>;
  add(doc: PendingDoc): void;
  /** Registers every queued doc with the relay; stops quietly while offline. */
  flush(): Promise<void>;
}

/**
 * Docs can be created offline: the device picks the id, the doc is edited in its
 * local Y.Doc, and the room is registered with POST /api/rooms once the relay
 * answers. The queue lives in localStorage so it survives reloads.
 */
export function createPendingDocs(deps: {
  api: Pick<Api, 'createRoom'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  registered: (room: DirectoryRoom) => void;
}): PendingDocs {
  const read = (): PendingDoc[] => {
    try {
      const parsed = z.array(PendingDoc).safeParse(JSON.parse(deps.storage.getItem(KEY) ?? '[]'));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  };
  const [list, setList] = createSignal<readonly PendingDoc[]>(read());
  const write = (next: readonly PendingDoc[]) => {
    deps.storage.setItem(KEY, JSON.stringify(next));
    setList(next);
  };
  const remove = (id: string) => write(read().filter((doc) => doc.id !== id));
  let flushing: Promise<void> | null = null;

  const flushAll = async () => {
    for (const doc of read()) {
      try {
        const room = await deps.api.createRoom({ ...doc, kind: 'doc' });
        remove(doc.id);
        deps.registered(room);
      } catch (error) {
        if (error instanceof ApiFailure && error.offline) return;
        // The parent went away meanwhile: register it at the top level instead.
        if (
          error instanceof ApiFailure &&
          doc.parentId &&
          (error.status === 404 || error.status === 400)
        ) {
          write(read().map((d) => (d.id === doc.id ? { ...d, parentId: null } : d)));
          continue;
        }
        // 409: an earlier attempt got through but its answer was lost; the directory lists it.
        if (error instanceof ApiFailure && error.status === 409) remove(doc.id);
        else return;
      }
    }
  };

  return {
    list,
    add(doc) {
      write([...read().filter((d) => d.id !== doc.id), doc]);
    },
    flush() {
      flushing ??= flushAll().finally(() => {
        flushing = null;
      });
      return flushing;
    },
  };
}
