import type Database from 'better-sqlite3';
import type { AvailabilityRow, AvailabilityStore } from '../availability-store.js';
import type { Exec } from './gate.js';

export class SqliteAvailability implements AvailabilityStore {
  constructor(
    private readonly db: Database.Database,
    private readonly exec: Exec,
  ) {}

  of(userIds: readonly string[]) {
    return this.exec(() => {
      const byUser = new Map<string, AvailabilityRow>();
      if (userIds.length === 0) return byUser;
      const rows = this.db
        .prepare<string[], AvailabilityRow>(
          `SELECT * FROM availability WHERE user_id IN (${userIds.map(() => '?').join(', ')})`,
        )
        .all(...userIds);
      for (const row of rows) byUser.set(row.user_id, row);
      return byUser;
    });
  }

  setSettings(
    userId: string,
    settings: { time_zone: string; working_hours: string | null; hidden: number },
    at: number,
  ) {
    return this.exec(() => {
      this.db
        .prepare(
          `INSERT INTO availability (user_id, time_zone, working_hours, hidden, busy, published_at, updated_at)
           VALUES (@user_id, @time_zone, @working_hours, @hidden, NULL, NULL, @at)
           ON CONFLICT (user_id) DO UPDATE SET time_zone = excluded.time_zone,
             working_hours = excluded.working_hours, hidden = excluded.hidden,
             busy = CASE WHEN excluded.hidden = 1 THEN NULL ELSE availability.busy END,
             published_at = CASE WHEN excluded.hidden = 1 THEN NULL ELSE availability.published_at END,
             updated_at = excluded.updated_at`,
        )
        .run({ user_id: userId, ...settings, at });
    });
  }

  setBusy(userId: string, busy: string, at: number, zone: string) {
    return this.exec(() => {
      const result = this.db
        .prepare(
          `INSERT INTO availability (user_id, time_zone, working_hours, hidden, busy, published_at, updated_at)
           VALUES (?, ?, NULL, 0, ?, ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET busy = excluded.busy,
             published_at = excluded.published_at
           WHERE availability.hidden = 0`,
        )
        .run(userId, zone, busy, at, at);
      return result.changes > 0;
    });
  }

  remove(userId: string) {
    return this.exec(() => {
      this.db.prepare('DELETE FROM availability WHERE user_id = ?').run(userId);
    });
  }
}
