import type { Subject } from '../../../../shared/access/evaluate.js';
import type { UserRow } from './rows.js';

/** People (accounts): one row each, unique by email. */
export interface PeopleStore {
  byId(id: string): Promise<UserRow | undefined>;
  byEmail(email: string): Promise<UserRow | undefined>;
  /** Everyone, by name (case-insensitive). */
  all(): Promise<UserRow[]>;
  /** Fails when the email is taken. New people are active. */
  insert(row: Omit<UserRow, 'active'>): Promise<void>;
  update(
    id: string,
    fields: Partial<Pick<UserRow, 'name' | 'role' | 'active' | 'password_hash'>>,
  ): Promise<void>;
  /** The person as an access subject (role, status, groups); null when unknown. */
  subject(id: string): Promise<Subject | null>;
  /** Every person as an access subject, read in one go (the feed asks for many at once). */
  subjects(): Promise<Map<string, Subject>>;
}
