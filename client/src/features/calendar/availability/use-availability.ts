import { createResource, type Accessor } from 'solid-js';
import { useApi } from '../../../auth/session-context.js';
import { invitees, type Invitee } from '../../../workspace/calendar/availability/schedule.js';

/** The invitees' availability over `range`, asked again when either changes [CAL53]. */
export function useAvailability(
  people: Accessor<readonly string[]>,
  range: Accessor<{ start: number; end: number }>,
) {
  const api = useApi();
  const [answer] = createResource(
    () => ({ people: people(), range: range() }),
    async ({ people: ids, range: r }): Promise<Invitee[]> =>
      ids.length === 0 ? [] : invitees(await api.availability.of(ids, r.start, r.end)),
  );
  return answer;
}
