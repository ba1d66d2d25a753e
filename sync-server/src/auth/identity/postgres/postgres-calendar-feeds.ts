import type { CalendarFeedRow, CalendarFeedStore } from '../calendar-feed-store.js';
import type { Sql } from './sql.js';

const COLUMNS = 'id, token_hash, room_id, user_id, created_at, last_used_at';

export class PostgresCalendarFeeds implements CalendarFeedStore {
  constructor(private readonly sql: Sql) {}

  async insert(row: Omit<CalendarFeedRow, 'last_used_at'>) {
    await this.sql.rows(
      `INSERT INTO calendar_feeds (id, token_hash, room_id, user_id, created_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [row.id, row.token_hash, row.room_id, row.user_id, row.created_at],
    );
  }

  async byTokenHash(tokenHash: string) {
    const [row] = await this.sql.rows<CalendarFeedRow>(
      `SELECT ${COLUMNS} FROM calendar_feeds WHERE token_hash = $1`,
      [tokenHash],
    );
    return row;
  }

  of(userId: string, roomId: string) {
    return this.sql.rows<CalendarFeedRow>(
      `SELECT ${COLUMNS} FROM calendar_feeds WHERE user_id = $1 AND room_id = $2
       ORDER BY created_at, id`,
      [userId, roomId],
    );
  }

  async delete(userId: string, id: string) {
    const rows = await this.sql.rows<{ id: string }>(
      'DELETE FROM calendar_feeds WHERE user_id = $1 AND id = $2 RETURNING id',
      [userId, id],
    );
    return rows.length > 0;
  }

  async touch(id: string, at: number) {
    await this.sql.rows('UPDATE calendar_feeds SET last_used_at = $1 WHERE id = $2', [at, id]);
  }
}
