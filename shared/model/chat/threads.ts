import type { Message } from './messages.js';

export interface Threads<T extends Message = Message> {
  /** Channel-level messages in order. */
  top: T[];
  /** Replies per parent id, in order. */
  replies: Map<string, T[]>;
}

/** Splits ordered messages into the channel timeline and its threads. */
export function splitThreads<T extends Message>(ordered: readonly T[]): Threads<T> {
  const top: T[] = [];
  const replies = new Map<string, T[]>();
  for (const message of ordered) {
    if (message.parentId === null) top.push(message);
    else replies.set(message.parentId, [...(replies.get(message.parentId) ?? []), message]);
  }
  return { top, replies };
}
