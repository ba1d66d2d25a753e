import type { Bucket, BucketShape, RateLimits } from '../limits/rate-limits.js';
import { fail } from './api-failure.js';

/** How fast one kind of budget refills and how many attempts it holds. */
export type BudgetShape = BucketShape;

/** What one attempt charged: give it back when the attempt turned out honest. */
export type Charge =
  { ok: true; giveBack: () => Promise<void> } | { ok: false; retryAfterSeconds: number };

/**
 * Named token buckets for guessable secrets (passwords). An attempt takes one token
 * from every budget it belongs to when it starts, all or none, so that concurrent
 * attempts cannot all pass the check before the first one is charged. The buckets
 * live in a RateLimits store: this process's memory, or Redis shared by every relay
 * [LIMIT1].
 */
export class AttemptBudgets {
  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number,
  ) {}

  /**
   * Takes one attempt from each budget, or none when any of them is empty. Throws a
   * 503 ApiFailure when the store cannot be reached: an attempt that cannot be
   * charged is refused, never let through unlimited [LIMIT2].
   */
  async charge(budgets: readonly Bucket[]): Promise<Charge> {
    let verdict;
    try {
      verdict = await this.limits.take(budgets, this.now());
    } catch {
      throw fail.limitsUnavailable();
    }
    if (!verdict.ok)
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)) };
    let returned = false;
    return {
      ok: true,
      giveBack: async () => {
        if (returned) return;
        returned = true;
        // A refund that does not reach the store costs the honest person one attempt,
        // which refills within minutes; failing their right password would be worse.
        await this.limits.giveBack(budgets, this.now()).catch(() => {});
      },
    };
  }
}
