import { createEffect, createMemo, on, onCleanup } from 'solid-js';
import { useApi, useSession } from '../../../auth/session-context.js';
import { createHeldDocs } from '../../../sync/held-docs.js';
import { useRegistry } from '../../../sync/registry-context.js';
import { readCalendarDoc, viewerZone } from '../../../workspace/calendar/index.js';
import { myBusy, publishWindow } from '../../../workspace/calendar/availability/my-busy.js';
import { useDirectory } from '../../../workspace/workspace-context.js';

const DEBOUNCE_MS = 2_000;
/** The window slides and a failed publication is retried: the same again now and then. */
const REFRESH_MS = 10 * 60_000;

/**
 * Publishes the signed-in person's busy intervals [CAL50]: after their calendars
 * change (debounced), when the browser comes back online, and every few minutes.
 * Renders nothing. A person who hides their availability publishes nothing [CAL52].
 */
export function BusyPublisher() {
  const api = useApi();
  const session = useSession();
  const directory = useDirectory();
  const held = createHeldDocs(useRegistry());
  const me = () => session.me()?.user.id ?? null;
  const zone = viewerZone();
  // Recomputed on any calendar edit; the window is fixed per computation ("from now").
  const busy = createMemo(() => {
    held.version();
    const person = me();
    if (!person) return null;
    const calendars = directory
      .ofKind('calendar')
      .map((room) => readCalendarDoc(held.hold(room.id)));
    return { person, busy: myBusy(calendars, person, publishWindow(Date.now()), zone) };
  });

  let last = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const publish = async (force: boolean) => {
    const current = busy();
    if (!current) return;
    const body = JSON.stringify(current);
    if (!force && body === last) return;
    try {
      const settings = await api.availability.settings();
      if (settings?.hidden) return;
      await api.availability.publishBusy({ timeZone: zone, busy: current.busy });
      last = body;
    } catch {
      last = ''; // offline or refused: the next change, 'online' or refresh tries again
    }
  };
  const soon = (force = false) => {
    clearTimeout(timer);
    timer = setTimeout(() => void publish(force), DEBOUNCE_MS);
  };
  createEffect(on(busy, () => soon()));
  const online = () => soon(true);
  window.addEventListener('online', online);
  const refresh = setInterval(() => soon(true), REFRESH_MS);
  onCleanup(() => {
    clearTimeout(timer);
    clearInterval(refresh);
    window.removeEventListener('online', online);
  });
  return null;
}
