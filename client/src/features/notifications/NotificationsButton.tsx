import { createSignal, onCleanup, Show } from 'solid-js';
import type { Notification } from '../../../../shared/api/schemas.js';
import { useApi } from '../../auth/session-context.js';
import { Dialog } from '../../ui/Dialog.js';
import { NotificationsList } from './NotificationsList.js';

const REFRESH_MS = 60_000;

/**
 * The sidebar's inbox: mentions of this person, from the relay (which shows only
 * rooms they can still read). Checked on start, on focus and every minute; opening
 * the list marks everything in it read. A failed check keeps the last list shown.
 */
export function NotificationsButton() {
  const api = useApi();
  const [list, setList] = createSignal<readonly Notification[] | undefined>(undefined);
  const [failed, setFailed] = createSignal(false);
  const refetch = () =>
    api.notifications().then(
      (next) => {
        setList(next);
        setFailed(false);
      },
      () => setFailed(true),
    );
  void refetch();
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
          <NotificationsList
            list={list()}
            failed={failed()}
            onOpen={() => setOpen(false)}
            onRetry={() => void refetch()}
          />
          <button type="button" class="button" onClick={() => setOpen(false)}>
            Close
          </button>
        </Dialog>
      </Show>
    </>
  );
}
