import {
  createContext,
  createSignal,
  onCleanup,
  useContext,
  type Accessor,
  type JSX,
} from 'solid-js';
import type { ActionResult, RequestList } from '../../../../shared/api/approvals.js';
import { ApiFailure } from '../../auth/api-failure.js';
import { useApi, useSession } from '../../auth/session-context.js';
import { browserNetworkMonitor } from '../../lib/network-monitor.js';
import {
  actionIdOf,
  flushQueue,
  localQueueStore,
  type QueuedAction,
  type QueueItem,
  type SendOutcome,
} from './action-queue.js';
import { checkRelayKey, readPinnedKey, repinRelayKey, type KeyCheck } from './relay-key.js';

const REFRESH_MS = 60_000;

export type KeyState = KeyCheck | { kind: 'loading' } | { kind: 'unavailable'; message: string };

/** What a send came to: the relay's answer, a refusal, or queued until it can be reached. */
export type Sent =
  | { kind: 'accepted'; result: ActionResult }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'queued' };

export interface Approvals {
  /** Requests waiting for my decision (the nav badge); 0 until the relay answers. */
  toApprove: Accessor<number>;
  /**
   * My "to approve" box as the relay last listed it, fetched with the count while it
   * is above 0 (Home's card and the briefing read it, [G5]); undefined until then.
   */
  waiting: Accessor<RequestList | undefined>;
  /** The relay's key as pinned on this device ([APPR50]). */
  key: Accessor<KeyState>;
  /** Trust a new relay key after checking its fingerprint with the operator. */
  acceptNewKey: (publicKey: string) => void;
  /** Actions waiting for the relay or refused after reconnecting ([APPR51]). */
  queue: Accessor<readonly QueueItem[]>;
  dismiss: (actionId: string) => void;
  send: (action: QueuedAction) => Promise<Sent>;
  /** Bumped whenever a request may have moved, so open views fetch again. */
  changes: Accessor<number>;
}

const ApprovalsContext = createContext<Approvals>();

/**
 * Approvals state shared by the nav badge, the Approvals page and Settings: the pinned
 * relay key, the count, and the offline queue, which is sent again when the network
 * comes back, on focus and every minute.
 */
export function ApprovalsProvider(props: { children: JSX.Element }) {
  const api = useApi();
  const session = useSession();
  const member = () => {
    const me = session.me();
    return me && me.user.role !== 'guest' ? me.user.id : null;
  };
  const store = () => localQueueStore(localStorage, member() ?? 'nobody');
  const [toApprove, setToApprove] = createSignal(0);
  const pinned = readPinnedKey(localStorage);
  const [key, setKey] = createSignal<KeyState>(
    pinned ? { kind: 'pinned', key: pinned } : { kind: 'loading' },
  );
  const [queue, setQueue] = createSignal<readonly QueueItem[]>(store().read());
  const [changes, setChanges] = createSignal(0);
  const bump = () => setChanges((n) => n + 1);

  const [waiting, setWaiting] = createSignal<RequestList | undefined>(undefined);
  const refreshCount = () => {
    if (!member()) return;
    api.approvals.count().then(
      (c) => {
        setToApprove(c.toApprove);
        // Most people approve nothing most days: no list to fetch then.
        if (c.toApprove === 0) setWaiting({ requests: [], people: {}, nextBefore: null });
        else api.approvals.list('toApprove').then(setWaiting, () => undefined);
      },
      () => undefined, // the last count stays; the page says when the relay is away
    );
  };
  // A pinned key verifies at once, offline too; the relay is still asked, to notice a change.
  const loadKey = () => {
    if (!member() || key().kind === 'changed') return;
    api.approvals.key().then(
      (offered) => setKey(checkRelayKey(localStorage, offered, new Date().toISOString())),
      (error: unknown) => {
        if (key().kind === 'pinned') return;
        setKey({
          kind: 'unavailable',
          message: error instanceof Error ? error.message : 'The relay key could not be read.',
        });
      },
    );
  };

  const deliver = async (item: QueuedAction): Promise<SendOutcome & { result?: ActionResult }> => {
    try {
      const result =
        item.kind === 'submit'
          ? await api.approvals.submit(item.body)
          : await api.approvals.act(item.requestId, item.body);
      return { kind: 'accepted', requestId: result.request.id, result };
    } catch (error) {
      if (error instanceof ApiFailure && !error.offline && error.status < 500) {
        return { kind: 'refused', code: error.code, message: error.message };
      }
      return { kind: 'offline' };
    }
  };
  let flushing = false;
  const flush = async () => {
    if (flushing || !member()) return;
    flushing = true;
    try {
      const moved = await flushQueue(store(), deliver);
      setQueue(store().read());
      if (moved.length) bump();
    } finally {
      flushing = false;
    }
  };
  const refresh = () => {
    loadKey();
    refreshCount();
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

  const approvals: Approvals = {
    toApprove,
    waiting,
    key,
    acceptNewKey(publicKey) {
      setKey({
        kind: 'pinned',
        key: repinRelayKey(localStorage, publicKey, new Date().toISOString()),
      });
    },
    queue,
    dismiss(actionId) {
      store().write(
        store()
          .read()
          .filter((i) => actionIdOf(i) !== actionId),
      );
      setQueue(store().read());
    },
    async send(action) {
      // Behind queued actions of the same person, so their order is kept.
      const outcome = queue().some((i) => !i.refusal)
        ? { kind: 'offline' as const }
        : await deliver(action);
      if (outcome.kind === 'offline') {
        store().write([...store().read(), { ...action, refusal: null }]);
        setQueue(store().read());
        return { kind: 'queued' };
      }
      refreshCount();
      bump();
      if (outcome.kind === 'refused') return outcome;
      return { kind: 'accepted', result: outcome.result! };
    },
    changes,
  };
  return <ApprovalsContext.Provider value={approvals}>{props.children}</ApprovalsContext.Provider>;
}

export function useApprovals(): Approvals {
  const approvals = useContext(ApprovalsContext);
  if (!approvals) throw new Error('useApprovals needs an ApprovalsProvider');
  return approvals;
}
