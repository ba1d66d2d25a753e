import { describe, expect, it } from 'vitest';
import { AttemptBudgets } from '../../../../sync-server/src/auth/attempt-budgets.js';

const small = { perMinute: 1, burst: 2 };
const large = { perMinute: 1, burst: 10 };

describe('AttemptBudgets', () => {
  it('[ACCT1] charges every budget or none, so an empty one does not drain the others', () => {
    let now = 0;
    const budgets = new AttemptBudgets(() => now);
    const both = [
      { key: 'a', shape: small },
      { key: 'b', shape: large },
    ];
    expect(budgets.charge(both).ok).toBe(true);
    expect(budgets.charge(both).ok).toBe(true);
    expect(budgets.charge(both)).toEqual({ ok: false, retryAfterSeconds: 60 });
    // "b" lost only the two attempts that were allowed.
    for (let i = 0; i < 8; i++) expect(budgets.charge([{ key: 'b', shape: large }]).ok).toBe(true);
    expect(budgets.charge([{ key: 'b', shape: large }]).ok).toBe(false);
    now += 60_000;
    expect(budgets.charge([{ key: 'a', shape: small }]).ok).toBe(true);
  });

  it('[ACCT1] gives an attempt back once, never above the burst', () => {
    const budgets = new AttemptBudgets(() => 0);
    const one = [{ key: 'a', shape: small }];
    const first = budgets.charge(one);
    if (!first.ok) throw new Error('expected a full budget');
    first.giveBack();
    first.giveBack();
    expect(budgets.charge(one).ok).toBe(true);
    expect(budgets.charge(one).ok).toBe(true);
    expect(budgets.charge(one).ok).toBe(false);
  });
});
