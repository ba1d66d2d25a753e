import type { AvailabilityRow, AvailabilityStore } from '../availability-store.js';
import type { Sql } from './sql.js';

export class PostgresAvailability implements AvailabilityStore {
  constructor(private readonly sql: Sql) {}

  async of(userIds: readonly string[]) {
    const byUser = new Map<string, AvailabilityRow>();
    if (userIds.length === 0) return byUser;
    const rows = await this.sql.rows<AvailabilityRow>(
      'SELECT * FROM availability WHERE user_id = ANY($1::text[])',
      [userIds],
    );
    for (const row of rows) byUser.set(row.user_id, row);
    return byUser;
  }

  async setSettings(
    userId: string,
    settings: { time_zone: string; working_hours: string | null; hidden: number },
    at: number,
  ) {
    await this.sql.rows(
      `INSERT INTO availability (user_id, time_zone, working_hours, hidden, busy, published_at, updated_at)
       VALUES ($1, $2, $3, $4, NULL, NULL, $5)
       ON CONFLICT (user_id) DO UPDATE SET time_zone = excluded.time_zone,
         working_hours = excluded.working_hours, hidden = excluded.hidden,
         busy = CASE WHEN excluded.hidden = 1 THEN NULL ELSE availability.busy END,
         published_at = CASE WHEN excluded.hidden = 1 THEN NULL ELSE availability.published_at END,
         updated_at = excluded.updated_at`,
      [userId, settings.time_zone, settings.working_hours, settings.hidden, at],
    );
  }

  async setBusy(userId: string, busy: string, at: number, zone: string) {
    const rows = await this.sql.rows<{ user_id: string }>(
      `INSERT INTO availability (user_id, time_zone, working_hours, hidden, busy, published_at, updated_at)
       VALUES ($1, $2, NULL, 0, $3, $4, $4)
       ON CONFLICT (user_id) DO UPDATE SET busy = excluded.busy,
         published_at = excluded.published_at
       WHERE availability.hidden = 0
       RETURNING user_id`,
      [userId, zone, busy, at],
    );
    return rows.length > 0;
  }

  async remove(userId: string) {
    await this.sql.rows('DELETE FROM availability WHERE user_id = $1', [userId]);
  }
}
