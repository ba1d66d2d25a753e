import { createResource, type Accessor } from 'solid-js';
import type { GroupSummary, UserSummary } from '../../../../shared/api/schemas.js';
import { useApi } from '../../auth/session-context.js';
import { usePeople } from '../workspace-context.js';

export interface Grantees {
  groups: GroupSummary[];
  people: UserSummary[];
}

/**
 * The groups and active people a room can be shared with, minus `exclude` (the room's
 * owner, who can always edit); undefined until the groups are known. Guests may not
 * list either; they get empty lists. Asks for the people again, as the new channel
 * dialog does: someone who joined since the session's last check (it runs every
 * minute) is who the person most likely wants to share with.
 */
export function useGrantees(exclude: () => string | null): Accessor<Grantees | undefined> {
  const api = useApi();
  const people = usePeople();
  void people.refresh();
  const [groups] = createResource(() => api.groups().catch((): GroupSummary[] => []));
  return () => {
    const known = groups();
    if (known === undefined) return undefined;
    const excluded = exclude();
    return { groups: known, people: people.active().filter((user) => user.id !== excluded) };
  };
}
