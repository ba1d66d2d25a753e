import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CreatedInvite, DirectoryRoom, GroupSummary } from '../../shared/api/schemas.js';
import { systemClock, type Clock } from '../../sync-server/src/clock.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { ApiClient } from '../support/api-client.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { OWNER, startTestRelay, type TestRelay } from '../support/test-relay.js';
import { createRoom, invitePerson, signInOwner } from '../support/workspace-people.js';

const cleanup = cleanupAfterEach();

async function relay(options: { seed?: boolean; clock?: Clock } = {}): Promise<TestRelay> {
  const file = join(mkdtempSync(join(tmpdir(), 'api-')), 'relay.sqlite');
  const r = await startTestRelay({ persistence: new SqlitePersistence({ file }), ...options });
  cleanup.push(() => r.stop());
  return r;
}

const ApiError = z.object({ code: z.string(), message: z.string().min(1) });

describe('first run', () => {
  it('the first visitor creates the workspace and becomes owner; a second setup is refused', async () => {
    const r = await relay({ seed: false });
    const anon = new ApiClient(r.httpUrl);
    expect((await anon.call('GET', '/setup')).body).toEqual({
      needsSetup: true,
      workspaceName: null,
    });
    const body = (email: string) => ({
      workspaceName: 'Acme',
      name: 'Ann',
      email,
      password: 'a long password',
    });
    // Two people racing: exactly one wins.
    const [a, b] = await Promise.all([
      new ApiClient(r.httpUrl).call('POST', '/setup', body('ann@acme.test')),
      new ApiClient(r.httpUrl).call('POST', '/setup', body('bob@acme.test')),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    expect(winner.body).toMatchObject({ user: { role: 'owner' }, workspace: { name: 'Acme' } });
    expect((a.status === 409 ? a : b).body).toMatchObject({ code: 'already_set_up' });
    expect((await anon.call('GET', '/setup')).body).toEqual({
      needsSetup: false,
      workspaceName: 'Acme',
    });
  });
});

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie that survives as long as the session', async () => {
    const r = await relay();
    const response = await fetch(`${r.httpUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: OWNER.email, password: OWNER.password }),
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^ws_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
  });

  it('answers unknown emails exactly like wrong passwords, and rate-limits failures per email', async () => {
    const r = await relay();
    const anon = new ApiClient(r.httpUrl);
    const unknown = await anon.call('POST', '/auth/login', {
      email: 'nobody@test.example',
      password: 'whatever1',
    });
    const wrong = await anon.call('POST', '/auth/login', {
      email: OWNER.email,
      password: 'whatever1',
    });
    expect(unknown.status).toBe(401);
    expect(wrong).toMatchObject({ status: unknown.status, body: unknown.body });

    for (let i = 0; i < 4; i++)
      await anon.call('POST', '/auth/login', { email: OWNER.email, password: 'nope' });
    const limited = await anon.call('POST', '/auth/login', {
      email: OWNER.email,
      password: OWNER.password,
    });
    expect(limited.status).toBe(429);
    expect(ApiError.parse(limited.body).code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses cross-origin state changes even with a valid cookie', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const forged = await owner.api.call(
      'POST',
      '/groups',
      { name: 'Evil' },
      { origin: 'https://evil.example' },
    );
    expect(forged).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    const plain = await owner.api.call('POST', '/groups', '{"name":"Evil"}', {
      'content-type': 'text/plain',
    });
    expect(plain.status).toBe(415);
    expect((await owner.api.ok(z.array(GroupSummary), 'GET', '/groups')).length).toBe(0);
  });

  it('accepts bearer tokens for scripts and refuses tampered ones', async () => {
    const r = await relay();
    expect((await new ApiClient(r.httpUrl, r.token).call('GET', '/me')).status).toBe(200);
    const tampered = `${r.token.slice(0, -2)}xx`;
    expect((await new ApiClient(r.httpUrl, tampered).call('GET', '/me')).status).toBe(401);
    expect((await new ApiClient(r.httpUrl).call('GET', '/me')).body).toMatchObject({
      code: 'unauthenticated',
    });
  });
});

describe('invites', () => {
  it('expire, can be revoked, are used up, and carry role and groups', async () => {
    let offset = 0;
    const clock: Clock = {
      now: () => Date.now() + offset,
      setTimeout: (fn, ms) => systemClock.setTimeout(fn, ms),
    };
    const r = await relay({ clock });
    const owner = await signInOwner(r);
    const finance = await owner.api.ok(GroupSummary, 'POST', '/groups', { name: 'Finance' });
    const mk = (body: object) => owner.api.ok(CreatedInvite, 'POST', '/invites', body);
    const person = (n: number) => ({
      name: `P${n}`,
      email: `p${n}@test.example`,
      password: 'long enough pw',
    });
    const anon = new ApiClient(r.httpUrl);

    const good = await mk({ role: 'guest', groups: [finance.id], expiresInHours: 1 });
    expect((await anon.call('GET', `/invites/${good.token}`)).body).toMatchObject({
      role: 'guest',
    });
    const joined = await anon.call('POST', `/invites/${good.token}/accept`, person(1));
    expect(joined.body).toMatchObject({ user: { role: 'guest', groups: [finance.id] } });
    // Used up (one use by default).
    expect(
      (await new ApiClient(r.httpUrl).call('POST', `/invites/${good.token}/accept`, person(2)))
        .status,
    ).toBe(410);

    const revoked = await mk({});
    await owner.api.call('DELETE', `/invites/${revoked.id}`);
    expect((await anon.call('GET', `/invites/${revoked.token}`)).body).toMatchObject({
      code: 'invite_invalid',
    });
    expect((await anon.call('POST', `/invites/${revoked.token}/accept`, person(3))).status).toBe(
      410,
    );

    const expiring = await mk({ expiresInHours: 1 });
    offset = 3600_000 + 1;
    expect((await anon.call('POST', `/invites/${expiring.token}/accept`, person(4))).status).toBe(
      410,
    );
    expect((await anon.call('GET', '/invites/not-a-real-token')).status).toBe(410);
  });

  it('only admins invite, and only the owner invites admins', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const member = await invitePerson(r, owner);
    expect((await member.api.call('POST', '/invites', {})).status).toBe(403);
    const admin = await invitePerson(r, owner, 'admin');
    expect((await admin.api.call('POST', '/invites', { role: 'admin' })).status).toBe(403);
    expect((await admin.api.call('POST', '/invites', { role: 'member' })).status).toBe(201);
  });
});

describe('the directory', () => {
  it('lists only readable rooms: private titles never leak, guests see only what names them', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const member = await invitePerson(r, owner);
    const guest = await invitePerson(r, owner, 'guest');
    const secret = await createRoom(
      owner,
      { workspace: 'none', groups: [], users: [] },
      'Layoff plan',
    );
    const open = await createRoom(owner, { workspace: 'read', groups: [], users: [] }, 'Handbook');
    const shared = await createRoom(
      owner,
      { workspace: 'none', groups: [], users: [{ id: guest.id, level: 'write' }] },
      'Agency brief',
    );
    const titles = async (p: typeof member) =>
      (await p.api.ok(z.array(DirectoryRoom), 'GET', '/rooms')).map((room) => room.title).sort();
    expect(await titles(member)).toEqual(['Handbook', 'Team scratchpad']);
    expect(await titles(guest)).toEqual(['Agency brief']);
    expect(await titles(owner)).toEqual([
      'Agency brief',
      'Handbook',
      'Layoff plan',
      'Team scratchpad',
    ]);

    // Unreadable and missing rooms answer the same 404.
    const hidden = await member.api.call('GET', `/rooms/${secret}`);
    const missing = await member.api.call('GET', '/rooms/does-not-exist');
    expect(hidden).toMatchObject({ status: 404, body: missing.body });
    expect(JSON.stringify(hidden.body)).not.toContain('Layoff');
    expect(
      (
        await member.api.call('PUT', `/rooms/${secret}/access`, {
          workspace: 'write',
          groups: [],
          users: [],
        })
      ).status,
    ).toBe(404);
    // Readers cannot re-share; guests cannot list people or create rooms.
    expect(
      (
        await member.api.call('PUT', `/rooms/${open}/access`, {
          workspace: 'write',
          groups: [],
          users: [],
        })
      ).status,
    ).toBe(403);
    expect((await guest.api.call('GET', '/users')).status).toBe(403);
    expect(
      (await guest.api.call('POST', '/rooms', { id: 'guest-room', kind: 'doc', title: 'x' }))
        .status,
    ).toBe(403);
    expect(shared).toBeTruthy();
  });
});

describe('[AUTH5] every API input is validated', () => {
  it('answers malformed bodies with 400 {code, message}, never 500', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const member = await invitePerson(r, owner);
    const cases: [string, string, unknown][] = [
      ['POST', '/auth/login', { email: 'not-an-email', password: 'x' }],
      ['POST', '/auth/login', { email: OWNER.email }],
      ['POST', '/auth/password', { currentPassword: OWNER.password, newPassword: 'short' }],
      ['POST', '/invites', { role: 'owner' }],
      ['POST', '/invites', { expiresInHours: 100000 }],
      ['POST', '/invites', { groups: ['no-such-group'] }],
      ['POST', '/invites/x/accept', { name: '', email: 'a@b.c', password: 'long enough pw' }],
      ['PATCH', `/users/${member.id}`, {}],
      ['PATCH', `/users/${member.id}`, { role: 'emperor' }],
      ['POST', `/users/${member.id}/deactivate`, { transferTo: 42 }],
      ['POST', '/groups', { name: '   ' }],
      ['POST', '/groups', { name: 'ok', members: ['ghost'] }],
      ['POST', '/rooms', { id: 'has space', kind: 'doc', title: 'x' }],
      ['POST', '/rooms', { id: 'fine-id', kind: 'spreadsheet', title: 'x' }],
      ['POST', '/rooms', { id: 'fine-id', kind: 'doc', title: 'x'.repeat(500) }],
      [
        'POST',
        '/rooms',
        {
          id: 'fine-id',
          kind: 'doc',
          title: 'x',
          access: { workspace: 'admin', groups: [], users: [] },
        },
      ],
      [
        'PUT',
        '/rooms/scratchpad/access',
        { workspace: 'read', groups: [{ id: 'g', level: 'none' }], users: [] },
      ],
      ['PATCH', '/rooms/scratchpad', { title: '' }],
      ['POST', '/setup', { workspaceName: 'x' }],
      ['POST', '/groups', '{"name": '],
      ['POST', '/groups', '[1,2,3]'],
    ];
    for (const [method, path, body] of cases) {
      const result = await owner.api.call(method, path, body);
      expect({ method, path, status: result.status }).toEqual({ method, path, status: 400 });
      expect(ApiError.parse(result.body).code).toBe('invalid_input');
    }
    const huge = await owner.api.call('POST', '/groups', {
      name: 'x',
      members: Array(20_000).fill('abcdefgh'),
    });
    expect(huge.status).toBe(413);
  });
});
