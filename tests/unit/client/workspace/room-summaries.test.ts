import { describe, expect, it, vi } from 'vitest';

// Views over every room are memos: test them with Solid's browser build (Node gets the
// server build, whose memos never re-run).
// @ts-expect-error the build file has no types of its own; it is the API of 'solid-js'
vi.mock('solid-js', () => import('solid-js/dist/solid.js'));
const { createMemo, createRoot } = await import('solid-js');
const { memorySummaryStore, RoomSummaries } =
  await import('../../../../client/src/workspace/room-summaries.js');
const { addressedTo } = await import('../../../../client/src/workspace/chat-summary.js');

const ROOMS = Array.from({ length: 2000 }, (_, i) => `c${i}`);

describe('RoomSummaries', () => {
  it('wakes a view over every room once for a catch-up that writes 2,000 summaries, not once per room', async () => {
    const summaries = new RoomSummaries(memorySummaryStore(), { batchMs: 5 });
    await summaries.ready();
    await createRoot(async (dispose) => {
      let runs = 0;
      const total = createMemo(() => {
        runs += 1;
        summaries.changes();
        return ROOMS.reduce((sum, id) => sum + Number(summaries.peek(id, 'n') ?? 0), 0);
      });
      const before = runs;
      for (const id of ROOMS) summaries.write(id, 'n', 1);
      await expect.poll(total).toBe(ROOMS.length);
      expect(runs - before).toBe(1);
      // A reader of one room still hears of its change without waiting for the batch.
      const one = createMemo(() => summaries.read('c7', 'n'));
      summaries.write('c7', 'n', 5);
      expect(one()).toBe(5);
      dispose();
    });
  });
});

describe('addressedTo', () => {
  const message = (id: string, author: string, parentId: string | null, users: string[] = []) => ({
    id,
    key: id,
    author,
    text: '',
    createdAt: 0,
    parentId,
    mentions: { users, channel: false },
  });
  type Messages = Parameters<typeof addressedTo>[0];
  const check = (messages: unknown[]) => addressedTo(messages as Messages, 'me');

  it('is true for a mention of me or a reply by someone else in a thread I am in', () => {
    expect(check([message('a', 'ann', null, ['me'])])).toBe(true);
    expect(check([message('r', 'me', null), message('a', 'ann', 'r')])).toBe(true);
    expect(
      check([message('r', 'ann', null), message('x', 'me', 'r'), message('y', 'bob', 'r')]),
    ).toBe(true);
  });

  it('is false for busy channels with nothing for me', () => {
    expect(check([])).toBe(false);
    expect(check([message('a', 'ann', null), message('b', 'bob', 'a', ['bob'])])).toBe(false);
    // My own mention of myself and my own replies do not count.
    expect(check([message('r', 'me', null, ['me']), message('x', 'me', 'r')])).toBe(false);
  });
});
