import type Database from 'better-sqlite3';
import type { RetentionStore } from '../retention-store.js';
import type { RetentionRow } from '../rows.js';
import type { Exec } from './gate.js';

export class SqliteRetention implements RetentionStore {
  constructor(
    private readonly db: Database.Database,
    private readonly exec: Exec,
  ) {}

  get(roomId: string) {
    return this.exec(() =>
      this.db
        .prepare<[string], RetentionRow>('SELECT * FROM room_retention WHERE room_id = ?')
        .get(roomId),
    );
  }

  all() {
    return this.exec(() =>
      this.db.prepare<[], RetentionRow>('SELECT * FROM room_retention ORDER BY room_id').all(),
    );
  }

  set(roomId: string, days: number | null, setBy: string, setAt: number) {
    return this.exec(() => {
      if (days === null) {
        this.db.prepare('DELETE FROM room_retention WHERE room_id = ?').run(roomId);
        return;
      }
      this.db
        .prepare(
          `INSERT INTO room_retention (room_id, days, set_by, set_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (room_id) DO UPDATE
             SET days = excluded.days, set_by = excluded.set_by, set_at = excluded.set_at`,
        )
        .run(roomId, days, setBy, setAt);
    });
  }
}
