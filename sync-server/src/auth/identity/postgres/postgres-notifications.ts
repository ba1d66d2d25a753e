import type { NotificationStore } from '../notification-store.js';
import type { NotificationRow } from '../rows.js';
import type { Sql } from './sql.js';

export class PostgresNotifications implements NotificationStore {
  constructor(private readonly sql: Sql) {}

  async insert(rows: readonly Omit<NotificationRow, 'read_at'>[]) {
    if (rows.length === 0) return;
    // One statement, so the batch is stored whole or not at all; WITH ORDINALITY keeps
    // the batch's order for the rows' seq (ties of `at` list newest-inserted first).
    await this.sql.rows(
      `INSERT INTO notifications (id, user_id, room_id, kind, actor_id, excerpt, anchor, at)
       SELECT id, user_id, room_id, kind, actor_id, excerpt, anchor, at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                     $7::text[], $8::bigint[]) WITH ORDINALITY
              AS n (id, user_id, room_id, kind, actor_id, excerpt, anchor, at, i)
        ORDER BY i`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.user_id),
        rows.map((r) => r.room_id),
        rows.map((r) => r.kind),
        rows.map((r) => r.actor_id),
        rows.map((r) => r.excerpt),
        rows.map((r) => r.anchor),
        rows.map((r) => r.at),
      ],
    );
  }

  inbox(userId: string, limit: number) {
    return this.sql.rows<NotificationRow>(
      `SELECT id, user_id, room_id, kind, actor_id, excerpt, anchor, at, read_at FROM notifications
        WHERE user_id = $1 ORDER BY at DESC, seq DESC LIMIT $2`,
      [userId, limit],
    );
  }

  async markRead(userId: string, ids: readonly string[], at: number) {
    if (ids.length === 0) return;
    await this.sql.rows(
      `UPDATE notifications SET read_at = $3
        WHERE id = ANY($2::text[]) AND user_id = $1 AND read_at IS NULL`,
      [userId, ids, at],
    );
  }

  async deleteBefore(roomId: string, before: number) {
    const rows = await this.sql.rows(
      'DELETE FROM notifications WHERE room_id = $1 AND at < $2 RETURNING id',
      [roomId, before],
    );
    return rows.length;
  }
}
