import type { RoomAccess } from '../../../../../shared/api/schemas.js';
import { ApiFailure } from '../../../auth/api-failure.js';
import type { Api } from '../../../auth/api.js';
import type { SessionStore } from '../../../auth/session-store.js';
import { newRoomId } from '../../../workspace/rooms/new-room-id.js';
import type { PendingDocs } from './pending-docs.js';

/**
 * Creates a doc: registered with the relay at once when it answers, otherwise
 * queued (PendingDocs) and usable right away on this device. Returns its id.
 */
export async function createDoc(
  deps: {
    api: Pick<Api, 'createRoom'>;
    session: Pick<SessionStore, 'addRoom'>;
    pending: PendingDocs;
  },
  input: { title: string; parentId: string | null; access: RoomAccess },
): Promise<string> {
  const id = newRoomId();
  try {
    const room = await deps.api.createRoom({ id, kind: 'doc', ...input });
    deps.session.addRoom(room);
  } catch (error) {
    if (!(error instanceof ApiFailure && error.offline)) throw error;
    deps.pending.add({ id, ...input });
  }
  return id;
}
