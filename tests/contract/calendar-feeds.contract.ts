import { afterEach, describe, expect, it } from 'vitest';
import type { IdentityStore } from '../../sync-server/src/auth/identity/identity-store.js';

/** Calendar subscription URLs on every IdentityStore (SQLite and PostgreSQL). */
export function calendarFeedsContract(name: string, open: () => Promise<IdentityStore>): void {
  const opened: IdentityStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close().catch(() => {});
  });
  const seeded = async () => {
    const store = await open();
    opened.push(store);
    for (const id of ['ann', 'bob'])
      await store.people.insert({
        id,
        email: `${id}@x.test`,
        name: id,
        password_hash: 'h',
        role: 'member',
        created_at: 1,
      });
    return store;
  };
  const feed = (id: string, user: string, room = 'cal1', at = 1) => ({
    id,
    token_hash: `hash-${id}`,
    room_id: room,
    user_id: user,
    created_at: at,
  });

  describe(`calendar feeds contract: ${name}`, () => {
    it('[CAL60] keeps URLs by token hash, lists a person’s per calendar, touches and revokes', async () => {
      const store = await seeded();
      await store.calendarFeeds.insert(feed('f2', 'ann', 'cal1', 5));
      await store.calendarFeeds.insert(feed('f1', 'ann', 'cal1', 3));
      await store.calendarFeeds.insert(feed('f3', 'ann', 'cal2'));
      await store.calendarFeeds.insert(feed('f4', 'bob'));
      expect(await store.calendarFeeds.byTokenHash('hash-f2')).toEqual({
        ...feed('f2', 'ann', 'cal1', 5),
        last_used_at: null,
      });
      expect(await store.calendarFeeds.byTokenHash('nope')).toBeUndefined();
      expect((await store.calendarFeeds.of('ann', 'cal1')).map((f) => f.id)).toEqual(['f1', 'f2']);
      await store.calendarFeeds.touch('f1', 99);
      expect((await store.calendarFeeds.byTokenHash('hash-f1'))?.last_used_at).toBe(99);
      // Only the creator's own URL is revoked by its id.
      expect(await store.calendarFeeds.delete('bob', 'f1')).toBe(false);
      expect(await store.calendarFeeds.delete('ann', 'f1')).toBe(true);
      expect(await store.calendarFeeds.delete('ann', 'f1')).toBe(false);
      expect(await store.calendarFeeds.byTokenHash('hash-f1')).toBeUndefined();
      await expect(store.calendarFeeds.insert(feed('f5', 'ann'))).resolves.toBeUndefined();
      await expect(
        store.calendarFeeds.insert({ ...feed('f6', 'ann'), token_hash: 'hash-f5' }),
      ).rejects.toThrow();
    });
  });
}
