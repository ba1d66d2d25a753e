import type Database from 'better-sqlite3';
import type { FavouriteStore } from '../favourite-store.js';
import type { Exec } from './gate.js';

export class SqliteFavourites implements FavouriteStore {
  constructor(
    private readonly db: Database.Database,
    private readonly exec: Exec,
  ) {}

  of(userId: string) {
    return this.exec(
      () =>
        new Set(
          this.db
            .prepare<[string], string>('SELECT room_id FROM favourites WHERE user_id = ?')
            .pluck()
            .all(userId),
        ),
    );
  }

  all() {
    return this.exec(() => {
      const byUser = new Map<string, Set<string>>();
      const rows = this.db
        .prepare<[], { user_id: string; room_id: string }>(
          'SELECT user_id, room_id FROM favourites',
        )
        .all();
      for (const r of rows)
        byUser.set(r.user_id, (byUser.get(r.user_id) ?? new Set()).add(r.room_id));
      return byUser;
    });
  }

  set(userId: string, roomId: string, favourite: boolean) {
    return this.exec(() => {
      this.db
        .prepare(
          favourite
            ? 'INSERT OR IGNORE INTO favourites (user_id, room_id) VALUES (?, ?)'
            : 'DELETE FROM favourites WHERE user_id = ? AND room_id = ?',
        )
        .run(userId, roomId);
    });
  }
}
