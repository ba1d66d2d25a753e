import { afterEach, describe, expect, it } from 'vitest';
import type { IdentityStore } from '../../sync-server/src/auth/identity/identity-store.js';

/** Availability rows on every IdentityStore (SQLite and PostgreSQL) [CAL52]. */
export function availabilityContract(name: string, open: () => Promise<IdentityStore>): void {
  const opened: IdentityStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close().catch(() => {});
  });
  const seeded = async () => {
    const store = await open();
    opened.push(store);
    for (const id of ['a', 'b'])
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
  const hours = JSON.stringify({ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' });

  describe(`availability store contract: ${name}`, () => {
    it('[CAL52] busy makes a row with the device zone; settings replace zone and hours but keep busy', async () => {
      const store = await seeded();
      expect(await store.availability.of(['a'])).toEqual(new Map());
      expect(await store.availability.setBusy('a', '[{"start":1,"end":2}]', 10, 'Asia/Tokyo')).toBe(
        true,
      );
      const settings = { time_zone: 'Europe/Berlin', working_hours: hours, hidden: 0 };
      await store.availability.setSettings('a', settings, 20);
      await store.availability.setSettings('b', { ...settings, working_hours: null }, 21);
      const rows = await store.availability.of(['a', 'b', 'nobody']);
      expect([...rows.keys()].sort()).toEqual(['a', 'b']);
      expect(rows.get('a')).toEqual({
        user_id: 'a',
        time_zone: 'Europe/Berlin',
        working_hours: hours,
        hidden: 0,
        busy: '[{"start":1,"end":2}]',
        published_at: 10,
        updated_at: 20,
      });
      expect(rows.get('b')).toMatchObject({ busy: null, published_at: null, working_hours: null });
      expect(await store.availability.setBusy('a', '[]', 30, 'UTC')).toBe(true);
      expect((await store.availability.of(['a'])).get('a')).toMatchObject({
        time_zone: 'Europe/Berlin',
        busy: '[]',
        published_at: 30,
      });
      expect(await store.availability.of([])).toEqual(new Map());
    });

    it('[CAL52] hiding drops what was published, and nothing is stored while hidden', async () => {
      const store = await seeded();
      await store.availability.setBusy('a', '[{"start":1,"end":2}]', 10, 'UTC');
      await store.availability.setSettings(
        'a',
        { time_zone: 'UTC', working_hours: null, hidden: 1 },
        11,
      );
      expect((await store.availability.of(['a'])).get('a')).toMatchObject({
        hidden: 1,
        busy: null,
        published_at: null,
      });
      expect(await store.availability.setBusy('a', '[{"start":3,"end":4}]', 12, 'UTC')).toBe(false);
      expect((await store.availability.of(['a'])).get('a')?.busy).toBeNull();
    });

    it('[CAL55] remove leaves nothing of the person', async () => {
      const store = await seeded();
      await store.availability.setBusy('a', '[]', 10, 'UTC');
      await store.availability.setBusy('b', '[]', 10, 'UTC');
      await store.availability.remove('a');
      expect([...(await store.availability.of(['a', 'b'])).keys()]).toEqual(['b']);
    });
  });
}
