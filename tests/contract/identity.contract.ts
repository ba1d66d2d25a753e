import { afterEach, describe, expect, it } from 'vitest';
import type {
  IdentityStore,
  RoomRow,
  UserRow,
} from '../../sync-server/src/auth/identity/identity-store.js';

/**
 * The one contract every IdentityStore implementation passes (SQLite now,
 * PostgreSQL next). `open()` returns an empty store; each case closes its own.
 */
export function identityContract(name: string, open: () => Promise<IdentityStore>): void {
  const opened: IdentityStore[] = [];
  const fresh = async () => {
    const store = await open();
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close().catch(() => {});
  });

  const person = (id: string, extra: Partial<Omit<UserRow, 'active'>> = {}) => ({
    id,
    email: `${id}@x.test`,
    name: id.toUpperCase(),
    password_hash: `hash-${id}`,
    role: 'member' as const,
    created_at: 1000,
    ...extra,
  });
  const room = (id: string, ownerId: string, extra: Partial<RoomRow> = {}) => ({
    id,
    kind: 'doc' as const,
    title: `Room ${id}`,
    owner_id: ownerId,
    workspace_level: 'read' as const,
    created_at: 2000,
    ...extra,
  });
  /** A store with people a, b, c and room r1 owned by a. */
  const seeded = async () => {
    const store = await fresh();
    for (const id of ['a', 'b', 'c']) await store.people.insert(person(id));
    await store.rooms.insert(room('r1', 'a'));
    return store;
  };

  describe(`IdentityStore contract: ${name}`, () => {
    describe('workspace', () => {
      it('is created once, and reads back its name', async () => {
        const store = await fresh();
        expect(await store.workspace.get()).toBeNull();
        await store.workspace.create('Acme', 1);
        expect(await store.workspace.get()).toEqual({ name: 'Acme' });
        await expect(store.workspace.create('Other', 2)).rejects.toThrow();
        expect(await store.workspace.get()).toEqual({ name: 'Acme' });
      });

      it('the epoch starts at 0 and moves by one per bump', async () => {
        const store = await fresh();
        expect(await store.workspace.epoch()).toBe(0);
        await store.workspace.bumpEpoch();
        await store.workspace.bumpEpoch();
        expect(await store.workspace.epoch()).toBe(2);
      });

      it('the secret is made on first use and then stays the same', async () => {
        const store = await fresh();
        const first = await store.workspace.secret();
        expect(first.length).toBeGreaterThanOrEqual(32);
        expect(await store.workspace.secret()).toBe(first);
        const both = await Promise.all([store.workspace.secret(), store.workspace.secret()]);
        expect(both).toEqual([first, first]);
      });
    });

    describe('values', () => {
      it('times of today and large sizes come back as the same numbers, not strings', async () => {
        const store = await fresh();
        const now = 1_760_000_000_000;
        await store.people.insert(person('a', { created_at: now }));
        await store.rooms.insert(room('r1', 'a', { created_at: now + 1 }));
        await store.rooms.update('r1', { trashed_at: now + 2 });
        await store.sessions.insert('s', 'a', now, now + 3);
        await store.files.insert({
          room_id: 'r1',
          id: 'f',
          content_type: 'application/octet-stream',
          size: 5 * 2 ** 32,
          name: 'big.bin',
          uploaded_by: 'a',
          created_at: now + 4,
        });
        await store.audit.append({
          at: now + 5,
          actorId: 'a',
          action: 'x',
          target: null,
          details: {},
        });
        expect((await store.people.byId('a'))?.created_at).toBe(now);
        expect(await store.rooms.get('r1')).toMatchObject({
          created_at: now + 1,
          trashed_at: now + 2,
        });
        expect(await store.sessions.get('s')).toEqual({ user_id: 'a', expires_at: now + 3 });
        expect(await store.sessions.many(['s'])).toEqual(
          new Map([['s', { user_id: 'a', expires_at: now + 3 }]]),
        );
        expect(await store.files.get('r1', 'f')).toMatchObject({
          size: 5 * 2 ** 32,
          created_at: now + 4,
        });
        const [entry] = await store.audit.page(1);
        expect(entry).toMatchObject({ at: now + 5 });
        expect(typeof entry?.seq).toBe('number');
      });
    });

    describe('people', () => {
      it('round-trip by id and by email; new people are active; unknown ones are undefined', async () => {
        const store = await fresh();
        await store.people.insert(person('a', { role: 'owner' }));
        const expected = { ...person('a', { role: 'owner' }), active: 1 };
        expect(await store.people.byId('a')).toEqual(expected);
        expect(await store.people.byEmail('a@x.test')).toEqual(expected);
        expect(await store.people.byId('nobody')).toBeUndefined();
        expect(await store.people.byEmail('nobody@x.test')).toBeUndefined();
      });

      it('an email belongs to one person only', async () => {
        const store = await fresh();
        await store.people.insert(person('a'));
        await expect(store.people.insert(person('b', { email: 'a@x.test' }))).rejects.toThrow();
        expect(await store.people.byId('b')).toBeUndefined();
      });

      it('all() lists by name, case-insensitively', async () => {
        const store = await fresh();
        await store.people.insert(person('p1', { name: 'bob' }));
        await store.people.insert(person('p2', { name: 'Alice' }));
        await store.people.insert(person('p3', { name: 'carol' }));
        expect((await store.people.all()).map((u) => u.name)).toEqual(['Alice', 'bob', 'carol']);
      });

      it('update changes only the given fields; an empty update changes nothing', async () => {
        const store = await fresh();
        await store.people.insert(person('a'));
        await store.people.update('a', { name: 'Ann', role: 'admin', active: 0 });
        await store.people.update('a', {});
        await store.people.update('a', { password_hash: 'new' });
        expect(await store.people.byId('a')).toEqual({
          ...person('a'),
          name: 'Ann',
          role: 'admin',
          active: 0,
          password_hash: 'new',
        });
      });

      it('subject and subjects carry role, status and groups', async () => {
        const store = await seeded();
        await store.groups.insert('g1', 'One', 1);
        await store.groups.insert('g2', 'Two', 1);
        await store.groups.setGroupsOf('a', ['g1', 'g2']);
        await store.people.update('b', { active: 0, role: 'guest' });
        expect(await store.people.subject('a')).toEqual({
          id: 'a',
          role: 'member',
          active: true,
          groups: new Set(['g1', 'g2']),
        });
        expect(await store.people.subject('nobody')).toBeNull();
        const all = await store.people.subjects();
        expect([...all.keys()].sort()).toEqual(['a', 'b', 'c']);
        expect(all.get('a')).toEqual(await store.people.subject('a'));
        expect(all.get('b')).toEqual({ id: 'b', role: 'guest', active: false, groups: new Set() });
      });
    });

    describe('sessions', () => {
      it('round-trip, extend, and end one or all of a person', async () => {
        const store = await seeded();
        await store.sessions.insert('s1', 'a', 10, 100);
        await store.sessions.insert('s2', 'a', 10, 100);
        await store.sessions.insert('s3', 'b', 10, 100);
        expect(await store.sessions.get('s1')).toEqual({ user_id: 'a', expires_at: 100 });
        expect(await store.sessions.get('nope')).toBeUndefined();
        await store.sessions.extend('s1', 500);
        expect(await store.sessions.get('s1')).toEqual({ user_id: 'a', expires_at: 500 });
        await store.sessions.delete('s1');
        expect(await store.sessions.get('s1')).toBeUndefined();
        await store.sessions.deleteOf('a');
        expect(await store.sessions.get('s2')).toBeUndefined();
        expect(await store.sessions.get('s3')).toEqual({ user_id: 'b', expires_at: 100 });
      });

      it('many() returns the existing ones of a batch, and nothing for an empty batch', async () => {
        const store = await seeded();
        await store.sessions.insert('s1', 'a', 10, 100);
        await store.sessions.insert('s2', 'b', 10, 200);
        const found = await store.sessions.many(['s1', 's2', 'gone']);
        expect(found).toEqual(
          new Map([
            ['s1', { user_id: 'a', expires_at: 100 }],
            ['s2', { user_id: 'b', expires_at: 200 }],
          ]),
        );
        expect(await store.sessions.many([])).toEqual(new Map());
      });

      it('a session id is unique', async () => {
        const store = await seeded();
        await store.sessions.insert('s1', 'a', 10, 100);
        await expect(store.sessions.insert('s1', 'b', 10, 100)).rejects.toThrow();
        expect(await store.sessions.get('s1')).toEqual({ user_id: 'a', expires_at: 100 });
      });
    });

    describe('invites', () => {
      const invite = (id: string, createdAt: number) => ({
        id,
        token_hash: `hash-${id}`,
        role: 'member' as const,
        group_ids: '["g1"]',
        created_by: null,
        created_at: createdAt,
        expires_at: createdAt + 1000,
        max_uses: 2,
      });

      it('round-trip by token hash, start unused and unrevoked, list newest first', async () => {
        const store = await fresh();
        await store.invites.insert(invite('i1', 10));
        await store.invites.insert(invite('i2', 30));
        await store.invites.insert(invite('i3', 20));
        expect(await store.invites.byTokenHash('hash-i1')).toEqual({
          ...invite('i1', 10),
          uses: 0,
          revoked_at: null,
        });
        expect(await store.invites.byTokenHash('nope')).toBeUndefined();
        expect((await store.invites.all()).map((i) => i.id)).toEqual(['i2', 'i3', 'i1']);
      });

      it('count uses, and are revoked once', async () => {
        const store = await fresh();
        await store.invites.insert(invite('i1', 10));
        await store.invites.use('i1');
        await store.invites.use('i1');
        expect((await store.invites.byTokenHash('hash-i1'))?.uses).toBe(2);
        expect(await store.invites.revoke('i1', 99)).toBe(true);
        expect(await store.invites.revoke('i1', 100)).toBe(false);
        expect(await store.invites.revoke('nope', 100)).toBe(false);
        expect((await store.invites.byTokenHash('hash-i1'))?.revoked_at).toBe(99);
      });

      it('a token hash is unique', async () => {
        const store = await fresh();
        await store.invites.insert(invite('i1', 10));
        await expect(
          store.invites.insert({ ...invite('i2', 10), token_hash: 'hash-i1' }),
        ).rejects.toThrow();
      });
    });

    describe('groups', () => {
      it('round-trip, rename, list by name with members', async () => {
        const store = await seeded();
        await store.groups.insert('g1', 'Zebras', 1);
        await store.groups.insert('g2', 'Ants', 1);
        await store.groups.setMembers('g1', ['b', 'a', 'a']);
        expect(await store.groups.get('g1')).toEqual({ id: 'g1', name: 'Zebras' });
        expect(await store.groups.get('nope')).toBeUndefined();
        await store.groups.rename('g2', 'Bees');
        const all = await store.groups.all();
        expect(all.map((g) => g.name)).toEqual(['Bees', 'Zebras']);
        expect(all.map((g) => [...g.members].sort())).toEqual([[], ['a', 'b']]);
      });

      it('names are unique regardless of case', async () => {
        const store = await fresh();
        await store.groups.insert('g1', 'Design', 1);
        await expect(store.groups.insert('g2', 'DESIGN', 1)).rejects.toThrow();
        await store.groups.insert('g3', 'Other', 1);
        await expect(store.groups.rename('g3', 'design')).rejects.toThrow();
        expect((await store.groups.all()).map((g) => g.name)).toEqual(['Design', 'Other']);
      });

      it('setMembers and setGroupsOf replace, from either side; groupsOf is sorted', async () => {
        const store = await seeded();
        for (const g of ['g3', 'g1', 'g2']) await store.groups.insert(g, `G ${g}`, 1);
        await store.groups.setGroupsOf('a', ['g3', 'g1']);
        expect(await store.groups.groupsOf('a')).toEqual(['g1', 'g3']);
        await store.groups.setGroupsOf('a', ['g2']);
        expect(await store.groups.groupsOf('a')).toEqual(['g2']);
        await store.groups.setMembers('g2', ['b']);
        expect(await store.groups.groupsOf('a')).toEqual([]);
        expect(await store.groups.groupsOf('b')).toEqual(['g2']);
      });

      it('deleting a group removes its memberships and its grants', async () => {
        const store = await seeded();
        await store.groups.insert('g1', 'One', 1);
        await store.groups.setMembers('g1', ['a']);
        const r1 = (await store.rooms.get('r1'))!;
        await store.rooms.setGrants('r1', [['g1', 'write']], [['b', 'read']]);
        await store.groups.delete('g1');
        expect(await store.groups.get('g1')).toBeUndefined();
        expect(await store.groups.groupsOf('a')).toEqual([]);
        const rule = await store.rooms.rule(r1);
        expect(rule.groups).toEqual(new Map());
        expect(rule.users).toEqual(new Map([['b', 'read']]));
      });
    });

    describe('rooms', () => {
      it('round-trip; new rooms are top level and not trashed; ids are unique', async () => {
        const store = await seeded();
        expect(await store.rooms.get('r1')).toEqual({
          ...room('r1', 'a'),
          parent_id: null,
          trashed_at: null,
        });
        await store.rooms.insert(room('r2', 'a', { parent_id: 'r1' }));
        expect((await store.rooms.get('r2'))?.parent_id).toBe('r1');
        await expect(store.rooms.insert(room('r1', 'b'))).rejects.toThrow();
        expect(await store.rooms.get('nope')).toBeUndefined();
      });

      it('all() lists oldest first, then by id', async () => {
        const store = await seeded();
        await store.rooms.insert(room('r3', 'a', { created_at: 1000 }));
        await store.rooms.insert(room('r0', 'a', { created_at: 2000 }));
        expect((await store.rooms.all()).map((r) => r.id)).toEqual(['r3', 'r0', 'r1']);
      });

      it('update changes only the given fields', async () => {
        const store = await seeded();
        await store.rooms.update('r1', { title: 'New', trashed_at: 5, workspace_level: 'none' });
        await store.rooms.update('r1', {});
        expect(await store.rooms.get('r1')).toEqual({
          ...room('r1', 'a'),
          title: 'New',
          workspace_level: 'none',
          parent_id: null,
          trashed_at: 5,
        });
      });

      it('transfer gives every room of one person to another and names them', async () => {
        const store = await seeded();
        await store.rooms.insert(room('r2', 'a'));
        await store.rooms.insert(room('r3', 'b'));
        expect([...(await store.rooms.transfer('a', 'c'))].sort()).toEqual(['r1', 'r2']);
        expect(await store.rooms.transfer('nobody', 'c')).toEqual([]);
        expect((await store.rooms.all()).map((r) => [r.id, r.owner_id])).toEqual([
          ['r1', 'c'],
          ['r2', 'c'],
          ['r3', 'b'],
        ]);
      });

      it('rules: grants replace, and rules() reads every room in one go', async () => {
        const store = await seeded();
        await store.rooms.insert(room('r2', 'b', { workspace_level: 'none' }));
        await store.rooms.setGrants('r1', [['g1', 'read']], [['b', 'write']]);
        await store.rooms.setGrants('r1', [['g2', 'write']], [['c', 'read']]);
        const [r1, r2] = [(await store.rooms.get('r1'))!, (await store.rooms.get('r2'))!];
        const expected1 = {
          workspace: 'read',
          groups: new Map([['g2', 'write']]),
          users: new Map([['c', 'read']]),
        };
        expect(await store.rooms.rule(r1)).toEqual(expected1);
        const rules = await store.rooms.rules([r1, r2]);
        expect(rules.get('r1')).toEqual(expected1);
        expect(rules.get('r2')).toEqual({ workspace: 'none', groups: new Map(), users: new Map() });
        expect(await store.rooms.rules([])).toEqual(new Map());
      });
    });

    describe('favourites', () => {
      it('set and unset, idempotently; all() groups them by person', async () => {
        const store = await seeded();
        await store.rooms.insert(room('r2', 'a'));
        await store.favourites.set('a', 'r1', true);
        await store.favourites.set('a', 'r1', true);
        await store.favourites.set('a', 'r2', true);
        await store.favourites.set('b', 'r2', true);
        await store.favourites.set('b', 'r1', false);
        expect(await store.favourites.of('a')).toEqual(new Set(['r1', 'r2']));
        await store.favourites.set('a', 'r1', false);
        expect(await store.favourites.of('a')).toEqual(new Set(['r2']));
        expect(await store.favourites.of('c')).toEqual(new Set());
        expect(await store.favourites.all()).toEqual(
          new Map([
            ['a', new Set(['r2'])],
            ['b', new Set(['r2'])],
          ]),
        );
      });
    });

    describe('files', () => {
      it('round-trip per room; the first row of a file in a room is kept', async () => {
        const store = await seeded();
        await store.rooms.insert(room('r2', 'a'));
        const row = {
          room_id: 'r1',
          id: 'sha',
          content_type: 'image/png',
          size: 3,
          name: 'one.png',
          uploaded_by: 'a',
          created_at: 5,
        };
        await store.files.insert(row);
        await store.files.insert({ ...row, name: 'again.png', created_at: 6 });
        await store.files.insert({ ...row, room_id: 'r2', name: 'two.png' });
        expect(await store.files.get('r1', 'sha')).toEqual(row);
        expect((await store.files.get('r2', 'sha'))?.name).toBe('two.png');
        expect(await store.files.get('r1', 'other')).toBeUndefined();
      });

      it('[QUOTA1][QUOTA2] counts each stored file once, and what each person uploaded', async () => {
        const store = await seeded();
        await store.rooms.insert(room('r2', 'a'));
        const file = (roomId: string, id: string, size: number, by: string, at = 5) => ({
          room_id: roomId,
          id,
          content_type: 'image/png',
          size,
          name: `${id}.png`,
          uploaded_by: by,
          created_at: at,
        });
        expect(await store.files.storedBytes()).toBe(0);
        expect(await store.files.uploadedBytes()).toEqual(new Map());
        await store.files.insert(file('r1', 'x', 100, 'a'));
        await store.files.insert(file('r2', 'x', 100, 'a'));
        await store.files.insert(file('r2', 'y', 30, 'b'));
        expect(await store.files.storedBytes()).toBe(130);
        expect(await store.files.uploadedBytes()).toEqual(
          new Map([
            ['a', 100],
            ['b', 30],
          ]),
        );
      });

      it("[RETAIN5] lists a room's files by upload time and deletes them; bytes stay referenced while another room has them", async () => {
        const store = await seeded();
        await store.rooms.insert(room('r2', 'a'));
        const file = (roomId: string, id: string, at: number) => ({
          room_id: roomId,
          id,
          content_type: 'image/png',
          size: 1,
          name: `${id}.png`,
          uploaded_by: 'a',
          created_at: at,
        });
        await store.files.insert(file('r1', 'old', 10));
        await store.files.insert(file('r1', 'new', 50));
        await store.files.insert(file('r2', 'old', 60));
        expect((await store.files.uploadedBefore('r1', 50)).map((f) => f.id)).toEqual(['old']);
        expect(await store.files.delete('r1', 'old')).toBe(true);
        expect(await store.files.delete('r1', 'old')).toBe(false);
        expect(await store.files.referenced('old')).toBe(true);
        expect(await store.files.delete('r2', 'old')).toBe(true);
        expect(await store.files.referenced('old')).toBe(false);
        expect(await store.files.get('r1', 'new')).toBeDefined();
      });
    });

    describe('retention', () => {
      it("[RETAIN1] sets, replaces and removes a room's policy; it goes with the room", async () => {
        const store = await seeded();
        await store.rooms.insert(room('r2', 'a'));
        expect(await store.retention.get('r1')).toBeUndefined();
        await store.retention.set('r1', 30, 'a', 100);
        await store.retention.set('r2', 7, 'b', 101);
        await store.retention.set('r1', 1, 'b', 102);
        expect(await store.retention.get('r1')).toEqual({
          room_id: 'r1',
          days: 1,
          set_by: 'b',
          set_at: 102,
        });
        expect((await store.retention.all()).map((r) => [r.room_id, r.days])).toEqual([
          ['r1', 1],
          ['r2', 7],
        ]);
        await store.retention.set('r1', null, 'a', 103);
        expect(await store.retention.get('r1')).toBeUndefined();
        await expect(store.retention.set('r2', 0, 'a', 104)).rejects.toThrow();
        expect((await store.retention.get('r2'))?.days).toBe(7);
      });
    });

    describe('notifications', () => {
      const mention = (id: string, userId: string, at: number, anchor: string | null = null) => ({
        id,
        user_id: userId,
        room_id: 'r1',
        kind: 'mention' as const,
        actor_id: 'a',
        excerpt: `hi ${id}`,
        anchor,
        at,
      });

      it('[CHAT12] inbox: newest first, limited, per person, with the message it points at', async () => {
        const store = await seeded();
        await store.notifications.insert([
          mention('n1', 'b', 10),
          mention('n2', 'b', 30),
          mention('n3', 'b', 20),
          mention('n4', 'c', 40, 'message-4'),
        ]);
        expect((await store.notifications.inbox('b', 10)).map((n) => n.id)).toEqual([
          'n2',
          'n3',
          'n1',
        ]);
        expect((await store.notifications.inbox('b', 2)).map((n) => n.id)).toEqual(['n2', 'n3']);
        expect(await store.notifications.inbox('c', 10)).toEqual([
          { ...mention('n4', 'c', 40, 'message-4'), read_at: null },
        ]);
        await store.notifications.insert([]);
      });

      it('markRead marks only the person’s own unread ones, once', async () => {
        const store = await seeded();
        await store.notifications.insert([mention('n1', 'b', 10), mention('n2', 'c', 10)]);
        await store.notifications.markRead('b', ['n1', 'n2', 'nope'], 50);
        await store.notifications.markRead('b', ['n1'], 60);
        expect((await store.notifications.inbox('b', 10))[0]?.read_at).toBe(50);
        expect((await store.notifications.inbox('c', 10))[0]?.read_at).toBeNull();
      });

      it('a batch is inserted whole or not at all', async () => {
        const store = await seeded();
        await expect(
          store.notifications.insert([mention('n1', 'b', 10), mention('n1', 'c', 10)]),
        ).rejects.toThrow();
        expect(await store.notifications.inbox('b', 10)).toEqual([]);
      });
    });

    describe('audit', () => {
      it('appends in order and pages newest first, with the actor’s name', async () => {
        const store = await seeded();
        for (let i = 0; i < 5; i++)
          await store.audit.append({
            at: i,
            actorId: i === 0 ? null : 'a',
            action: `act${i}`,
            target: i === 1 ? null : `t${i}`,
            details: { i },
          });
        const first = await store.audit.page(2);
        expect(first.map((e) => e.action)).toEqual(['act4', 'act3']);
        expect(first[0]).toMatchObject({ at: 4, actor_id: 'a', actor_name: 'A', target: 't4' });
        expect(JSON.parse(first[0]!.details)).toEqual({ i: 4 });
        const second = await store.audit.page(2, first[1]!.seq);
        expect(second.map((e) => e.action)).toEqual(['act2', 'act1']);
        const last = await store.audit.page(10, second[1]!.seq);
        expect(last).toEqual([
          expect.objectContaining({ action: 'act0', actor_id: null, actor_name: null }),
        ]);
        expect(await store.audit.page(10, last[0]!.seq)).toEqual([]);
        const seqs = (await store.audit.page(10)).map((e) => e.seq);
        expect(seqs).toEqual([...seqs].sort((x, y) => y - x));
      });
    });

    describe('single sign-on', () => {
      const pending = (state: string, expiresAt = 5000) => ({
        state,
        binding_hash: `bind-${state}`,
        nonce: `nonce-${state}`,
        code_verifier: `verifier-${state}`,
        return_to: '/rooms',
        invite_hash: null,
        expires_at: expiresAt,
      });

      it('[SSO5] a pending sign-in is taken once: the second take of its state finds nothing', async () => {
        const store = await fresh();
        await store.sso.insertPending({ ...pending('s1'), invite_hash: 'inv' });
        await expect(store.sso.insertPending(pending('s1'))).rejects.toThrow();
        const [first, second] = await Promise.all([
          store.sso.takePending('s1'),
          store.sso.takePending('s1'),
        ]);
        expect([first, second].filter(Boolean)).toEqual([{ ...pending('s1'), invite_hash: 'inv' }]);
        expect(await store.sso.takePending('s1')).toBeUndefined();
      });

      it('expired pending sign-ins are dropped, live ones stay', async () => {
        const store = await fresh();
        await store.sso.insertPending(pending('old', 1000));
        await store.sso.insertPending(pending('new', 3000));
        await store.sso.dropExpiredPending(1000);
        expect(await store.sso.takePending('old')).toBeUndefined();
        expect(await store.sso.takePending('new')).toMatchObject({ state: 'new' });
      });

      it('[SSO6] an identity is linked to one person, by issuer and subject', async () => {
        const store = await seeded();
        await store.sso.link('https://idp', 'sub-1', 'a', 10);
        expect(await store.sso.linkedUser('https://idp', 'sub-1')).toBe('a');
        expect(await store.sso.linkedUser('https://other', 'sub-1')).toBeUndefined();
        await expect(store.sso.link('https://idp', 'sub-1', 'b', 11)).rejects.toThrow();
        await store.sso.link('https://idp', 'sub-2', 'a', 12);
        expect(await store.sso.linkedUser('https://idp', 'sub-2')).toBe('a');
      });

      it('group links are set, replaced, removed, and go with their group', async () => {
        const store = await seeded();
        await store.groups.insert('g1', 'Design', 1);
        await store.groups.insert('g2', 'Ops', 1);
        await store.sso.setGroupLink('g1', 'design-team');
        await store.sso.setGroupLink('g2', 'ops');
        await store.sso.setGroupLink('g2', 'operations');
        expect(await store.sso.groupLinks()).toEqual([
          { group_id: 'g1', idp_group: 'design-team' },
          { group_id: 'g2', idp_group: 'operations' },
        ]);
        await store.sso.setGroupLink('g1', null);
        await store.groups.delete('g2');
        expect(await store.sso.groupLinks()).toEqual([]);
      });
    });

    describe('transactions', () => {
      /** An access change as the relay makes one: rules, audit entry and epoch together. */
      const accessChange = (store: IdentityStore, fail: boolean) =>
        store.transaction(async (tx) => {
          await tx.rooms.update('r1', { workspace_level: 'none' });
          await tx.rooms.setGrants('r1', [], [['b', 'write']]);
          await tx.audit.append({
            at: 1,
            actorId: 'a',
            action: 'room.access',
            target: 'r1',
            details: {},
          });
          await tx.workspace.bumpEpoch();
          if (fail) throw new Error('refused');
          return 'done';
        });

      it('commit: every write lands, the epoch moves with the access change', async () => {
        const store = await seeded();
        const before = await store.workspace.epoch();
        await expect(accessChange(store, false)).resolves.toBe('done');
        expect(await store.workspace.epoch()).toBe(before + 1);
        const r1 = (await store.rooms.get('r1'))!;
        expect(r1.workspace_level).toBe('none');
        expect((await store.rooms.rule(r1)).users).toEqual(new Map([['b', 'write']]));
        expect((await store.audit.page(10)).map((e) => e.action)).toEqual(['room.access']);
      });

      it('a failure inside leaves nothing half-written', async () => {
        const store = await seeded();
        await expect(accessChange(store, true)).rejects.toThrow('refused');
        expect(await store.workspace.epoch()).toBe(0);
        const r1 = (await store.rooms.get('r1'))!;
        expect(r1.workspace_level).toBe('read');
        expect((await store.rooms.rule(r1)).users).toEqual(new Map());
        expect(await store.audit.page(10)).toEqual([]);
      });

      it('a failing statement inside (a taken email) rolls back the writes before it', async () => {
        const store = await seeded();
        await expect(
          store.transaction(async (tx) => {
            await tx.invites.insert({
              id: 'i1',
              token_hash: 'h',
              role: 'member',
              group_ids: '[]',
              created_by: null,
              created_at: 1,
              expires_at: 2,
              max_uses: 1,
            });
            await tx.invites.use('i1');
            await tx.people.insert(person('d', { email: 'a@x.test' }));
          }),
        ).rejects.toThrow();
        expect(await store.invites.all()).toEqual([]);
        expect(await store.people.byId('d')).toBeUndefined();
      });

      it('deactivation with hand-over is all or nothing', async () => {
        const store = await seeded();
        await store.sessions.insert('s', 'a', 1, 100);
        await expect(
          store.transaction(async (tx) => {
            await tx.rooms.transfer('a', 'b');
            await tx.people.update('a', { active: 0 });
            await tx.sessions.deleteOf('a');
            throw new Error('abandoned');
          }),
        ).rejects.toThrow('abandoned');
        expect((await store.rooms.get('r1'))?.owner_id).toBe('a');
        expect((await store.people.byId('a'))?.active).toBe(1);
        expect(await store.sessions.get('s')).toBeDefined();
      });

      it('reads inside see the transaction’s own writes; a nested transaction joins it', async () => {
        const store = await seeded();
        await store.transaction(async (tx) => {
          await tx.people.insert(person('d'));
          expect(await tx.people.byId('d')).toBeDefined();
          await tx.transaction(async (inner) => inner.groups.insert('g', 'G', 1));
          expect(await tx.groups.get('g')).toBeDefined();
        });
        expect(await store.people.byId('d')).toBeDefined();
        expect(await store.groups.get('g')).toBeDefined();
      });

      it('calls from outside never see a transaction half-done; one that starts while it is open reads its commit', async () => {
        const store = await seeded();
        let release = () => {};
        const gate = new Promise<void>((resolve) => (release = resolve));
        let halfWritten = () => {};
        const half = new Promise<void>((resolve) => (halfWritten = resolve));
        const running = store.transaction(async (tx) => {
          await tx.rooms.update('r1', { title: 'half' });
          halfWritten();
          await gate;
          await tx.rooms.update('r1', { title: 'whole' });
        });
        // Started once the first has written: on SQLite they wait for it to end; on
        // PostgreSQL they may read the state before it, and a transaction that then
        // writes the row is run again after the first commits, so its write is not lost.
        await half;
        const seen = store.rooms.get('r1').then((r) => r?.title);
        const second = store.transaction(async (tx) => {
          const title = (await tx.rooms.get('r1'))?.title;
          await tx.rooms.update('r1', { title: `${title}+` });
        });
        release();
        await running;
        await second;
        expect(['Room r1', 'whole']).toContain(await seen);
        expect((await store.rooms.get('r1'))?.title).toBe('whole+');
      });

      it('the store used directly inside its own transaction fails loudly instead of hanging', async () => {
        const store = await fresh();
        await expect(
          store.transaction(async () => {
            await store.workspace.create('Wrong handle', 1);
          }),
        ).rejects.toThrow(/inside a transaction/);
        await expect(
          store.transaction(() => store.transaction(() => Promise.resolve())),
        ).rejects.toThrow(/inside a transaction/);
        expect(await store.workspace.get()).toBeNull();
      });

      it('concurrent transactions that each check then write do not both win', async () => {
        const store = await seeded();
        const claim = (id: string) =>
          store.transaction(async (tx) => {
            if (await tx.workspace.get()) throw new Error('taken');
            await tx.workspace.create(id, 1);
          });
        const results = await Promise.allSettled([claim('one'), claim('two'), claim('three')]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(await store.workspace.get()).not.toBeNull();
      });
    });
  });
}
