import type { ChannelMessage } from './use-channel.js';

export type CatchUpRange = 'unread' | 'day' | 'week' | 'loaded';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The messages a catch-up reads, oldest first: the channel's messages and their
 * replies in the range; "since I last read" starts after the read pointer this
 * person had when the channel was opened (null pointer: everything loaded).
 */
export function catchUpMessages(
  timeline: readonly ChannelMessage[],
  replies: ReadonlyMap<string, readonly ChannelMessage[]>,
  range: CatchUpRange,
  readPointer: string | null,
  now: number,
): ChannelMessage[] {
  const all = [...timeline, ...[...replies.values()].flat()].filter((m) => !m.deleted);
  const keep = (m: ChannelMessage) => {
    if (range === 'unread') return readPointer === null || m.key > readPointer;
    if (range === 'day') return m.createdAt >= now - DAY_MS;
    if (range === 'week') return m.createdAt >= now - 7 * DAY_MS;
    return true;
  };
  return all.filter(keep).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
