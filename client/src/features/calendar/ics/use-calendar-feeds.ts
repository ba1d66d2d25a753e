import { createSignal } from 'solid-js';
import type {
  CalendarFeed,
  CreatedCalendarFeed,
} from '../../../../../shared/api/calendar-feeds.js';
import { useApi } from '../../../auth/session-context.js';
import { useAction } from '../../../ui/use-action.js';

/**
 * The person's subscription URLs of one calendar, from the relay: there is no
 * offline copy, as a URL only works through the relay anyway. The URL itself is
 * known only right after it is made (the relay keeps its hash).
 */
export function useCalendarFeeds(calendarId: string) {
  const api = useApi().calendarFeeds;
  const [feeds, setFeeds] = createSignal<CalendarFeed[] | null>(null);
  const [created, setCreated] = createSignal<CreatedCalendarFeed | null>(null);
  const refresh = async () => {
    setFeeds(await api.list(calendarId));
  };
  const load = useAction(refresh);
  const create = useAction(async () => {
    setCreated(await api.create(calendarId));
    await refresh();
  });
  const revoke = useAction(async (id: string) => {
    await api.revoke(calendarId, id);
    if (created()?.id === id) setCreated(null);
    await refresh();
  });
  load.run();
  return { feeds, created, load, create, revoke };
}
