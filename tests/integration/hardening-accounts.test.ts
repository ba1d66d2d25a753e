import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AccessToken, CreatedInvite, Me } from '../../shared/api/schemas.js';
import { sha256 } from '../../sync-server/src/auth/accounts.js';
import { scryptHasher, type PasswordHasher } from '../../sync-server/src/auth/passwords.js';
import { systemClock, type Clock } from '../../sync-server/src/clock.js';
import { MemoryPersistence } from '../../sync-server/src/persistence/memory-persistence.js';
import { ApiClient, type ApiResult } from '../support/api-client.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { OWNER, startTestRelay, type TestRelay } from '../support/test-relay.js';
import { invitePerson, signInOwner } from '../support/workspace-people.js';

const cleanup = cleanupAfterEach();
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * A relay on a real port whose clock stands still unless the test moves it (so no
 * budget refills while a slow machine works), with its scrypt work counted.
 */
async function relay(): Promise<{
  r: TestRelay;
  clock: Clock;
  advance: (ms: number) => void;
  work: { hash: number; verify: number };
}> {
  const start = Date.now();
  let offset = 0;
  const clock: Clock = {
    now: () => start + offset,
    setTimeout: (fn, ms) => systemClock.setTimeout(fn, ms),
  };
  const work = { hash: 0, verify: 0 };
  const passwords: PasswordHasher = {
    hash: (password) => (work.hash++, scryptHasher.hash(password)),
    verify: (password, stored) => (work.verify++, scryptHasher.verify(password, stored)),
  };
  const r = await startTestRelay({ persistence: new MemoryPersistence(), clock, passwords });
  cleanup.push(() => r.stop());
  work.hash = 0; // the seeded owner's setup
  return { r, clock, advance: (ms) => (offset += ms), work };
}

const signIn = (api: ApiClient, password: string, email = OWNER.email) =>
  api.call('POST', '/auth/login', { email, password });

const count = (results: ApiResult<unknown>[], status: number) =>
  results.filter((x) => x.status === status).length;

