import type { Clock } from '../clock.js';
import { TokenBucket } from './token-bucket.js';

export interface AwarenessLimits {
  /** Awareness frames per second a connection may send. */
  rate: number;
  burst: number;
}

/**
 * Per-connection awareness rate limit. Frames over budget are coalesced: only the
 * newest waits and is applied when a token frees up, so the last cursor position
 * always arrives. A connection that keeps dropping frames for ~10 s of budget
 * is reported as flooding.
 */
export class AwarenessGate<T> {
  private readonly bucket: TokenBucket;
  private readonly dropBudget: TokenBucket;
  private waiting: T | null = null;
  private cancelTimer: (() => void) | null = null;

  constructor(
    limits: AwarenessLimits,
    private readonly clock: Clock,
    private readonly apply: (item: T) => void,
  ) {
    this.bucket = new TokenBucket(limits.rate, limits.burst, () => clock.now());
    this.dropBudget = new TokenBucket(limits.rate, limits.rate * 10, () => clock.now());
  }

  /** Returns false when the connection is flooding and should be closed. */
  offer(item: T): boolean {
    if (this.waiting === null && this.bucket.take()) {
      this.apply(item);
      return true;
    }
    if (this.waiting !== null && !this.dropBudget.take()) return false;
    this.waiting = item;
    this.cancelTimer ??= this.clock.setTimeout(() => this.release(), this.bucket.msUntilToken());
    return true;
  }

  private release(): void {
    this.cancelTimer = null;
    const item = this.waiting;
    if (item === null) return;
    if (!this.bucket.take()) {
      this.cancelTimer = this.clock.setTimeout(() => this.release(), this.bucket.msUntilToken());
      return;
    }
    this.waiting = null;
    this.apply(item);
  }

  dispose(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.waiting = null;
  }
}
