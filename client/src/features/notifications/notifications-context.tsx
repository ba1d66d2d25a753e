import { createContext, createSignal, onCleanup, useContext, type JSX } from 'solid-js';
import type { Notification } from '../../../../shared/api/schemas.js';
import { useApi } from '../../auth/session-context.js';

const REFRESH_MS = 60_000;

export interface Inbox {
  /** Newest first; empty until the relay answers (or when it cannot be reached). */
  list: () => readonly Notification[];
  loaded: () => boolean;
  /** The last check failed (offline, relay down): the list shown is the last one heard. */
  failed: () => boolean;
  refetch: () => void;
  unread: () => number;
  /** Marks everything listed as read (when the person looks at the inbox). */
  markAllRead: () => void;
}

const InboxContext = createContext<Inbox>();

/**
 * This person's mentions, from the relay (which lists only rooms they can still read),
 * shared by the nav's unread count and the Notifications page. Checked on start, on
 * focus and every minute.
 */
export function InboxProvider(props: { children: JSX.Element }) {
  const api = useApi();
  // Not createResource with .catch(() => []): a failed check must not show an empty
  // inbox as if everything had been read; the last list stays and the page says why.
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
  const timer = setInterval(() => void refetch(), REFRESH_MS);
  const onFocus = () => void refetch();
  window.addEventListener('focus', onFocus);
  onCleanup(() => {
    clearInterval(timer);
    window.removeEventListener('focus', onFocus);
  });
  const current = () => list() ?? [];
  const inbox: Inbox = {
    list: current,
    loaded: () => list() !== undefined,
    failed,
    refetch: () => void refetch(),
    unread: () => current().filter((n) => !n.read).length,
    markAllRead: () => {
      const ids = current()
        .filter((n) => !n.read)
        .map((n) => n.id);
      if (ids.length === 0) return;
      api
        .markNotificationsRead(ids)
        .then(() => refetch())
        .catch(() => undefined);
    },
  };
  return <InboxContext.Provider value={inbox}>{props.children}</InboxContext.Provider>;
}

export function useInbox(): Inbox {
  const inbox = useContext(InboxContext);
  if (!inbox) throw new Error('useInbox needs an <InboxProvider> above it');
  return inbox;
}
