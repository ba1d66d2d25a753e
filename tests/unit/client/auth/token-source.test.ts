import { describe, expect, it } from 'vitest';
import type { AccessToken } from '../../../../shared/api/schemas.js';
import { ApiFailure } from '../../../../client/src/auth/api-failure.js';
import { TokenSource, type TokenState } from '../../../../client/src/auth/token-source.js';
import { FakeTimers } from '../lib/fake-timers.js';

const LIFETIME = 5 * 60_000;

/** Lets fetch promises and their continuations run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function scripted(timers: FakeTimers) {
  const answers: Array<'ok' | 'offline' | 'unauthorized'> = [];
  let issued = 0;
  const fetchToken = (): Promise<AccessToken> => {
    const answer = answers.shift() ?? 'ok';
    if (answer === 'offline') return Promise.reject(ApiFailure.offline());
    if (answer === 'unauthorized') {
      return Promise.reject(new ApiFailure(401, 'unauthenticated', 'sign in'));
    }
    issued += 1;
    return Promise.resolve({ token: `t${issued}`, expiresAt: timers.now() + LIFETIME });
  };
  return { answers, fetchToken, issued: () => issued };
}

function setup() {
  const timers = new FakeTimers();
  const relay = scripted(timers);
  const failures: unknown[] = [];
  const source = new TokenSource({
    fetchToken: relay.fetchToken,
    timers,
    onFailure: (error) => failures.push(error),
  });
  const states: TokenState[] = [];
  return {
    timers,
    relay,
    failures,
    source,
    states,
    listen: () => source.subscribe((s) => states.push(s)),
  };
}

describe('TokenSource', () => {
  it('fetches only once a room listens, then hands the token to every listener', async () => {
    const { timers, relay, source, states, listen } = setup();
    timers.advance(60_000);
    expect(relay.issued()).toBe(0);
    listen();
    expect(states).toEqual([{ kind: 'waiting' }]);
    timers.advance(0);
    await settle();
    expect(states.at(-1)).toEqual({ kind: 'ready', token: 't1' });
    expect(source.current()).toBe('t1');
    const late: TokenState[] = [];
    source.subscribe((s) => late.push(s));
    expect(late).toEqual([{ kind: 'ready', token: 't1' }]);
  });

  it('refreshes a minute before expiry while someone listens, and stops when nobody does', async () => {
    const { timers, relay, source, states, listen } = setup();
    const stop = listen();
    timers.advance(0);
    await settle();
    timers.advance(4 * 60_000 - 1);
    await settle();
    expect(relay.issued()).toBe(1);
    timers.advance(1);
    await settle();
    expect(states.at(-1)).toEqual({ kind: 'ready', token: 't2' });
    stop();
    timers.advance(60 * 60_000);
    await settle();
    expect(relay.issued()).toBe(2);
    expect(source.current()).toBeNull();
  });

  it('says unreachable while the relay is out of reach and retries with backoff', async () => {
    const { timers, relay, failures, states, listen } = setup();
    relay.answers.push('offline', 'offline');
    listen();
    timers.advance(0);
    await settle();
    expect(states.at(-1)).toEqual({ kind: 'unreachable' });
    timers.advance(499);
    await settle();
    expect(failures).toHaveLength(1);
    timers.advance(1);
    await settle();
    expect(failures).toHaveLength(2);
    timers.advance(1_000);
    await settle();
    expect(states.at(-1)).toEqual({ kind: 'ready', token: 't1' });
  });

  it('a refused connection fetches a new token, but not more than once every 3 s', async () => {
    const { timers, relay, source, listen } = setup();
    listen();
    timers.advance(0);
    await settle();
    source.invalidate();
    timers.advance(2_999);
    await settle();
    expect(relay.issued()).toBe(1);
    timers.advance(1);
    await settle();
    expect(relay.issued()).toBe(2);
    expect(source.current()).toBe('t2');
  });

  it('wake() skips the backoff once the network is back', async () => {
    const { timers, relay, source, states, listen } = setup();
    relay.answers.push('offline', 'offline', 'offline', 'offline');
    listen();
    for (const wait of [0, 500, 1_000, 2_000]) {
      timers.advance(wait);
      await settle();
    }
    expect(timers.nextDelay()).toBe(4_000);
    source.wake();
    timers.advance(0);
    await settle();
    expect(states.at(-1)).toEqual({ kind: 'ready', token: 't1' });
  });

  it('reports a 401 to the app, and reset() drops a token fetched for the old session', async () => {
    const { timers, relay, failures, source, states, listen } = setup();
    relay.answers.push('unauthorized');
    listen();
    timers.advance(0);
    await settle();
    expect(failures).toEqual([expect.objectContaining({ status: 401 })]);
    expect(states.at(-1)).toEqual({ kind: 'waiting' });

    timers.advance(500); // the retry starts…
    source.reset(); // …and the session ends before it returns
    await settle();
    expect(source.current()).toBeNull();
    expect(states.at(-1)).toEqual({ kind: 'waiting' });
    timers.advance(0);
    await settle();
    expect(states.at(-1)).toEqual({ kind: 'ready', token: 't2' });
  });
});
