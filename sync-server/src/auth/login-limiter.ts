import type { AttemptBudgets, BudgetShape, Charge } from './attempt-budgets.js';

/**
 * Sign-in guessing limits, designed so that nobody can lock a person out from
 * everywhere [ACCT1–ACCT3].
 *
 * Every attempt is charged when it starts, before the password check, so that 60
 * attempts sent at once cost the same as 60 sent one by one; an attempt that turns
 * out right gives its charge back. Which budgets an attempt takes from depends on
 * whether it comes from a known device (known-device.ts: a signed cookie this
 * browser got after signing in to this same account before):
 *
 * - A known device has its own budget for its account (5, then one a minute). It
 *   does not touch the account's shared budget or its address's budget, so a
 *   stranger guessing at the account, or sharing the person's office address,
 *   cannot empty it. A stolen device cookie gives only that one device's budget.
 * - Every other attempt at an account shares the account's budget for unknown
 *   devices (5, then one a minute) and its address's budget (30, then one every
 *   ten seconds, across all accounts: it slows spraying one password at many
 *   accounts). An attacker can hold a person's account shut for new devices,
 *   never for the devices the person already signed in on.
 *
 * Unknown emails are charged like real ones, so answers do not reveal accounts.
 * Budgets live in the relay's RateLimits store: in memory (a relay restart forgets
 * them), or in Redis, one budget for all relays of the workspace [LIMIT1].
 */
export const LOGIN_BUDGETS = {
  knownDevice: { perMinute: 1, burst: 5 },
  unknownDevices: { perMinute: 1, burst: 5 },
  address: { perMinute: 6, burst: 30 },
} satisfies Record<string, BudgetShape>;

export interface LoginAttempt {
  email: string;
  address: string;
  /** The id of a valid known-device proof for this same account, else null. */
  knownDevice: string | null;
}

export class LoginLimiter {
  constructor(private readonly budgets: AttemptBudgets) {}

  begin(attempt: LoginAttempt): Promise<Charge> {
    if (attempt.knownDevice) {
      return this.budgets.charge([
        { key: `login-device:${attempt.knownDevice}`, shape: LOGIN_BUDGETS.knownDevice },
      ]);
    }
    return this.budgets.charge([
      { key: `login-account:${attempt.email}`, shape: LOGIN_BUDGETS.unknownDevices },
      { key: `login-address:${attempt.address}`, shape: LOGIN_BUDGETS.address },
    ]);
  }
}
