import { createSignal, type Accessor } from 'solid-js';
import { z } from 'zod';
import { RoomAccess, RoomId, type DirectoryRoom } from '../../../../../shared/api/schemas.js';
import { ApiFailure } from '../../../auth/api-failure.js';
import type { Api } from '../../../auth/api.js';
import type { RegistrationGate } from '../../../sync/registration-gate.js';

const KEY = 'ws:pending-docs';

/** A doc created on this device that the relay has not registered yet. */
export const PendingDoc = z.object({
  id: RoomId,
  title: z.string(),
  parentId: RoomId.nullable(),
  access: RoomAccess,
  /** The id someone else registered first; its local copy is still to be moved here. */
  movedFrom: RoomId.optional(),
});
export type PendingDoc = z.infer<typeof PendingDoc>;

/** A doc whose id was taken by someone else's room, and where its content went. */
export interface MovedDoc {
  from: string;
  to: string;
  title: string;
}

export interface PendingDocs extends RegistrationGate {
  readonly list: Accessor<readonly PendingDoc[]>;
  /** Docs moved to a new id on this device since the app opened (for a notice). */
  readonly moved: Accessor<readonly MovedDoc[]>;
  add(doc: PendingDoc): void;
  dismissMoved(from: string): void;
  /** Registers every queued doc with the relay; stops quietly while offline. */
  flush(): Promise<void>;
}

/** What the queue needs from the rest of the app (injected so tests run it against a real relay). */
export interface PendingDocsDeps {
  api: Pick<Api, 'createRoom' | 'room'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  registered: (room: DirectoryRoom) => void;
  /** The signed-in person's id; null while unknown (then nothing is registered). */
  me: () => string | null;
  newId: () => string;
  /** Copies the local copy of room `from` (all parts) into `to`, then deletes it; never connects either. */
  moveLocalCopy: (from: string, to: string) => Promise<void>;
}

type Outcome = 'done' | 'stop';

/**
 * Docs can be created offline: the device picks the id, the doc is edited in its
 * local Y.Doc, and the room is registered with POST /api/rooms once the relay
 * answers. The queue lives in localStorage so it survives reloads, and it is the
 * RegistrationGate: no socket opens for a queued id ([OFFL2]).
 *
 * A 409 means the id is taken. It is this person's own earlier registration (whose
 * answer was lost) only if the relay shows the room as owned by them; otherwise the id
 * leaked and someone else registered it, and the content moves to a fresh id instead
 * of ever syncing into their room ([OFFL1]). The queue entry is switched to the new
 * id (remembering the old one) before the copy starts, so a reload mid-move finishes
 * it; copying Yjs state twice is harmless.
 */
export function createPendingDocs(deps: PendingDocsDeps): PendingDocs {
  const read = (): PendingDoc[] => {
    try {
      const parsed = z.array(PendingDoc).safeParse(JSON.parse(deps.storage.getItem(KEY) ?? '[]'));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  };
  const [list, setList] = createSignal<readonly PendingDoc[]>(read());
  const [moved, setMoved] = createSignal<readonly MovedDoc[]>([]);
  const listeners = new Set<() => void>();
  const write = (next: readonly PendingDoc[]) => {
    deps.storage.setItem(KEY, JSON.stringify(next));
    setList(next);
    for (const listener of [...listeners]) listener();
  };
  const replace = (id: string, doc: PendingDoc | null) =>
    write(read().flatMap((d) => (d.id !== id ? [d] : doc ? [doc] : [])));
  let flushing: Promise<void> | null = null;

  /** The room under this id is this person's own registration, or null (someone else's). */
  const ownRoom = async (id: string, me: string): Promise<DirectoryRoom | null> => {
    try {
      const room = await deps.api.room(id);
      return room.ownerId === me ? room : null;
    } catch (error) {
      // 404: a room this person cannot even read, so certainly not theirs.
      if (error instanceof ApiFailure && error.status === 404) return null;
      throw error;
    }
  };

  const moveToNewId = async (doc: PendingDoc): Promise<PendingDoc> => {
    const next: PendingDoc = { ...doc, id: deps.newId(), movedFrom: doc.movedFrom ?? doc.id };
    replace(doc.id, next);
    setMoved((all) => [...all, { from: next.movedFrom ?? doc.id, to: next.id, title: doc.title }]);
    return finishMove(next);
  };

  const finishMove = async (doc: PendingDoc): Promise<PendingDoc> => {
    if (!doc.movedFrom) return doc;
    await deps.moveLocalCopy(doc.movedFrom, doc.id);
    const rest = settled(doc);
    replace(doc.id, rest);
    return rest;
  };

  const register = async (queued: PendingDoc, me: string): Promise<Outcome> => {
    const doc = await finishMove(queued);
    try {
      const room = await deps.api.createRoom({ ...settled(doc), kind: 'doc' });
      replace(doc.id, null);
      deps.registered(room);
      return 'done';
    } catch (error) {
      if (!(error instanceof ApiFailure) || error.offline) return 'stop';
      // The parent went away meanwhile: register it at the top level instead.
      if (doc.parentId && (error.status === 404 || error.status === 400)) {
        const top = { ...doc, parentId: null };
        replace(doc.id, top);
        return register(top, me);
      }
      if (error.status !== 409) return 'stop';
      const own = await ownRoom(doc.id, me);
      if (!own) return register(await moveToNewId(doc), me);
      replace(doc.id, null);
      deps.registered(own);
      return 'done';
    }
  };

  const flushAll = async () => {
    const me = deps.me();
    if (!me) return;
    for (const doc of read()) {
      try {
        if ((await register(doc, me)) === 'stop') return;
      } catch (error) {
        if (error instanceof ApiFailure) return; // offline or refused: try again later
        throw error;
      }
    }
  };

  return {
    list,
    moved,
    awaiting: (roomId) => list().some((doc) => doc.id === roomId || doc.movedFrom === roomId),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    add(doc) {
      write([...read().filter((d) => d.id !== doc.id), doc]);
    },
    dismissMoved(from) {
      setMoved((all) => all.filter((m) => m.from !== from));
    },
    flush() {
      flushing ??= flushAll().finally(() => {
        flushing = null;
      });
      return flushing;
    },
  };
}

/** The doc without its move bookkeeping: what the relay is asked to register. */
function settled(doc: PendingDoc): PendingDoc {
  return { id: doc.id, title: doc.title, parentId: doc.parentId, access: doc.access };
}
