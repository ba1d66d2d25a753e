import { TokenBucket } from '../rooms/token-bucket.js';

/** Bounds memory when someone sprays attempts at many emails or from many addresses. */
const MAX_KEYS = 10_000;

/** How fast one kind of budget refills and how many attempts it holds. */
export interface BudgetShape {
  /** Attempts regained per minute. */
  perMinute: number;
  burst: number;
}

/** What one attempt charged: give it back when the attempt turned out honest. */
export type Charge = { ok: true; giveBack: () => void } | { ok: false; retryAfterSeconds: number };

/**
 * Named token buckets for guessable secrets (passwords). An attempt takes one token
 * from every budget it belongs to when it starts, all or none, so that concurrent
 * attempts cannot all pass the check before the first one is charged.
 */
export class AttemptBudgets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly now: () => number) {}

  private bucket(key: string, shape: BudgetShape): TokenBucket {
    let bucket = this.buckets.get(key);
    if (bucket) {
      // Most recently used last, so that eviction drops the idlest budget.
      this.buckets.delete(key);
    } else {
      if (this.buckets.size >= MAX_KEYS) {
        const idlest = this.buckets.keys().next().value;
        if (idlest !== undefined) this.buckets.delete(idlest);
      }
      bucket = new TokenBucket(shape.perMinute / 60, shape.burst, this.now);
    }
    this.buckets.set(key, bucket);
    return bucket;
  }

  /** Takes one attempt from each budget, or none when any of them is empty. */
  charge(budgets: ReadonlyArray<{ key: string; shape: BudgetShape }>): Charge {
    const buckets = budgets.map(({ key, shape }) => this.bucket(key, shape));
    const waitMs = Math.max(0, ...buckets.map((b) => b.msUntilToken()));
    if (waitMs > 0) return { ok: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
    for (const b of buckets) b.take();
    let returned = false;
    return {
      ok: true,
      giveBack: () => {
        if (returned) return;
        returned = true;
        for (const b of buckets) b.giveBack();
      },
    };
  }
}