/** The HTTP status the relay answers a WebSocket upgrade with (101 when it upgrades). */
function upgradeStatus(r: TestRelay, token: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${r.wsUrl}/scratchpad?token=${token}`);
    ws.on('unexpected-response', (_request, response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', () => {});
  });
}

/** What a token opens: the API with a bearer header, and a room's WebSocket. */
async function tokenOpens(r: TestRelay, token: string): Promise<[number, number]> {
  const api = await new ApiClient(r.httpUrl, token).call('GET', '/me');
  return [api.status, await upgradeStatus(r, token)];
}

describe('[ACCT1] sign-in attempts are charged when they start', () => {
  it('[ACCT1] 60 concurrent sign-ins for one email reach the password check at most 5 times', async () => {
    const { r, work } = await relay();
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => signIn(new ApiClient(r.httpUrl), `wrong-${i}`)),
    );
    expect(work.verify).toBe(count(answers, 401));
    expect(count(answers, 401)).toBe(5);
    expect(count(answers, 429)).toBe(55);
    for (const limited of answers.filter((x) => x.status === 429)) {
      expect(limited.body).toMatchObject({ code: 'rate_limited' });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('[ACCT1] a right password gives its attempt back', async () => {
    const { r, work } = await relay();
    const stranger = new ApiClient(r.httpUrl);
    for (let i = 0; i < 4; i++) expect((await signIn(stranger, 'wrong')).status).toBe(401);
    for (let i = 0; i < 3; i++)
      expect((await signIn(new ApiClient(r.httpUrl), OWNER.password)).status).toBe(200);
    expect((await signIn(stranger, 'wrong')).status).toBe(401);
    expect((await signIn(stranger, 'wrong')).status).toBe(429);
    expect(work.verify).toBe(4 + 3 + 1);
  });
});

describe('[ACCT2] a known device has its own sign-in budget', () => {
  it('[ACCT2] strangers guessing cannot lock the person out of a device they signed in on', async () => {
    const { r, advance } = await relay();
    const laptop = new ApiClient(r.httpUrl);
    expect((await signIn(laptop, OWNER.password)).status).toBe(200);
    await laptop.call('POST', '/auth/logout');

    const attack = await Promise.all(
      Array.from({ length: 60 }, () => signIn(new ApiClient(r.httpUrl), 'guess')),
    );
    expect(count(attack, 429)).toBe(55);
    // A new device waits, like the attacker…
    const newPhone = await signIn(new ApiClient(r.httpUrl), OWNER.password);
    expect(newPhone.status).toBe(429);
    expect(Number(newPhone.headers.get('retry-after'))).toBeGreaterThan(0);
    // …but the laptop the person signed in on before gets straight in.
    expect((await signIn(laptop, OWNER.password)).status).toBe(200);
    // After the wait the new device gets in too: the account was never locked for good.
    advance(MINUTE);
    expect((await signIn(new ApiClient(r.httpUrl), OWNER.password)).status).toBe(200);
  });

  it('[ACCT2] a stolen device cookie buys only that device budget, and only for its account', async () => {
    const { r, work } = await relay();
    const owner = await signInOwner(r);
    const member = await invitePerson(r, owner);
    const thief = new ApiClient(r.httpUrl);
    thief.copyCookie(owner.api, 'ws_device');
    const guesses = await Promise.all(Array.from({ length: 20 }, () => signIn(thief, 'guess')));
    expect([count(guesses, 401), count(guesses, 429)]).toEqual([5, 15]);
    // The owner's cookie says nothing about the member's account: shared budget there.
    work.verify = 0;
    const other = await Promise.all(
      Array.from({ length: 20 }, () => signIn(thief, 'guess', member.email)),
    );
    expect(count(other, 401)).toBe(5);
    expect(work.verify).toBe(5);
  });
});

describe('[ACCT3] per-address budget for unknown devices', () => {
  it('[ACCT3] one address spraying many accounts is slowed, and known devices there still sign in', async () => {
    const { r } = await relay();
    const laptop = new ApiClient(r.httpUrl);
    expect((await signIn(laptop, OWNER.password)).status).toBe(200);
    const spray = await Promise.all(
      Array.from({ length: 31 }, (_, i) =>
        signIn(new ApiClient(r.httpUrl), 'Summer2026!', `p${i}@test.example`),
      ),
    );
    // Five per account would let all 31 through: the address budget stops the last.
    expect(count(spray, 401)).toBe(30);
    expect(count(spray, 429)).toBe(1);
    // Same address (127.0.0.1), but a known device does not draw on the address budget.
    expect((await signIn(laptop, OWNER.password)).status).toBe(200);
  });
});

describe('[ACCT4] only a session mints access tokens', () => {
  it('[ACCT4] a bearer token, session-born or the operator’s, cannot mint another', async () => {
    const { r } = await relay();
    const owner = await signInOwner(r);
    const token = await owner.api.token();
    for (const bearer of [token, r.token]) {
      const minted = await new ApiClient(r.httpUrl, bearer).call('POST', '/auth/token', {});
      expect(minted).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
    }
    // The browser, with its session cookie, still can.
    expect((await owner.api.call('POST', '/auth/token', {})).status).toBe(200);
  });
});

describe('[ACCT5] a token dies with its session', () => {
  it('[ACCT5] tokens of an expired session fail on the API and at /sync, and cannot be renewed', async () => {
    const { r, advance } = await relay();
    const owner = await signInOwner(r);
    const token = await owner.api.token();
    expect(await tokenOpens(r, token)).toEqual([200, 101]);
    advance(31 * DAY);
    expect(await tokenOpens(r, token)).toEqual([401, 401]);
    expect((await owner.api.call('POST', '/auth/token', {})).status).toBe(401);
  });

  it('[ACCT5] tokens of a signed-out or password-reset session fail everywhere', async () => {
    const { r } = await relay();
    const owner = await signInOwner(r);
    const member = await invitePerson(r, owner);
    const ownerToken = await owner.api.token();
    const memberToken = await member.api.token();
    expect(await tokenOpens(r, memberToken)).toEqual([200, 101]);

    await owner.api.call('POST', '/auth/logout');
    expect(await tokenOpens(r, ownerToken)).toEqual([401, 401]);
    // What `npm run admin -- reset-password` does.
    await r.access.accounts.setPassword(member.id, 'a brand new password', null);
    expect(await tokenOpens(r, memberToken)).toEqual([401, 401]);
  });

  it('[ACCT5] a token never outlives the session it was minted for', async () => {
    const { r, clock } = await relay();
    const owner = r.owner!;
    const now = clock.now();
    await r.identity.sessions.insert(sha256('short'), owner.id, now, now + 2 * MINUTE);
    const { expiresAt } = await r.access.accounts.mintToken(owner.id, sha256('short'));
    expect(expiresAt).toBeLessThanOrEqual(now + 2 * MINUTE);
    // Another person's session cannot be borrowed either.
    const member = await invitePerson(r, await signInOwner(r));
    await expect(r.access.accounts.mintToken(member.id, sha256('short'))).rejects.toMatchObject({
      status: 401,
    });
  });
});

describe('[ACCT6] operator tokens', () => {
  it('[ACCT6] live only for their own TTL on the relay clock and cannot mint', async () => {
    const { r, advance } = await relay();
    // What `npm run admin -- token --ttl-minutes 1` does.
    const { token } = await r.access.accounts.mintToken(r.owner!.id, null, MINUTE);
    expect(await tokenOpens(r, token)).toEqual([200, 101]);
    expect((await new ApiClient(r.httpUrl, token).call('POST', '/auth/token', {})).status).toBe(
      401,
    );
    advance(MINUTE + 1000);
    expect(await tokenOpens(r, token)).toEqual([401, 401]);
  });
});

describe('[ACCT7] setup', () => {
  it('[ACCT7] once set up, setup is refused before any password hashing', async () => {
    const { r, work } = await relay();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        new ApiClient(r.httpUrl).call('POST', '/setup', {
          workspaceName: 'Mine',
          name: 'Mallory',
          email: `m${i}@evil.example`,
          password: 'a long password',
        }),
      ),
    );
    expect(count(answers, 409)).toBe(20);
    expect(work.hash).toBe(0);
  });
});

describe('[ACCT8] invite accept', () => {
  it('[ACCT8] a taken email and a used-up link are refused before hashing; a link hashes at most its uses at once', async () => {
    const { r, work } = await relay();
    const owner = await signInOwner(r);
    const invite = await owner.api.ok(CreatedInvite, 'POST', '/invites', { role: 'member' });
    const accept = (email: string) =>
      new ApiClient(r.httpUrl).call('POST', `/invites/${invite.token}/accept`, {
        name: 'Newcomer',
        email,
        password: 'a long enough password',
      });
    expect((await accept(OWNER.email)).status).toBe(409);
    expect(work.hash).toBe(0);

    const race = await Promise.all(
      Array.from({ length: 20 }, (_, i) => accept(`n${i}@test.example`)),
    );
    expect(count(race, 200)).toBe(1);
    expect(work.hash).toBe(1);
    expect((await accept('late@test.example')).status).toBe(410);
    expect(work.hash).toBe(1);
  });
});

describe('[ACCT9] password change', () => {
  it('[ACCT9] guessing the current password is limited per session and per account, with 429 and Retry-After', async () => {
    const { r, work, advance } = await relay();
    const [thief, second, third] = [
      await signInOwner(r),
      await signInOwner(r),
      await signInOwner(r),
    ];
    work.verify = 0; // the three sign-ins
    const change = (p: { api: ApiClient }, currentPassword: string) =>
      p.api.call('POST', '/auth/password', { currentPassword, newPassword: 'taken over for good' });
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => change(thief, `g${i}`)));
    expect(count(guesses, 401)).toBe(5);
    expect(work.verify).toBe(5);
    const limited = guesses.find((x) => x.status === 429);
    expect(limited?.body).toMatchObject({ code: 'rate_limited' });
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);

    // A second session gets its own five, but the account stops everyone at ten.
    const more = await Promise.all(Array.from({ length: 20 }, (_, i) => change(second, `h${i}`)));
    expect(count(more, 401)).toBe(5);
    expect((await change(third, OWNER.password)).status).toBe(429);
    expect(work.verify).toBe(10);
    // A budget, not a lock: it refills.
    advance(MINUTE);
    expect((await change(third, OWNER.password)).status).toBe(200);
    expect(work.verify).toBe(11);
  });

  it('[ACCT9] the person who knows the password changes it; a right guess gives its attempt back', async () => {
    const { r } = await relay();
    const owner = await signInOwner(r);
    for (let i = 0; i < 4; i++)
      expect(
        (
          await owner.api.call('POST', '/auth/password', {
            currentPassword: 'wrong',
            newPassword: 'another good password',
          })
        ).status,
      ).toBe(401);
    const ok = await owner.api.call('POST', '/auth/password', {
      currentPassword: OWNER.password,
      newPassword: 'another good password',
    });
    expect(ok.status).toBe(200);
    const token = await owner.api.ok(AccessToken, 'POST', '/auth/token', {});
    expect((await new ApiClient(r.httpUrl, token.token).ok(Me, 'GET', '/me')).user.email).toBe(
      OWNER.email,
    );
  });
});
