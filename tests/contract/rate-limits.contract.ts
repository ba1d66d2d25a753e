import { describe, expect, it } from 'vitest';
import type { Bucket, RateLimits } from '../../sync-server/src/limits/rate-limits.js';
import { waitFor } from '../support/wait-for.js';

/** A fresh, empty store, and how many buckets and windows it holds right now. */
export interface OpenedLimits {
  limits: RateLimits;
  held: () => Promise<number>;
}

const MINUTE = 60_000;
const T0 = 1_800_000_000_000; // a realistic epoch ms, so that precision is exercised

const bucket = (key: string, perMinute: number, burst: number): Bucket => ({
  key,
  shape: { perMinute, burst },
});

/**
 * The one contract every RateLimits implementation passes (memory and Redis): what
 * the sign-in, password-change [ACCT1, ACCT9] and DING [DING2] limits rely on.
 */
export function rateLimitsContract(name: string, open: () => Promise<OpenedLimits>): void {
  describe(`RateLimits contract: ${name}`, () => {
    const takeAll = async (limits: RateLimits, buckets: Bucket[], now: number, n: number) => {
      const verdicts = [];
      for (let i = 0; i < n; i++) verdicts.push((await limits.take(buckets, now)).ok);
      return verdicts;
    };

    it('[ACCT1] takes from every bucket or from none, so an empty one does not drain the others', async () => {
      const { limits } = await open();
      const small = bucket('small', 1, 2);
      const large = bucket('large', 1, 10);
      expect(await takeAll(limits, [small, large], T0, 2)).toEqual([true, true]);
      expect(await limits.take([small, large], T0)).toEqual({ ok: false, retryAfterMs: MINUTE });
      // "large" lost only the two that were allowed.
      expect(await takeAll(limits, [large], T0, 9)).toEqual([
        ...Array<boolean>(8).fill(true),
        false,
      ]);
    });

    it('[ACCT1] concurrent takes never spend more than the burst', async () => {
      const { limits } = await open();
      const verdicts = await Promise.all(
        Array.from({ length: 30 }, () =>
          limits.take([bucket('shared', 1, 5), bucket('address', 6, 30)], T0),
        ),
      );
      expect(verdicts.filter((v) => v.ok)).toHaveLength(5);
    });

    it('[ACCT1] refills at its rate over the caller’s clock, never above the burst', async () => {
      const { limits } = await open();
      const b = bucket('refill', 1, 2);
      expect(await takeAll(limits, [b], T0, 3)).toEqual([true, true, false]);
      expect(await limits.take([b], T0 + 20_000)).toEqual({ ok: false, retryAfterMs: 40_000 });
      expect(await takeAll(limits, [b], T0 + MINUTE, 2)).toEqual([true, false]);
      // An hour later it holds its burst, not sixty.
      expect(await takeAll(limits, [b], T0 + 61 * MINUTE, 3)).toEqual([true, true, false]);
      // A caller whose clock lags refills nothing, and nothing breaks.
      expect(await limits.take([b], T0)).toMatchObject({ ok: false });
      expect(await limits.take([b], T0 + 62 * MINUTE)).toEqual({ ok: true });
    });

    it('[ACCT1] gives a token back to every bucket, never above the burst', async () => {
      const { limits } = await open();
      const a = bucket('refund-a', 1, 2);
      const b = bucket('refund-b', 1, 3);
      expect(await takeAll(limits, [a, b], T0, 2)).toEqual([true, true]);
      await limits.giveBack([a, b], T0);
      expect(await takeAll(limits, [a], T0, 2)).toEqual([true, false]);
      expect(await takeAll(limits, [b], T0, 3)).toEqual([true, true, false]);
      // Giving back to a full (or never used) bucket adds nothing.
      const full = bucket('refund-full', 1, 2);
      await limits.giveBack([full], T0);
      await limits.giveBack([full], T0);
      expect(await takeAll(limits, [full], T0, 3)).toEqual([true, true, false]);
    });

    it('[ACCT1] keys are separate budgets, whatever their shape', async () => {
      const { limits } = await open();
      expect(await takeAll(limits, [bucket('login-account:a@x.test', 1, 5)], T0, 6)).toEqual([
        ...Array<boolean>(5).fill(true),
        false,
      ]);
      expect((await limits.take([bucket('login-account:b@x.test', 1, 5)], T0)).ok).toBe(true);
      expect((await limits.admit('login-account:a@x.test', { max: 1, windowMs: 1 }, T0)).ok).toBe(
        true,
      );
    });

    it('[DING2] a sliding window admits max events, then says when the oldest leaves', async () => {
      const { limits } = await open();
      const window = { max: 3, windowMs: 10 * MINUTE };
      for (const at of [T0, T0 + MINUTE, T0 + 2 * MINUTE])
        expect(await limits.admit('ding:ann', window, at)).toEqual({ ok: true });
      expect(await limits.admit('ding:ann', window, T0 + 5 * MINUTE)).toEqual({
        ok: false,
        retryAfterMs: 5 * MINUTE,
      });
      // A refusal is not counted: the first event leaves exactly one window later.
      expect(await limits.admit('ding:ann', window, T0 + 10 * MINUTE - 1)).toMatchObject({
        ok: false,
        retryAfterMs: 1,
      });
      expect(await limits.admit('ding:ann', window, T0 + 10 * MINUTE)).toEqual({ ok: true });
      expect((await limits.admit('ding:ann', window, T0 + 10 * MINUTE)).ok).toBe(false);
      expect(await limits.admit('ding:bob', window, T0 + 10 * MINUTE)).toEqual({ ok: true });
    });

    it('[DING2] concurrent events never pass the window’s max', async () => {
      const { limits } = await open();
      const verdicts = await Promise.all(
        Array.from({ length: 20 }, () =>
          limits.admit('ding:race', { max: 3, windowMs: MINUTE }, T0),
        ),
      );
      expect(verdicts.filter((v) => v.ok)).toHaveLength(3);
    });

    it('[LIMIT1] holds nothing for buckets full again and windows empty again', async () => {
      const { limits, held } = await open();
      // A bucket given back to full is dropped at once.
      const refunded = bucket('refunded', 1, 5);
      expect((await limits.take([refunded], Date.now())).ok).toBe(true);
      expect(await held()).toBe(1);
      await limits.giveBack([refunded], Date.now());
      expect(await held()).toBe(0);
      // Others go once time refills them (the store's own time, for Redis TTLs): fast
      // shapes on the real clock, a token a millisecond and a 50 ms window.
      expect((await limits.take([bucket('fast', 60_000, 2)], Date.now())).ok).toBe(true);
      expect((await limits.admit('fast-window', { max: 2, windowMs: 50 }, Date.now())).ok).toBe(
        true,
      );
      await waitFor(
        async () => {
          // Touches no key; lets a store that cleans up as it is called do so.
          await limits.giveBack([bucket('probe', 1, 1)], Date.now());
          return (await held()) === 0;
        },
        { what: 'every idle bucket and window to be dropped' },
      );
    });
  });
}
