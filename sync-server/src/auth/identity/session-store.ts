import type { SessionRow } from './rows.js';

/** Sign-in sessions, by the hash of their secret (the secret itself is never stored). */
export interface SessionStore {
  insert(idHash: string, userId: string, at: number, expiresAt: number): Promise<void>;
  get(idHash: string): Promise<SessionRow | undefined>;
  /** Those of `idHashes` that exist, in one read (the connection guard's recheck). */
  many(idHashes: readonly string[]): Promise<Map<string, SessionRow>>;
  extend(idHash: string, expiresAt: number): Promise<void>;
  delete(idHash: string): Promise<void>;
  deleteOf(userId: string): Promise<void>;
}
