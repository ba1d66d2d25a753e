import { createSignal, onCleanup } from 'solid-js';
import type { ChannelMessage } from './use-channel.js';

/** How long "Message deleted · Undo" stays before the delete is written [CHAT10]. */
export const UNDO_MS = 6_000;

/**
 * Deletes that wait a few seconds for "Undo". A delete drops the text for good (the
 * model rewrites the value and Yjs collects the old one), so nothing is written until
 * the time is up: the message only looks deleted on this device meanwhile. Leaving the
 * channel writes the waiting deletes at once.
 */
export function useDeferredDelete(commit: (message: ChannelMessage) => void) {
  const [waiting, setWaiting] = createSignal<ReadonlyMap<string, ChannelMessage>>(new Map());
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const settle = (id: string, write: boolean) => {
    clearTimeout(timers.get(id));
    timers.delete(id);
    const message = waiting().get(id);
    if (!message) return;
    setWaiting((current) => {
      const next = new Map(current);
      next.delete(id);
      return next;
    });
    if (write) commit(message);
  };

  onCleanup(() => {
    for (const id of [...timers.keys()]) settle(id, true);
  });

  return {
    /** Ids that look deleted here and can still be undone. */
    ids: () => new Set(waiting().keys()) as ReadonlySet<string>,
    /** The newest waiting delete, for the toast. */
    latest: () => [...waiting().values()].at(-1) ?? null,
    remove(message: ChannelMessage) {
      setWaiting((current) => new Map(current).set(message.id, message));
      timers.set(
        message.id,
        setTimeout(() => settle(message.id, true), UNDO_MS),
      );
    },
    undo: (id: string) => settle(id, false),
    /** Writes it now (the toast's close button). */
    confirm: (id: string) => settle(id, true),
  };
}
