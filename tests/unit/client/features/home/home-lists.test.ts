import { describe, expect, it } from 'vitest';
import type { DirectoryRoom } from '../../../../../shared/api/schemas.js';
import {
  followedDocChanges,
  followedDocs,
  FRESH_MS,
  newestDocs,
} from '../../../../../client/src/features/home/model/followed-docs.js';
import {
  recentActivity,
  timeAgo,
} from '../../../../../client/src/features/home/model/recent-activity.js';
import type { ChatSummary } from '../../../../../client/src/workspace/chat-summary.js';

const NOW = Date.UTC(2026, 2, 4, 12, 0);

function room(id: string, kind: DirectoryRoom['kind'], extra: Partial<DirectoryRoom> = {}) {
  return {
    id,
    kind,
    title: id,
    ownerId: 'owner',
    level: 'write',
    canManage: false,
    createdAt: 0,
    parentId: null,
    trashedAt: null,
    favourite: false,
    ...extra,
  } satisfies DirectoryRoom;
}

function summary(lastActivityAt: number): ChatSummary {
  return {
    unread: 0,
    mentions: 0,
    firstUnreadId: null,
    lastAt: lastActivityAt,
    lastActivityAt,
    dings: [],
    last: null,
  };
}

describe("Home's recent activity", () => {
  it('[HOME2] lists conversations by their newest message, from summaries only', () => {
    const rooms = [
      room('general', 'channel'),
      room('quiet', 'channel'),
      room('ann', 'dm'),
      room('never-read', 'channel'),
      room('plan', 'doc'),
      room('binned', 'channel', { trashedAt: 1 }),
    ];
    const summaries = new Map([
      ['general', summary(NOW - 5_000)],
      ['quiet', summary(0)],
      ['ann', summary(NOW - 1_000)],
      ['plan', summary(NOW)],
      ['binned', summary(NOW)],
    ]);
    const ids = recentActivity(rooms, (id) => summaries.get(id) ?? null).map((r) => r.room.id);
    expect(ids).toEqual(['ann', 'general']);
    expect(recentActivity(rooms, (id) => summaries.get(id) ?? null, 1)).toHaveLength(1);
  });

  it('says how long ago in words', () => {
    expect(timeAgo(NOW - 10_000, NOW)).toBe('just now');
    expect(timeAgo(NOW - 5 * 60_000, NOW)).toBe('5 minutes ago');
    expect(timeAgo(NOW - 3 * 3_600_000, NOW)).toBe('3 hours ago');
    expect(timeAgo(NOW - 86_400_000, NOW)).toBe('yesterday');
    expect(timeAgo(NOW - 15 * 86_400_000, NOW)).toBe('2 weeks ago');
    // A clock a little behind the sender's never says "in 2 minutes".
    expect(timeAgo(NOW + 120_000, NOW)).toBe('just now');
  });
});

describe("Home's followed docs", () => {
  const change = (at: number, authorId: string) => ({ at, authorId, authorName: authorId });

  it('[HOME3] follows starred docs that are not in the trash', () => {
    const docs = [
      room('starred', 'doc', { favourite: true }),
      room('plain', 'doc'),
      room('binned', 'doc', { favourite: true, trashedAt: 1 }),
      room('scratchpad', 'doc', { favourite: true }),
    ];
    expect(followedDocs(docs).map((d) => d.id)).toEqual(['starred']);
  });

  it("[HOME3] puts others' changes of the last week first, marked; mine and older ones after", () => {
    const entries = [
      { room: room('mine', 'doc'), last: change(NOW - 1_000, 'me') },
      { room: room('old', 'doc'), last: change(NOW - FRESH_MS - 1, 'bob') },
      { room: room('never', 'doc'), last: null },
      { room: room('bobs', 'doc'), last: change(NOW - 60_000, 'bob') },
    ];
    const result = followedDocChanges(entries, 'me', NOW);
    expect(result.map((d) => [d.room.id, d.fresh])).toEqual([
      ['bobs', true],
      ['mine', false],
      ['old', false],
      ['never', false],
    ]);
  });

  it('[HOME3] without starred docs, offers the newest docs', () => {
    const docs = [
      room('a', 'doc', { createdAt: 1 }),
      room('b', 'doc', { createdAt: 3 }),
      room('scratchpad', 'doc', { createdAt: 9 }),
      room('c', 'doc', { createdAt: 2, trashedAt: 5 }),
      room('d', 'channel', { createdAt: 8 }),
    ];
    expect(newestDocs(docs).map((d) => d.id)).toEqual(['b', 'a']);
  });
});
