import {
  ratePerMs,
  type Bucket,
  type RateLimits,
  type SlidingWindow,
  type Verdict,
} from './rate-limits.js';

/** Bounds memory when someone sprays attempts at many emails or from many addresses. */
const MAX_KEYS = 10_000;

interface BucketState {
  tokens: number;
  at: number;
}

/**
 * Rate-limit state in this process (one relay; the default). A restart forgets it.
 * Each map keeps at most MAX_KEYS entries, dropping the idlest first: a dropped
 * bucket comes back full, a dropped window empty.
 */
export class MemoryRateLimits implements RateLimits {
  private readonly buckets = new Map<string, BucketState>();
  private readonly windows = new Map<string, number[]>();

  take(buckets: readonly Bucket[], now: number): Promise<Verdict> {
    const states = buckets.map((bucket) => this.refilled(bucket, now));
    const waitMs = Math.max(
      0,
      ...states.map((state, i) =>
        state.tokens >= 1 ? 0 : Math.ceil((1 - state.tokens) / ratePerMs(buckets[i]!.shape)),
      ),
    );
    if (waitMs > 0) return Promise.resolve({ ok: false, retryAfterMs: waitMs });
    for (const state of states) state.tokens -= 1;
    return Promise.resolve({ ok: true });
  }

  giveBack(buckets: readonly Bucket[], now: number): Promise<void> {
    for (const bucket of buckets) {
      const state = this.refilled(bucket, now);
      state.tokens = Math.min(bucket.shape.burst, state.tokens + 1);
    }
    return Promise.resolve();
  }

  admit(key: string, window: SlidingWindow, now: number): Promise<Verdict> {
    const recent = (this.windows.get(key) ?? []).filter((at) => at > now - window.windowMs);
    if (recent.length >= window.max) {
      touch(this.windows, key, recent);
      const oldest = Math.min(...recent);
      return Promise.resolve({
        ok: false,
        retryAfterMs: Math.max(1, oldest + window.windowMs - now),
      });
    }
    touch(this.windows, key, [...recent, now]);
    return Promise.resolve({ ok: true });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** The bucket's state refilled up to `now`; never moves its time backwards. */
  private refilled({ key, shape }: Bucket, now: number): BucketState {
    const state = this.buckets.get(key) ?? { tokens: shape.burst, at: now };
    if (now > state.at) {
      state.tokens = Math.min(shape.burst, state.tokens + (now - state.at) * ratePerMs(shape));
      state.at = now;
    }
    touch(this.buckets, key, state);
    return state;
  }
}

/** Sets `key` as the most recently used entry, evicting the idlest when full. */
function touch<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.has(key)) map.delete(key);
  else if (map.size >= MAX_KEYS) {
    const idlest = map.keys().next().value;
    if (idlest !== undefined) map.delete(idlest);
  }
  map.set(key, value);
}
