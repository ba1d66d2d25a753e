import { A } from '@solidjs/router';
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { useApi } from '../../auth/session-context.js';
import { Dialog } from '../../ui/Dialog.js';
import { roomPath } from '../../workspace/rooms/room-path.js';

const REFRESH_MS = 60_000;
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The sidebar's inbox: mentions of this person, from the relay (which shows only
 * rooms they can still read). Checked on start, on focus and every minute; opening
 * the list marks everything in it read.
 */
export function NotificationsButton() {
  const api = useApi();
  const [list, { refetch }] = createResource(() => api.notifications().catch(() => []));
  const [open, setOpen] = createSignal(false);
  const unread = () => (list() ?? []).filter((n) => !n.read).length;
  const timer = setInterval(() => void refetch(), REFRESH_MS);
  const onFocus = () => void refetch();
  window.addEventListener('focus', onFocus);
  onCleanup(() => {
    clearInterval(timer);
    window.removeEventListener('focus', onFocus);
  });
  const show = () => {
    setOpen(true);
    const ids = (list() ?? []).filter((n) => !n.read).map((n) => n.id);
    if (ids.length > 0) {
      api
        .markNotificationsRead(ids)
        .then(() => refetch())
        .catch(() => undefined);
    }
  };
  const path = (n: { roomId: string; roomKind: 'channel' | 'dm' | 'doc' | 'board' }) =>
    n.roomKind === 'doc' ? `/docs/${n.roomId}` : roomPath({ id: n.roomId, kind: n.roomKind });

  return (
    <>
      <button type="button" class="button button-small" onClick={show}>
        Notifications
        <Show when={unread() > 0}>
          {' '}
          <span class="badge badge-warn">{unread()} new</span>
        </Show>
      </button>
      <Show when={open()}>
        <Dialog title="Notifications" onClose={() => setOpen(false)}>
          <Show
            when={(list() ?? []).length > 0}
            fallback={<p class="muted">Nothing yet. Mentions of you show up here.</p>}
          >
            <ul class="item-list" aria-label="Notifications">
              <For each={list() ?? []}>
                {(n) => (
                  <li class="item stack">
                    <A href={path(n)} class="item-title" onClick={() => setOpen(false)}>
                      {n.actorName} mentioned you in {n.roomTitle}
                    </A>
                    <Show when={n.excerpt}>
                      <span class="small">{n.excerpt}</span>
                    </Show>
                    <span class="muted small">{when.format(n.at)}</span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <button type="button" class="button" onClick={() => setOpen(false)}>
            Close
          </button>
        </Dialog>
      </Show>
    </>
  );
}
