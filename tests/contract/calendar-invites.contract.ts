import { afterEach, describe, expect, it } from 'vitest';
import type {
  CalendarInviteeRow,
  CalendarInviteRow,
  IdentityStore,
} from '../../sync-server/src/auth/identity/identity-store.js';

/** The calendar invite store on every IdentityStore (SQLite and PostgreSQL) [CAL46]. */
export function calendarInvitesContract(name: string, open: () => Promise<IdentityStore>): void {
  const opened: IdentityStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close().catch(() => {});
  });
  const fresh = async () => {
    const store = await open();
    opened.push(store);
    await store.people.insert({
      id: 'olga',
      email: 'olga@cal.test',
      name: 'Olga',
      password_hash: 'x',
      role: 'member',
      created_at: 1,
    });
    await store.rooms.insert({
      id: 'cal1',
      kind: 'calendar',
      title: 'Team',
      owner_id: 'olga',
      workspace_level: 'none',
      created_at: 1,
    });
    return store;
  };
  const invite = (event: string, sequence: number, at: number): CalendarInviteRow => ({
    calendar_id: 'cal1',
    event_id: event,
    sequence,
    snapshot: `{"v":${sequence}}`,
    published_by: 'olga',
    updated_at: at,
  });
  const invitee = (event: string, user: string, extra: Partial<CalendarInviteeRow> = {}) => ({
    calendar_id: 'cal1',
    event_id: event,
    user_id: user,
    removed: 0 as const,
    answer: null,
    note: '',
    answered_at: null,
    ...extra,
  });

  describe(`calendar invites store contract: ${name}`, () => {
    it('[CAL46] replaces an event by id and keeps one row per attendee with its answer', async () => {
      const store = await fresh();
      const invites = store.calendarInvites;
      expect(await invites.get('cal1', 'e1')).toBeUndefined();
      await invites.put(invite('e1', 1, 10));
      await invites.put(invite('e1', 2, 20));
      expect(await invites.get('cal1', 'e1')).toEqual(invite('e1', 2, 20));
      await invites.putInvitees([invitee('e1', 'ann'), invitee('e1', 'ben')]);
      await invites.putInvitees([
        invitee('e1', 'ann', { answer: 'maybe', note: 'late', answered_at: 30 }),
        invitee('e1', 'ben', { removed: 1 }),
      ]);
      expect(await invites.invitees('cal1', 'e1')).toEqual([
        invitee('e1', 'ann', { answer: 'maybe', note: 'late', answered_at: 30 }),
        invitee('e1', 'ben', { removed: 1 }),
      ]);
      expect(await invites.invitee('cal1', 'e1', 'ann')).toMatchObject({ answer: 'maybe' });
      expect(await invites.invitee('cal1', 'e1', 'eve')).toBeUndefined();
      await invites.putInvitees([]);
    });

    it('[CAL43] lists a person’s invitations, removed ones too, newest first', async () => {
      const store = await fresh();
      const invites = store.calendarInvites;
      await invites.put(invite('e1', 1, 10));
      await invites.put(invite('e2', 1, 20));
      await invites.put(invite('e3', 1, 30));
      await invites.putInvitees([
        invitee('e1', 'ann'),
        invitee('e2', 'ann', { removed: 1 }),
        invitee('e3', 'ben'),
      ]);
      expect((await invites.ofPerson('ann')).map((r) => r.event_id)).toEqual(['e2', 'e1']);
      expect(await invites.ofPerson('eve')).toEqual([]);
      // An attendee row needs its event.
      await expect(invites.putInvitees([invitee('nope', 'ann')])).rejects.toThrow();
    });
  });
}
