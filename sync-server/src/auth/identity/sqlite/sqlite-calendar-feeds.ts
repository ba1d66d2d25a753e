import type Database from 'better-sqlite3';
import type { CalendarFeedRow, CalendarFeedStore } from '../calendar-feed-store.js';
import type { Exec } from './gate.js';

export class SqliteCalendarFeeds implements CalendarFeedStore {
  constructor(
    private readonly db: Database.Database,
    private readonly exec: Exec,
  ) {}

  insert(row: Omit<CalendarFeedRow, 'last_used_at'>) {
    return this.exec(() => {
      this.db
        .prepare(
          `INSERT INTO calendar_feeds (id, token_hash, room_id, user_id, created_at)
           VALUES (@id, @token_hash, @room_id, @user_id, @created_at)`,
        )
        .run(row);
    });
  }

  byTokenHash(tokenHash: string) {
    return this.exec(() =>
      this.db
        .prepare<[string], CalendarFeedRow>('SELECT * FROM calendar_feeds WHERE token_hash = ?')
        .get(tokenHash),
    );
  }

  of(userId: string, roomId: string) {
    return this.exec(() =>
      this.db
        .prepare<[string, string], CalendarFeedRow>(
          `SELECT * FROM calendar_feeds WHERE user_id = ? AND room_id = ?
           ORDER BY created_at, id`,
        )
        .all(userId, roomId),
    );
  }

  delete(userId: string, id: string) {
    return this.exec(
      () =>
        this.db.prepare('DELETE FROM calendar_feeds WHERE user_id = ? AND id = ?').run(userId, id)
          .changes > 0,
    );
  }

  touch(id: string, at: number) {
    return this.exec(() => {
      this.db.prepare('UPDATE calendar_feeds SET last_used_at = ? WHERE id = ?').run(at, id);
    });
  }
}
