import type { Summarizer } from './summary-engine.js';
import {
  bucketOf,
  bucketRoom,
  metaRoom,
  pendingDingsFor,
  readBuckets,
  readMessages,
  readPointers,
  sortBucketsNewestFirst,
  unreadSummary,
  type Ding,
} from './chat/index.js';

export const CHAT_SUMMARY_KEY = 'chat';

/** A DING for this person, as the alert needs it (acks are left out: it is not acked yet). */
export type DingSummary = Omit<Ding, 'acks'>;

/** The newest top-level message, clipped: what Home's recent activity shows of a room. */
export interface ChatPreview {
  id: string;
  author: string;
  text: string;
  at: number;
}

/** Characters of the newest message kept in the summary (a summary stays a few bytes). */
export const PREVIEW_CHARS = 140;

/** What the sidebar, the DING alerts and Home need of a channel or DM without opening it. */
export interface ChatSummary {
  /** Unread top-level messages in the newest month, and those that mention this person. */
  unread: number;
  mentions: number;
  firstUnreadId: string | null;
  /** Created time of the newest top-level message (0 when there is none). */
  lastAt: number;
  /** Created time of the newest message, thread replies included (0 when there is none). */
  lastActivityAt: number;
  /** Alerts for this person not yet acknowledged. */
  dings: DingSummary[];
  /** Absent in summaries stored before previews existed (rebuilt on the room's next change). */
  last?: ChatPreview | null;
  /**
   * The newest month holds something addressed to this person: a message of someone
   * else naming them, or someone else's reply in a thread they started or replied to.
   * Home's briefing opens only such rooms (and those with DINGs), not every active
   * one. Absent in summaries stored before it existed.
   */
  addressed?: boolean;
}

type SummaryMessage = ReturnType<typeof readMessages>[number];

/** See ChatSummary.addressed. */
export function addressedTo(messages: readonly SummaryMessage[], self: string): boolean {
  const mine = new Set<string>();
  for (const m of messages) {
    if (m.author !== self) continue;
    mine.add(m.parentId ?? m.id);
  }
  return messages.some(
    (m) =>
      m.author !== self &&
      (m.mentions.users.includes(self) || (m.parentId !== null && mine.has(m.parentId))),
  );
}

export function readChatSummary(value: unknown): ChatSummary | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<ChatSummary>;
  return typeof v.unread === 'number' &&
    typeof v.mentions === 'number' &&
    typeof v.lastActivityAt === 'number' &&
    Array.isArray(v.dings)
    ? (v as ChatSummary)
    : null;
}

/**
 * Summarises a channel or DM from its meta part and its newest month, the same
 * reading the channel view does when it is open.
 */
export function chatSummarizer(me: () => string | null): Summarizer {
  return {
    key: CHAT_SUMMARY_KEY,
    kinds: ['channel', 'dm'],
    async summarize(roomId, read): Promise<ChatSummary> {
      const self = me() ?? '';
      const meta = await read(metaRoom(roomId));
      const newest = sortBucketsNewestFirst(readBuckets(meta))[0] ?? bucketOf(Date.now());
      const bucket = await read(bucketRoom(roomId, newest));
      const messages = readMessages(bucket);
      const topLevel = messages.filter((m) => m.parentId === null);
      const unread = unreadSummary(topLevel, readPointers(meta).get(self), self);
      const latest = topLevel.reduce<(typeof topLevel)[number] | null>(
        (found, m) =>
          !m.deleted && (found === null || m.createdAt >= found.createdAt) ? m : found,
        null,
      );
      return {
        unread: unread.count,
        mentions: unread.mentions,
        firstUnreadId: unread.firstUnreadId,
        lastAt: topLevel.reduce((latest, m) => Math.max(latest, m.createdAt), 0),
        lastActivityAt: messages.reduce((latest, m) => Math.max(latest, m.createdAt), 0),
        dings: pendingDingsFor(meta, self).map(({ acks: _acks, ...ding }) => ding),
        last: latest && {
          id: latest.id,
          author: latest.author,
          text: latest.text.replace(/\s+/g, ' ').trim().slice(0, PREVIEW_CHARS),
          at: latest.createdAt,
        },
        addressed: addressedTo(messages, self),
      };
    },
  };
}
