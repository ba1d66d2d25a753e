import type { Message } from './messages.js';

export interface Threads {
  /** Channel-level messages in order. */
  top: Message[];
  /** Replies per parent id, in order. */
  replies: Map<string, Message[]>;
}

/** Splits ordered messages into the channel timeline and its threads. */
export function splitThreads(ordered: readonly Message[]): Threads {
  const top: Message[] = [];
  const replies = new Map<string, Message[]>();
  for (const message of ordered) {
    if (message.parentId === null) top.push(message);
    else replies.set(message.parentId, [...(replies.get(message.parentId) ?? []), message]);
  }
  return { top, replies };
}
