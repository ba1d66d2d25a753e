import {
  createContext,
  createSignal,
  onCleanup,
  useContext,
  type Accessor,
  type JSX,
} from 'solid-js';
import type { Invitation } from '../../../../shared/api/calendar-invites.js';
import type { AnswerValue } from '../../../../shared/calendar/schemas.js';
import { readEvent } from '../../../../shared/calendar/index.js';
import { ApiFailure } from '../../auth/api-failure.js';
import { useApi, useSession } from '../../auth/session-context.js';
import { browserNetworkMonitor } from '../../lib/network-monitor.js';
import type { RoomHandle } from '../../sync/doc-registry.js';
import { useRegistry } from '../../sync/registry-context.js';
import { whenTrue } from '../../sync/when-true.js';
import { watchInviteEdits } from './invite-edits.js';
import {
  dropAnswer,
  flushInviteQueue,
  localInviteQueue,
  queueAnswer,
  queuePublish,
  type Delivery,
  type QueuedAnswer,
} from './invite-queue.js';
import { eventKey, snapshotOf } from './invitations.js';

const REFRESH_MS = 60_000;
/** How long a publish waits for its calendar to sync before it counts as offline. */
const SYNC_WAIT_MS = 20_000;

export type AnswerOutcome =
  | { kind: 'sent'; invitation: Invitation }
  | { kind: 'queued' }
  | { kind: 'refused'; message: string };

export interface CalendarInvites {
  /** My invitations, newest first; empty until the relay answers. */
  invitations: Accessor<readonly Invitation[]>;
  loaded: Accessor<boolean>;
  /** Answers waiting for the relay (or refused), by eventKey. */
  queued: Accessor<ReadonlyMap<string, QueuedAnswer>>;
  answer: (
    calendarId: string,
    eventId: string,
    answer: AnswerValue,
    note: string,
  ) => Promise<AnswerOutcome>;
  dismiss: (calendarId: string, eventId: string) => void;
  /** Publishes invites of this calendar's events after this device edits them. */
  watch: (calendarId: string, handle: RoomHandle) => () => void;
  refetch: () => void;
  /** Bumped when something was sent, so open answer lists fetch again. */
  changes: Accessor<number>;
}

const Context = createContext<CalendarInvites>();

function delivery(error: unknown): Delivery {
  if (error instanceof ApiFailure && !error.offline && error.status < 500)
    return { refused: error.message };
  return 'offline';
}

/**
 * [CAL47] Invites for the whole session: my invitations from the relay, answers
 * that wait for it, and invites this device must publish after its edits. The queue
 * is sent on start, when the network comes back, on focus and every minute.
 */
export function CalendarInvitesProvider(props: { children: JSX.Element }) {
  const api = useApi();
  const session = useSession();
  const registry = useRegistry();
  const me = () => session.me()?.user.id ?? null;
  const store = () => localInviteQueue(localStorage, me() ?? 'nobody');
  const [invitations, setInvitations] = createSignal<readonly Invitation[] | undefined>();
  const queuedMap = () =>
    new Map(
      store()
        .read()
        .answers.map((a) => [eventKey(a.calendarId, a.eventId), a]),
    );
  const [queued, setQueued] = createSignal<ReadonlyMap<string, QueuedAnswer>>(queuedMap());
  const [changes, setChanges] = createSignal(0);

  const refetch = () => {
    if (!me()) return;
    api.calendarInvites.mine().then(
      (mine) => setInvitations(mine.invitations),
      () => undefined, // the last list stays; pages say when the relay is away
    );
  };

  const publish = async (calendarId: string, eventId: string): Promise<Delivery> => {
    const handle = registry.acquire(calendarId);
    try {
      const synced = whenTrue(() => handle.loaded() && handle.status().kind === 'synced');
      let timer: ReturnType<typeof setTimeout> | undefined;
      const gaveUp = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), SYNC_WAIT_MS);
      });
      const late = (await Promise.race([synced, gaveUp])) === 'late';
      clearTimeout(timer);
      if (late) return 'offline';
      const event = readEvent(handle.doc, eventId);
      await api.calendarInvites.publish(calendarId, eventId, {
        event: event ? snapshotOf(event) : null,
      });
      return 'sent';
    } catch (error) {
      return delivery(error);
    } finally {
      handle.release();
    }
  };
  const sendAnswer = async (item: QueuedAnswer): Promise<Delivery> => {
    try {
      await api.calendarInvites.answer(item.calendarId, item.eventId, item);
      return 'sent';
    } catch (error) {
      return delivery(error);
    }
  };

  let flushing = false;
  const flush = async () => {
    if (flushing || !me()) return;
    flushing = true;
    try {
      const sent = await flushInviteQueue(store(), { answer: sendAnswer, publish });
      setQueued(queuedMap());
      if (sent) {
        setChanges((n) => n + 1);
        refetch();
      }
    } finally {
      flushing = false;
    }
  };
  const refresh = () => {
    refetch();
    void flush();
  };
  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  const unsubscribe = browserNetworkMonitor().subscribe((online) => online && refresh());
  window.addEventListener('focus', refresh);
  onCleanup(() => {
    clearInterval(timer);
    unsubscribe();
    window.removeEventListener('focus', refresh);
  });

  const invites: CalendarInvites = {
    invitations: () => invitations() ?? [],
    loaded: () => invitations() !== undefined,
    queued,
    async answer(calendarId, eventId, answer, note) {
      const item = { calendarId, eventId, answer, note, queuedAt: Date.now(), refusal: null };
      const outcome = await sendAnswer(item);
      if (outcome === 'offline') {
        queueAnswer(store(), item);
        setQueued(queuedMap());
        return { kind: 'queued' };
      }
      // A sent answer replaces one that waited from before.
      dropAnswer(store(), eventKey(calendarId, eventId));
      setQueued(queuedMap());
      if (outcome !== 'sent') return { kind: 'refused', message: outcome.refused };
      setChanges((n) => n + 1);
      refetch();
      const invitation = await api.calendarInvites.get(calendarId, eventId);
      return { kind: 'sent', invitation };
    },
    dismiss(calendarId, eventId) {
      dropAnswer(store(), eventKey(calendarId, eventId));
      setQueued(queuedMap());
    },
    watch(calendarId, handle) {
      return watchInviteEdits(handle.doc, (ids) => {
        queuePublish(
          store(),
          ids.map((id) => eventKey(calendarId, id)),
        );
        void flush();
      });
    },
    refetch,
    changes,
  };
  return <Context.Provider value={invites}>{props.children}</Context.Provider>;
}

export function useCalendarInvites(): CalendarInvites {
  const invites = useContext(Context);
  if (!invites) throw new Error('useCalendarInvites needs a CalendarInvitesProvider');
  return invites;
}

/** [CAL47] Publishes the invites of `calendarId` after this device's edits, while mounted. */
export function usePublishInvites(calendarId: string, handle: RoomHandle): void {
  onCleanup(useCalendarInvites().watch(calendarId, handle));
}
