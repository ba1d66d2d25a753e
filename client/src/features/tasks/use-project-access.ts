import { createResource } from 'solid-js';
import type { RoomAccess } from '../../../../shared/api/schemas.js';
import { useApi } from '../../auth/session-context.js';
import { shareForEditing } from '../../workspace/tasks/index.js';

/**
 * The project room's access rule (GET /api/rooms/:id/access, as the share dialog
 * reads it) and a way to give one more person edit access through the same PUT.
 * The rule is undefined while loading and when it cannot be read (say, offline):
 * then no warning is shown rather than a wrong one.
 */
export function useProjectAccess(projectId: () => string) {
  const api = useApi();
  const [access, { mutate }] = createResource(projectId, (id) =>
    api.roomAccess(id).catch((): RoomAccess | undefined => undefined),
  );
  return {
    access: () => (access.state === 'ready' ? access() : undefined),
    async shareWith(userId: string): Promise<void> {
      const current = access();
      if (!current) return;
      mutate(await api.setRoomAccess(projectId(), shareForEditing(current, userId)));
    },
  };
}
