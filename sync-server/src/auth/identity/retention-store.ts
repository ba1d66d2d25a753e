import type { RetentionRow } from './rows.js';

/**
 * The message retention policy of each channel or DM [RETAIN1]: messages older than
 * `days` are deleted by the relay. No row: keep forever. Who set it and what it was
 * before go to the audit log in the same transaction.
 */
export interface RetentionStore {
  get(roomId: string): Promise<RetentionRow | undefined>;
  /** Every room with a policy, by room id. */
  all(): Promise<RetentionRow[]>;
  /** Sets the room's policy; `days: null` removes it (keep forever). */
  set(roomId: string, days: number | null, setBy: string, setAt: number): Promise<void>;
}
