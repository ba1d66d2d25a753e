/** First retry after about this long; each failed attempt doubles it. */
const BASE_MS = 200;
/** No wait between attempts is longer than this. */
export const MAX_RECONNECT_MS = 10_000;

/**
 * Exponential backoff with jitter: `BASE_MS · 2^attempt`, capped at `cap`, then scaled
 * into its upper half by `random()` (0 ≤ r < 1), so that tabs dropped by the same
 * relay restart do not all come back in the same millisecond.
 */
export function reconnectDelay(
  attempt: number,
  random: () => number,
  cap = MAX_RECONNECT_MS,
): number {
  const ceiling = Math.min(cap, BASE_MS * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
