import { describe, expect, it } from 'vitest';
import { DING_RATE, DirectoryRoom } from '../../shared/api/schemas.js';
import { LOGIN_BUDGETS } from '../../sync-server/src/auth/login-limiter.js';
import { ApiClient, type ApiResult } from '../support/api-client.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { startRelayCluster } from '../support/relay-cluster.js';
import { OWNER, type TestRelay } from '../support/test-relay.js';
import { waitFor } from '../support/wait-for.js';
import { invitePerson, signInOwner } from '../support/workspace-people.js';

const cleanup = cleanupAfterEach();

/** Three relays sharing one identity file, one store and one redis-server, limits included. */
async function cluster() {
  const c = await startRelayCluster(3, { sharedLimits: true });
  cleanup.push(() => c.stop());
  return { ...c, relays: c.relays as [TestRelay, TestRelay, TestRelay] };
}

const signIn = (relay: TestRelay, password: string, email = OWNER.email) =>
  new ApiClient(relay.httpUrl).call('POST', '/auth/login', { email, password });

const count = (results: ApiResult<unknown>[], status: number) =>
  results.filter((x) => x.status === status).length;

/** Ann (owner) and Bob, with bearer API clients for Ann on every relay, and a channel. */
async function dingSetup(relays: TestRelay[]) {
  const first = relays[0]!;
  const ann = await signInOwner(first);
  const bob = await invitePerson(first, ann);
  await ann.api.ok(DirectoryRoom, 'POST', '/rooms', {
    id: 'ops',
    kind: 'channel',
    title: 'ops',
    access: { workspace: 'write', groups: [], users: [] },
  });
  const token = await ann.api.token();
  const annOn = relays.map((relay) => new ApiClient(relay.httpUrl, token));
  const ding = (api: ApiClient, messageId: string) =>
    api.call<{ permit?: string; code?: string }>('POST', '/rooms/ops/ding', {
      messageId,
      recipients: [bob.id],
    });
  return { ann, annOn, ding };
}

describe('[LIMIT1] several relays share one budget', () => {
  it('[LIMIT1] [ACCT1] wrong sign-ins spread round-robin over three relays are refused after the one-relay budget', async () => {
    const { relays } = await cluster();
    const { burst } = LOGIN_BUDGETS.unknownDevices;
    for (let i = 0; i < burst; i++)
      expect((await signIn(relays[i % 3]!, `wrong-${i}`)).status).toBe(401);
    for (const relay of relays) {
      const refused = await signIn(relay, 'wrong-again');
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 'rate_limited' });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // The right password is refused too from a new device: the budget is the account's.
    expect((await signIn(relays[1], OWNER.password)).status).toBe(429);
  });

  it('[LIMIT1] [ACCT1] 60 concurrent wrong sign-ins over three relays reach the password check at most 5 times', async () => {
    const { relays } = await cluster();
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => signIn(relays[i % 3]!, `wrong-${i}`)),
    );
    expect(count(answers, 401)).toBe(LOGIN_BUDGETS.unknownDevices.burst);
    expect(count(answers, 429)).toBe(60 - LOGIN_BUDGETS.unknownDevices.burst);
  });

  it('[LIMIT1] [ACCT1] a right password given back on one relay counts on the others', async () => {
    const { relays } = await cluster();
    for (let i = 0; i < 4; i++) expect((await signIn(relays[i % 3]!, 'wrong')).status).toBe(401);
    for (const relay of relays) expect((await signIn(relay, OWNER.password)).status).toBe(200);
    expect((await signIn(relays[2], 'wrong')).status).toBe(401);
    expect((await signIn(relays[0], 'wrong')).status).toBe(429);
  });

  it(`[LIMIT1] [DING2] DINGs spread over three relays get ${DING_RATE.max} per window in all`, async () => {
    const { relays } = await cluster();
    const { annOn, ding } = await dingSetup(relays);
    for (let i = 0; i < DING_RATE.max; i++)
      expect((await ding(annOn[i % 3]!, `m${i}`)).status).toBe(200);
    for (const api of annOn) {
      const refused = await ding(api, 'one-too-many');
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});

describe('[LIMIT2] the shared budget fails closed', () => {
  it('[LIMIT2] while Redis is down sign-ins and DINGs are refused with 503, and work again after it restarts', async () => {
    const { relays, redis } = await cluster();
    const { ann, annOn, ding } = await dingSetup(relays);
    await redis.kill();
    for (const relay of relays) {
      const wrong = await signIn(relay, 'wrong');
      expect(wrong.status).toBe(503);
      expect(wrong.body).toMatchObject({ code: 'unavailable' });
      expect(Number(wrong.headers.get('retry-after'))).toBeGreaterThan(0);
      // Not even the right password gets in unlimited: nothing could be charged.
      expect((await signIn(relay, OWNER.password)).status).toBe(503);
    }
    for (const api of annOn) {
      const refused = await ding(api, 'during-outage');
      expect(refused.status).toBe(503);
      expect(refused.body.code).toBe('unavailable');
    }
    // Guessing the current password is charged the same way [ACCT9].
    const change = await ann.api.call('POST', '/auth/password', {
      currentPassword: 'a wrong guess',
      newPassword: 'a brand new password',
    });
    expect(change.status).toBe(503);
    await redis.restart();
    for (const relay of relays)
      await waitFor(async () => (await signIn(relay, OWNER.password)).status === 200, {
        what: 'sign-in to work again after Redis restarted',
      });
    for (const api of annOn)
      await waitFor(async () => (await ding(api, 'after-outage')).status === 200, {
        what: 'DINGs to work again after Redis restarted',
      });
    // Refused attempts during the outage were never counted; the budget holds again.
    expect((await ding(annOn[0]!, 'fourth')).status).toBe(429);
  });
});
