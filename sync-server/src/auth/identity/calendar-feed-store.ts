/**
 * Subscription URLs of calendars [CAL60]: each row is one secret URL a person made
 * for one calendar room. Only the hash of the URL's token is kept, like sessions.
 */
export interface CalendarFeedRow {
  /** Public id, to list and revoke it; not the token. */
  id: string;
  token_hash: string;
  room_id: string;
  user_id: string;
  created_at: number;
  last_used_at: number | null;
}

export interface CalendarFeedStore {
  insert(row: Omit<CalendarFeedRow, 'last_used_at'>): Promise<void>;
  byTokenHash(tokenHash: string): Promise<CalendarFeedRow | undefined>;
  /** `userId`'s URLs of `roomId`, oldest first. */
  of(userId: string, roomId: string): Promise<CalendarFeedRow[]>;
  /** Removes `userId`'s URL `id`; false when they have none by that id. */
  delete(userId: string, id: string): Promise<boolean>;
  touch(id: string, at: number): Promise<void>;
}
