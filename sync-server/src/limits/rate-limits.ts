/**
 * The state behind the relay's rate limits (sign-in and password-change budgets,
 * DING windows), as an interface: MemoryRateLimits keeps it in the process (one
 * relay), RedisRateLimits in Redis, so that several relays behind a load balancer
 * enforce one budget between them instead of one each [LIMIT1].
 *
 * Time is the caller's clock, passed to every call (`now`, in ms): the relay's
 * Clock is the one source of time for every limit decision, whichever store holds
 * the state, so a test's controllable clock drives Redis budgets as it drives memory
 * ones. Relays of one workspace run clocks synced by NTP; an implementation never
 * moves a bucket's time backwards, so a relay whose clock lags refills nothing early,
 * and one whose clock leads refills early by at most its lead.
 *
 * Every method rejects when the state cannot be read or written (Redis
 * unreachable). Callers must then refuse what they were limiting (fail closed),
 * never let it through unlimited.
 */

/** How fast a bucket refills and how many tokens it holds. */
export interface BucketShape {
  /** Tokens regained per minute. */
  perMinute: number;
  burst: number;
}

/** A token bucket named by `key`; a bucket never seen before (or idle long enough) is full. */
export interface Bucket {
  key: string;
  shape: BucketShape;
}

/** An event limit over a sliding window: at most `max` in any `windowMs`. */
export interface SlidingWindow {
  max: number;
  windowMs: number;
}

export type Verdict = { ok: true } | { ok: false; retryAfterMs: number };

export interface RateLimits {
  /**
   * Takes one token from every bucket, or none when any of them holds less than one
   * (all or none, atomically: concurrent calls from any relay cannot both take the
   * last token). Refused: how long until every bucket holds one again.
   */
  take(buckets: readonly Bucket[], now: number): Promise<Verdict>;
  /** Gives one token back to every bucket, never above its burst. */
  giveBack(buckets: readonly Bucket[], now: number): Promise<void>;
  /**
   * Counts one event for `key` unless `window.max` were counted in the window
   * before `now` (atomically). Refused: how long until the oldest leaves the window.
   */
  admit(key: string, window: SlidingWindow, now: number): Promise<Verdict>;
  close(): Promise<void>;
}

/** Tokens per millisecond. */
export function ratePerMs(shape: BucketShape): number {
  return shape.perMinute / 60_000;
}
