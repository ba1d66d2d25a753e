import { createResource, type Resource } from 'solid-js';
import type { GroupSummary, UserSummary } from '../../../../shared/api/schemas.js';
import { useApi } from '../../auth/session-context.js';

export interface Grantees {
  groups: GroupSummary[];
  people: UserSummary[];
}

/**
 * The groups and active people a room can be shared with, minus `exclude` (the room's
 * owner, who can always edit). Guests may not list people; they get empty lists.
 */
export function useGrantees(exclude: () => string | null): Resource<Grantees> {
  const api = useApi();
  const [grantees] = createResource(
    () => ({ exclude: exclude() }),
    async ({ exclude: excluded }) => {
      const [groups, users] = await Promise.all([
        api.groups().catch(() => []),
        api.users().catch(() => []),
      ]);
      return {
        groups,
        people: users.filter((user) => user.active && user.id !== excluded),
      };
    },
  );
  return grantees;
}
