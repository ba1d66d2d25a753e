import type { Message } from '../../../../shared/model/chat/messages.js';

export interface Receipt {
  /** Members other than the author who have read the message. */
  read: string[];
  /** Members other than the author who have not. */
  unread: string[];
}

/**
 * Who has read a message: a member has read every message whose key is at or below
 * their read pointer. The author is left out of both lists ("read by N / M" counts the
 * others). Cost is one comparison per member, whatever the channel's length.
 */
export function receiptOf(
  message: Pick<Message, 'key' | 'author'>,
  pointers: ReadonlyMap<string, string>,
  members: readonly string[],
): Receipt {
  const read: string[] = [];
  const unread: string[] = [];
  for (const member of members) {
    if (member === message.author) continue;
    const pointer = pointers.get(member);
    if (pointer !== undefined && pointer >= message.key) read.push(member);
    else unread.push(member);
  }
  return { read, unread };
}

export interface UnreadSummary {
  count: number;
  mentions: number;
  /** The first unread message (where the "new messages" divider goes), or null. */
  firstUnreadId: string | null;
}

/** Unread messages for `me` after their pointer: others' live messages; mentions counted apart. */
export function unreadSummary(
  ordered: readonly Message[],
  pointer: string | undefined,
  me: string,
): UnreadSummary {
  let count = 0;
  let mentions = 0;
  let firstUnreadId: string | null = null;
  for (const message of ordered) {
    if (pointer !== undefined && message.key <= pointer) continue;
    if (message.author === me || message.deleted) continue;
    count += 1;
    firstUnreadId ??= message.id;
    if (message.mentions.channel || message.mentions.users.includes(me)) mentions += 1;
  }
  return { count, mentions, firstUnreadId };
}
