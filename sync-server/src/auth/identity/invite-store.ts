import type { InviteRow } from './rows.js';

/** Invite links, by the hash of their token. */
export interface InviteStore {
  insert(row: Omit<InviteRow, 'uses' | 'revoked_at'>): Promise<void>;
  byTokenHash(hash: string): Promise<InviteRow | undefined>;
  /** Newest first. */
  all(): Promise<InviteRow[]>;
  /** Counts one use. */
  use(id: string): Promise<void>;
  /** False when there is no such invite or it was revoked already. */
  revoke(id: string, at: number): Promise<boolean>;
}
