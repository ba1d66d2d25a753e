import type { NotificationRow } from './rows.js';

/** Per-person inboxes of mentions. */
export interface NotificationStore {
  insert(rows: readonly Omit<NotificationRow, 'read_at'>[]): Promise<void>;
  /** The person's newest `limit`, newest first. */
  inbox(userId: string, limit: number): Promise<NotificationRow[]>;
  /** Marks those of `ids` that are the person's and unread; others are left alone. */
  markRead(userId: string, ids: readonly string[], at: number): Promise<void>;
  /** Removes the room's notifications from before `before` (their excerpts quote messages) [RETAIN5]. */
  deleteBefore(roomId: string, before: number): Promise<number>;
}
