import { z } from 'zod';
import { ActBody, SubmitBody } from '../../../../shared/api/approvals.js';

/**
 * Approval actions taken while the relay cannot be reached ([APPR51]), kept in
 * localStorage with their client action id until the relay answers. Sending again
 * with the same id is safe: the relay appends an action id at most once [APPR35]. A
 * refusal stays in the queue, shown on its request, until the person dismisses it.
 */
export const QUEUE_STORAGE_PREFIX = 'ws:approvals-queue:';

export const QueuedAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('submit'), body: SubmitBody, queuedAt: z.string() }),
  z.object({ kind: z.literal('act'), requestId: z.string(), body: ActBody, queuedAt: z.string() }),
]);
export type QueuedAction = z.infer<typeof QueuedAction>;

export const QueueItem = z.intersection(
  QueuedAction,
  z.object({
    /** null while waiting for the relay; the relay's message once it refused. */
    refusal: z.object({ code: z.string(), message: z.string() }).nullable(),
  }),
);
export type QueueItem = z.infer<typeof QueueItem>;

export const actionIdOf = (item: QueuedAction): string => item.body.actionId;

export interface ActionQueueStore {
  read(): QueueItem[];
  write(items: QueueItem[]): void;
}

/** The queue of one person on this device; unreadable contents read as empty, never thrown. */
export function localQueueStore(storage: Storage, userId: string): ActionQueueStore {
  const key = `${QUEUE_STORAGE_PREFIX}${userId}`;
  return {
    read() {
      try {
        const parsed = z.array(QueueItem).safeParse(JSON.parse(storage.getItem(key) ?? '[]'));
        return parsed.success ? parsed.data : [];
      } catch {
        return [];
      }
    },
    write(items) {
      if (items.length === 0) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(items));
    },
  };
}

export type SendOutcome =
  | { kind: 'accepted'; requestId: string }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'offline' };

/**
 * Sends every waiting item in the order it was queued; stops at the first that finds
 * the relay unreachable (the rest would too, and order matters within a request).
 * Returns the ids of the requests that moved.
 */
export async function flushQueue(
  store: ActionQueueStore,
  send: (item: QueuedAction) => Promise<SendOutcome>,
): Promise<string[]> {
  const moved: string[] = [];
  for (const item of store.read()) {
    if (item.refusal) continue;
    const outcome = await send(item);
    if (outcome.kind === 'offline') break;
    const id = actionIdOf(item);
    const items = store.read();
    if (outcome.kind === 'accepted') {
      moved.push(outcome.requestId);
      store.write(items.filter((i) => actionIdOf(i) !== id));
    } else {
      const refusal = { code: outcome.code, message: outcome.message };
      store.write(items.map((i) => (actionIdOf(i) === id ? { ...i, refusal } : i)));
    }
  }
  return moved;
}
