import { describe, expect, it } from 'vitest';
import { AttemptBudgets } from '../../../../sync-server/src/auth/attempt-budgets.js';
import { MemoryRateLimits } from '../../../../sync-server/src/limits/memory-rate-limits.js';

const small = { perMinute: 1, burst: 2 };
const large = { perMinute: 1, burst: 10 };

describe('AttemptBudgets', () => {
  it('[ACCT1] charges every budget or none, so an empty one does not drain the others', async () => {
    let now = 0;
    const budgets = new AttemptBudgets(new MemoryRateLimits(), () => now);
    const both = [
      { key: 'a', shape: small },
      { key: 'b', shape: large },
    ];
    expect((await budgets.charge(both)).ok).toBe(true);
    expect((await budgets.charge(both)).ok).toBe(true);
    expect(await budgets.charge(both)).toEqual({ ok: false, retryAfterSeconds: 60 });
    // "b" lost only the two attempts that were allowed.
    for (let i = 0; i < 8; i++)
      expect((await budgets.charge([{ key: 'b', shape: large }])).ok).toBe(true);
    expect((await budgets.charge([{ key: 'b', shape: large }])).ok).toBe(false);
    now += 60_000;
    expect((await budgets.charge([{ key: 'a', shape: small }])).ok).toBe(true);
  });

  it('[ACCT1] gives an attempt back once, never above the burst', async () => {
    const budgets = new AttemptBudgets(new MemoryRateLimits(), () => 0);
    const one = [{ key: 'a', shape: small }];
    const first = await budgets.charge(one);
    if (!first.ok) throw new Error('expected a full budget');
    await first.giveBack();
    await first.giveBack();
    expect((await budgets.charge(one)).ok).toBe(true);
    expect((await budgets.charge(one)).ok).toBe(true);
    expect((await budgets.charge(one)).ok).toBe(false);
  });
});
