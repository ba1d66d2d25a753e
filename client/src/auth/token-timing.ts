/**
 * When to fetch the next WebSocket access token. Pure, so the timing rules are tested
 * without clocks. The relay's `expiresAt` is on the relay's clock; a device clock that
 * is off by minutes must not make every token look expired (a fetch loop) or fresh
 * forever, so the lifetime is measured from when the token arrived.
 */

/** What the relay currently issues; used when `expiresAt` makes no sense on this clock. */
export const ASSUMED_LIFETIME_MS = 5 * 60_000;
const MAX_PLAUSIBLE_LIFETIME_MS = 24 * 60 * 60_000;
/** Refresh this long before expiry at most, so a reconnect never carries a stale token. */
const MAX_MARGIN_MS = 60_000;
/** Never refresh more often than this, whatever the relay says. */
const MIN_DELAY_MS = 5_000;

/** The moment, on this device's clock, after which the token should not be used. */
export function localExpiry(expiresAt: number, receivedAt: number): number {
  const lifetime = expiresAt - receivedAt;
  const plausible = lifetime > 0 && lifetime <= MAX_PLAUSIBLE_LIFETIME_MS;
  return receivedAt + (plausible ? lifetime : ASSUMED_LIFETIME_MS);
}

/** How long to wait before fetching a new token: a quarter of its life early, at most a minute. */
export function refreshDelay(expiry: number, receivedAt: number, now: number): number {
  const lifetime = Math.max(0, expiry - receivedAt);
  const margin = Math.min(MAX_MARGIN_MS, lifetime / 4);
  return Math.max(MIN_DELAY_MS, expiry - margin - now);
}

/** Backoff after failed fetches: 0.5 s, 1 s, 2 s … capped at 10 s (the relay may be restarting). */
export function retryDelay(failures: number): number {
  return Math.min(10_000, 500 * 2 ** Math.max(0, failures - 1));
}
