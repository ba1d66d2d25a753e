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
  /** When the bucket is full again: from then on, having no state says the same. */
  expiresAt: number;
}

interface WindowState {
  times: number[];
  /** When the newest event leaves the window. */
  expiresAt: number;
}

/**
 * Rate-limit state in this process (one relay; the default). A restart forgets it.
 * Like Redis keys with TTLs, a bucket that is full again and a window that is empty
 * again are dropped (the idlest first, on each call), and each map keeps at most
 * MAX_KEYS entries, evicting the idlest: a dropped bucket comes back full, a dropped
 * window empty.
 */
export class MemoryRateLimits implements RateLimits {
  private readonly buckets = new Map<string, BucketState>();
  private readonly windows = new Map<string, WindowState>();

  /** How many buckets and windows are held (for tests: state must not grow without bound). */
  get size(): number {
    return this.buckets.size + this.windows.size;
  }

  take(buckets: readonly Bucket[], now: number): Promise<Verdict> {
    this.sweep(now);
    const states = buckets.map((bucket) => this.refilled(bucket, now));
    const waitMs = Math.max(
      0,
      ...states.map((state, i) =>
        state.tokens >= 1 ? 0 : Math.ceil((1 - state.tokens) / ratePerMs(buckets[i]!.shape)),
      ),
    );
    if (waitMs > 0) return Promise.resolve({ ok: false, retryAfterMs: waitMs });
    buckets.forEach((bucket, i) => this.store(bucket, states[i]!, states[i]!.tokens - 1));
    return Promise.resolve({ ok: true });
  }

  giveBack(buckets: readonly Bucket[], now: number): Promise<void> {
    this.sweep(now);
    for (const bucket of buckets) {
      // An absent bucket is full: nothing to give back.
      if (!this.buckets.has(bucket.key)) continue;
      const state = this.refilled(bucket, now);
      this.store(bucket, state, Math.min(bucket.shape.burst, state.tokens + 1));
    }
    return Promise.resolve();
  }

  admit(key: string, window: SlidingWindow, now: number): Promise<Verdict> {
    this.sweep(now);
    const recent = (this.windows.get(key)?.times ?? []).filter((at) => at > now - window.windowMs);
    if (recent.length >= window.max) {
      const oldest = Math.min(...recent);
      return Promise.resolve({
        ok: false,
        retryAfterMs: Math.max(1, Math.ceil(oldest + window.windowMs - now)),
      });
    }
    const times = [...recent, now];
    touch(this.windows, key, { times, expiresAt: Math.max(...times) + window.windowMs });
    return Promise.resolve({ ok: true });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** The bucket's state refilled up to `now`; never moves its time backwards. */
  private refilled({ key, shape }: Bucket, now: number): BucketState {
    const state = this.buckets.get(key) ?? { tokens: shape.burst, at: now, expiresAt: now };
    if (now > state.at) {
      state.tokens = Math.min(shape.burst, state.tokens + (now - state.at) * ratePerMs(shape));
      state.at = now;
    }
    return state;
  }

  private store({ key, shape }: Bucket, state: BucketState, tokens: number): void {
    if (tokens >= shape.burst) {
      this.buckets.delete(key);
      return;
    }
    state.tokens = tokens;
    state.expiresAt = state.at + (shape.burst - tokens) / ratePerMs(shape);
    touch(this.buckets, key, state);
  }

  /** Drops, idlest first, what is worth nothing at `now`, up to the first that still counts. */
  private sweep(now: number): void {
    for (const map of [this.buckets, this.windows]) {
      for (const [key, state] of map) {
        if (state.expiresAt > now) break;
        map.delete(key);
      }
    }
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
