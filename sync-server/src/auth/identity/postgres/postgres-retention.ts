import type { RetentionStore } from '../retention-store.js';
import type { RetentionRow } from '../rows.js';
import type { Sql } from './sql.js';

const RETENTION = 'room_id, days, set_by, set_at';

export class PostgresRetention implements RetentionStore {
  constructor(private readonly sql: Sql) {}

  async get(roomId: string) {
    const [row] = await this.sql.rows<RetentionRow>(
      `SELECT ${RETENTION} FROM room_retention WHERE room_id = $1`,
      [roomId],
    );
    return row;
  }

  all() {
    return this.sql.rows<RetentionRow>(`SELECT ${RETENTION} FROM room_retention ORDER BY room_id`);
  }

  async set(roomId: string, days: number | null, setBy: string, setAt: number) {
    if (days === null) {
      await this.sql.rows('DELETE FROM room_retention WHERE room_id = $1', [roomId]);
      return;
    }
    await this.sql.rows(
      `INSERT INTO room_retention (room_id, days, set_by, set_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (room_id) DO UPDATE
         SET days = excluded.days, set_by = excluded.set_by, set_at = excluded.set_at`,
      [roomId, days, setBy, setAt],
    );
  }
}
