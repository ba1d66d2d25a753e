/**
 * What this device still owes the relay about invites, kept in localStorage per
 * person so that it survives a reload while offline [CAL47]:
 * - answers not yet sent. Unlike approval actions (client/src/workspace/approvals/
 *   action-queue.ts), whose order matters and which are all sent, only the last
 *   answer to an event counts, so a new one replaces the one waiting;
 * - events edited here whose invite is not yet published. The snapshot is not kept:
 *   the event is read from the synced doc when it is published, so what attendees
 *   get includes every device's edits.
 */
import { z } from 'zod';
import { AnswerValue } from '../../../../shared/calendar/schemas.js';
import { eventKey } from './invitations.js';

export const INVITE_QUEUE_PREFIX = 'ws:calendar-invites-queue:';

export const QueuedAnswer = z.object({
  calendarId: z.string(),
  eventId: z.string(),
  answer: AnswerValue,
  note: z.string(),
  queuedAt: z.number(),
  /** null while waiting; the relay's message once it refused. */
  refusal: z.string().nullable(),
});
export type QueuedAnswer = z.infer<typeof QueuedAnswer>;

const Queue = z.object({
  answers: z.array(QueuedAnswer).default([]),
  /** eventKeys of events whose invite must be published again. */
  publish: z.array(z.string()).default([]),
});
export type InviteQueue = z.infer<typeof Queue>;

export interface InviteQueueStore {
  read(): InviteQueue;
  write(queue: InviteQueue): void;
}

/** One person's queue on this device; unreadable contents read as empty, never thrown. */
export function localInviteQueue(storage: Storage, userId: string): InviteQueueStore {
  const key = `${INVITE_QUEUE_PREFIX}${userId}`;
  return {
    read() {
      try {
        const parsed = Queue.safeParse(JSON.parse(storage.getItem(key) ?? '{}'));
        return parsed.success ? parsed.data : { answers: [], publish: [] };
      } catch {
        return { answers: [], publish: [] };
      }
    },
    write(queue) {
      if (queue.answers.length === 0 && queue.publish.length === 0) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(queue));
    },
  };
}

const sameEvent = (a: { calendarId: string; eventId: string }, key: string) =>
  eventKey(a.calendarId, a.eventId) === key;

export function queueAnswer(store: InviteQueueStore, answer: QueuedAnswer): void {
  const queue = store.read();
  const key = eventKey(answer.calendarId, answer.eventId);
  store.write({ ...queue, answers: [...queue.answers.filter((a) => !sameEvent(a, key)), answer] });
}

export function dropAnswer(store: InviteQueueStore, key: string): void {
  const queue = store.read();
  store.write({ ...queue, answers: queue.answers.filter((a) => !sameEvent(a, key)) });
}

export function queuePublish(store: InviteQueueStore, keys: Iterable<string>): void {
  const queue = store.read();
  store.write({ ...queue, publish: [...new Set([...queue.publish, ...keys])] });
}

export type Delivery = 'sent' | 'offline' | { refused: string };

/**
 * Sends what waits: answers first, then publishes; stops at the first that finds
 * the relay unreachable. An answer the relay refuses stays, with the reason, until
 * dismissed; a publish it refuses (access lost, event gone) is dropped, as retrying
 * would not change the answer. Returns whether anything was sent.
 */
export async function flushInviteQueue(
  store: InviteQueueStore,
  send: {
    answer: (item: QueuedAnswer) => Promise<Delivery>;
    publish: (calendarId: string, eventId: string) => Promise<Delivery>;
  },
): Promise<boolean> {
  let sent = false;
  for (const item of store.read().answers) {
    if (item.refusal !== null) continue;
    const outcome = await send.answer(item);
    if (outcome === 'offline') return sent;
    const key = eventKey(item.calendarId, item.eventId);
    const queue = store.read();
    // A newer answer queued while this one was on its way stays.
    const answers = queue.answers.flatMap((a) =>
      !sameEvent(a, key) || a.queuedAt !== item.queuedAt
        ? [a]
        : outcome === 'sent'
          ? []
          : [{ ...a, refusal: outcome.refused }],
    );
    store.write({ ...queue, answers });
    sent ||= outcome === 'sent';
  }
  for (const key of store.read().publish) {
    const at = key.indexOf('/');
    const outcome = await send.publish(key.slice(0, at), key.slice(at + 1));
    if (outcome === 'offline') return sent;
    const queue = store.read();
    store.write({ ...queue, publish: queue.publish.filter((k) => k !== key) });
    sent ||= outcome === 'sent';
  }
  return sent;
}
