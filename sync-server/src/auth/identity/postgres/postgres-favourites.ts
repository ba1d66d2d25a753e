import type { FavouriteStore } from '../favourite-store.js';
import type { Sql } from './sql.js';

export class PostgresFavourites implements FavouriteStore {
  constructor(private readonly sql: Sql) {}

  async of(userId: string) {
    const rows = await this.sql.rows<{ room_id: string }>(
      'SELECT room_id FROM favourites WHERE user_id = $1',
      [userId],
    );
    return new Set(rows.map((r) => r.room_id));
  }

  async all() {
    const byUser = new Map<string, Set<string>>();
    const rows = await this.sql.rows<{ user_id: string; room_id: string }>(
      'SELECT user_id, room_id FROM favourites',
    );
    for (const r of rows)
      byUser.set(r.user_id, (byUser.get(r.user_id) ?? new Set()).add(r.room_id));
    return byUser;
  }

  async set(userId: string, roomId: string, favourite: boolean) {
    await this.sql.rows(
      favourite
        ? 'INSERT INTO favourites (user_id, room_id) VALUES ($1, $2) ON CONFLICT DO NOTHING'
        : 'DELETE FROM favourites WHERE user_id = $1 AND room_id = $2',
      [userId, roomId],
    );
  }
}
