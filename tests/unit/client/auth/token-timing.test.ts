import { describe, expect, it } from 'vitest';
import {
  ASSUMED_LIFETIME_MS,
  localExpiry,
  refreshDelay,
  retryDelay,
} from '../../../../client/src/auth/token-timing.js';

const now = 1_700_000_000_000;
const minutes = (n: number) => n * 60_000;

describe('token timing', () => {
  it('a five-minute token is refreshed a minute before it expires', () => {
    const expiry = localExpiry(now + minutes(5), now);
    expect(expiry).toBe(now + minutes(5));
    expect(refreshDelay(expiry, now, now)).toBe(minutes(4));
  });

  it('a short-lived token is refreshed a quarter of its life early', () => {
    const expiry = localExpiry(now + 40_000, now);
    expect(refreshDelay(expiry, now, now)).toBe(30_000);
  });

  it('never schedules a refresh sooner than 5 s, even for an expired token', () => {
    const expiry = localExpiry(now + 40_000, now);
    expect(refreshDelay(expiry, now, now + 60_000)).toBe(5_000);
  });

  it('a device clock ahead of the relay does not make every token look expired', () => {
    // The relay says "expires in 5 min" on its clock; this device is 10 min ahead.
    const expiry = localExpiry(now - minutes(5), now);
    expect(expiry).toBe(now + ASSUMED_LIFETIME_MS);
    expect(refreshDelay(expiry, now, now)).toBe(minutes(4));
  });

  it('an absurd expiry far in the future falls back to the assumed lifetime', () => {
    expect(localExpiry(now + minutes(60 * 24 * 365), now)).toBe(now + ASSUMED_LIFETIME_MS);
  });

  it('backs off failed fetches up to 10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(retryDelay)).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });
});
