import type { AttemptBudgets, BudgetShape, Charge } from './attempt-budgets.js';

/**
 * Guessing the current password through POST /api/auth/password [ACCT9]: whoever
 * holds a session (a borrowed laptop, a leaked token) may try it to take the account
 * over for good. Each session has a small budget and the account a larger one
 * across all its sessions, both charged before the password check and given back
 * when the current password was right. Operator tokens have no session: they
 * share one budget per account.
 */
export const PASSWORD_CHANGE_BUDGETS = {
  session: { perMinute: 1, burst: 5 },
  account: { perMinute: 1, burst: 10 },
} satisfies Record<string, BudgetShape>;

export class PasswordChangeLimiter {
  constructor(private readonly budgets: AttemptBudgets) {}

  begin(userId: string, sessionHash: string | null): Promise<Charge> {
    return this.budgets.charge([
      {
        key: `password-session:${sessionHash ?? `operator:${userId}`}`,
        shape: PASSWORD_CHANGE_BUDGETS.session,
      },
      { key: `password-account:${userId}`, shape: PASSWORD_CHANGE_BUDGETS.account },
    ]);
  }
}
