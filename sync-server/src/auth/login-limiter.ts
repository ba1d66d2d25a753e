import { TokenBucket } from '../rooms/token-bucket.js';

const MAX_KEYS = 10_000;

/**
 * Slows password guessing: each email and each client address has a bucket of
 * failed attempts (5 per email, refilling one a minute; 30 per address, one every
 * ten seconds). Only failures take from the buckets, so a person who types their
 * password right is never held up by someone else guessing at another account.
 */
export class LoginLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly now: () => number) {}

  private bucket(key: string): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_KEYS) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
      bucket = key.startsWith('email:')
        ? new TokenBucket(1 / 60, 5, this.now)
        : new TokenBucket(1 / 10, 30, this.now);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Milliseconds to wait before another attempt is allowed; 0 when allowed now. */
  waitMs(email: string, address: string): number {
    return Math.max(
      this.bucket(`email:${email}`).msUntilToken(),
      this.bucket(`addr:${address}`).msUntilToken(),
    );
  }

  recordFailure(email: string, address: string): void {
    this.bucket(`email:${email}`).take();
    this.bucket(`addr:${address}`).take();
  }
}
