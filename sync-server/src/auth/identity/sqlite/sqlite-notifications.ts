import type Database from 'better-sqlite3';
import type { NotificationStore } from '../notification-store.js';
import type { NotificationRow } from '../rows.js';
import type { Exec } from './gate.js';

export class SqliteNotifications implements NotificationStore {
  constructor(
    private readonly db: Database.Database,
    private readonly exec: Exec,
  ) {}

  insert(rows: readonly Omit<NotificationRow, 'read_at'>[]) {
    return this.exec(() =>
      this.db.transaction(() => {
        const insert = this.db.prepare(
          `INSERT INTO notifications (id, user_id, room_id, kind, actor_id, excerpt, anchor, at)
           VALUES (@id, @user_id, @room_id, @kind, @actor_id, @excerpt, @anchor, @at)`,
        );
        for (const row of rows) insert.run(row);
      })(),
    );
  }

  inbox(userId: string, limit: number) {
    return this.exec(() =>
      this.db
        .prepare<[string, number], NotificationRow>(
          `SELECT id, user_id, room_id, kind, actor_id, excerpt, anchor, at, read_at FROM notifications
           WHERE user_id = ? ORDER BY at DESC, rowid DESC LIMIT ?`,
        )
        .all(userId, limit),
    );
  }

  markRead(userId: string, ids: readonly string[], at: number) {
    return this.exec(() =>
      this.db.transaction(() => {
        const update = this.db.prepare(
          'UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL',
        );
        for (const id of ids) update.run(at, id, userId);
      })(),
    );
  }

  deleteBefore(roomId: string, before: number) {
    return this.exec(
      () =>
        this.db
          .prepare('DELETE FROM notifications WHERE room_id = ? AND at < ?')
          .run(roomId, before).changes,
    );
  }
}
