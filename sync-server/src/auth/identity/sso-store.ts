import type { SsoGroupLinkRow, SsoPendingRow } from './rows.js';

/**
 * Single sign-on state (OPERATIONS.md, "Single sign-on"): sign-ins started and not
 * yet finished, the link from an identity provider's (issuer, subject) to a person,
 * and which of our groups mirror which group of the provider.
 */
export interface SsoStore {
  /** Fails when the state is already taken. */
  insertPending(row: SsoPendingRow): Promise<void>;
  /**
   * Deletes and returns the pending sign-in of `state` in one statement, so that two
   * callbacks with the same state (a replay, two relays) cannot both get it [SSO5].
   */
  takePending(state: string): Promise<SsoPendingRow | undefined>;
  /** Drops pending sign-ins that expired at or before `now`. */
  dropExpiredPending(now: number): Promise<void>;
  /** The person linked to this identity, if any. */
  linkedUser(issuer: string, subject: string): Promise<string | undefined>;
  /** Fails when the identity is already linked. */
  link(issuer: string, subject: string, userId: string, at: number): Promise<void>;
  /** Every group that mirrors a provider group, by group id. */
  groupLinks(): Promise<SsoGroupLinkRow[]>;
  /** Makes the group mirror `idpGroup`, or (null) hands it back to the admins. */
  setGroupLink(groupId: string, idpGroup: string | null): Promise<void>;
}
