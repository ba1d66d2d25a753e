import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import type { AccessLevel, GrantLevel, Role } from '../../shared/access/levels.js';
import { SqliteIdentityStore } from '../../sync-server/src/auth/identity/sqlite/sqlite-identity-store.js';
import { RoomDirectory } from '../../sync-server/src/auth/room-directory.js';
import { systemClock } from '../../sync-server/src/clock.js';

const ROLES: Role[] = ['admin', 'member', 'guest'];
const GRANTS: GrantLevel[] = ['read', 'write'];

describe('access rules stored in SQLite', () => {
  it('the relay decides, through its real tables, what a plain reference model decides', async () => {
    const store = new SqliteIdentityStore(
      join(mkdtempSync(join(tmpdir(), 'rules-')), 'identity.sqlite'),
    );
    const deps = { store, clock: systemClock, changed: async () => {} };
    const directory = new RoomDirectory(deps);
    const gen = prng.create(7);
    const now = Date.now();
    const users = Array.from({ length: 12 }, (_, i) => ({
      id: `u${i}`,
      role: i === 0 ? 'owner' : prng.oneOf(gen, ROLES),
      active: i === 0 || prng.int32(gen, 0, 9) > 1,
    }));
    for (const u of users) {
      await store.people.insert({
        id: u.id,
        email: `${u.id}@x.test`,
        name: u.id,
        password_hash: '-',
        role: u.role,
        created_at: now,
      });
      if (!u.active) await store.people.update(u.id, { active: 0 });
    }
    const groups = ['g0', 'g1', 'g2', 'g3'];
    const membership = new Map<string, Set<string>>();
    for (const g of groups) {
      await store.groups.insert(g, `Group ${g}`, now);
      const members = users.filter(() => prng.bool(gen)).map((u) => u.id);
      await store.groups.setMembers(g, members);
      membership.set(g, new Set(members));
    }
    let checked = 0;
    for (let r = 0; r < 150; r++) {
      const id = `room${r}`;
      const owner = prng.oneOf(gen, users).id;
      const workspace = prng.oneOf(gen, ['none', 'read', 'write'] as AccessLevel[]);
      const groupGrants = groups
        .filter(() => prng.bool(gen))
        .map((g) => [g, prng.oneOf(gen, GRANTS)] as [string, GrantLevel]);
      const userGrants = users
        .filter(() => prng.int32(gen, 0, 3) === 0)
        .map((u) => [u.id, prng.oneOf(gen, GRANTS)] as [string, GrantLevel]);
      await store.rooms.insert({
        id,
        kind: 'doc',
        title: id,
        owner_id: owner,
        workspace_level: workspace,
        created_at: now,
      });
      await store.rooms.setGrants(id, groupGrants, userGrants);
      for (const u of users) {
        // Reference: the product rules, straight from the issue text.
        let expected: AccessLevel = 'none';
        const bump = (l: AccessLevel) => {
          if (l === 'write' || (l === 'read' && expected === 'none')) expected = l;
        };
        if (u.active) {
          if (owner === u.id) bump('write');
          for (const [uid, level] of userGrants) if (uid === u.id) bump(level);
          if (u.role !== 'guest') {
            bump(workspace);
            for (const [g, level] of groupGrants) if (membership.get(g)?.has(u.id)) bump(level);
          }
        }
        expect({ room: id, user: u.id, level: await directory.levelFor(u.id, id) }).toEqual({
          room: id,
          user: u.id,
          level: expected,
        });
        checked += 1;
      }
    }
    expect(checked).toBe(150 * 12);
    await store.close();
  });
});
