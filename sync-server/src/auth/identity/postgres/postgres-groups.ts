import type { GroupStore } from '../group-store.js';
import type { GroupRow, GroupWithMembers } from '../rows.js';
import type { Sql } from './sql.js';

export class PostgresGroups implements GroupStore {
  constructor(private readonly sql: Sql) {}

  all() {
    return this.sql.rows<GroupWithMembers>(
      `SELECT g.id, g.name,
              coalesce(array_agg(m.user_id ORDER BY m.user_id)
                         FILTER (WHERE m.user_id IS NOT NULL), '{}') AS members
         FROM groups g LEFT JOIN group_members m ON m.group_id = g.id
        GROUP BY g.id ORDER BY lower(g.name), g.id`,
    );
  }

  async get(id: string) {
    const [row] = await this.sql.rows<GroupRow>('SELECT id, name FROM groups WHERE id = $1', [id]);
    return row;
  }

  async insert(id: string, name: string, at: number) {
    await this.sql.rows('INSERT INTO groups (id, name, created_at) VALUES ($1, $2, $3)', [
      id,
      name,
      at,
    ]);
  }

  async rename(id: string, name: string) {
    await this.sql.rows('UPDATE groups SET name = $2 WHERE id = $1', [id, name]);
  }

  async delete(id: string) {
    // Memberships go by ON DELETE CASCADE; grants name their subject without a key.
    await this.sql.atomic(async (sql) => {
      await sql.rows("DELETE FROM room_grants WHERE subject_type = 'group' AND subject_id = $1", [
        id,
      ]);
      await sql.rows('DELETE FROM groups WHERE id = $1', [id]);
    });
  }

  async setMembers(groupId: string, userIds: readonly string[]) {
    await this.sql.atomic(async (sql) => {
      await sql.rows('DELETE FROM group_members WHERE group_id = $1', [groupId]);
      await sql.rows(
        `INSERT INTO group_members (group_id, user_id)
         SELECT DISTINCT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
        [groupId, userIds],
      );
    });
  }

  async setGroupsOf(userId: string, groupIds: readonly string[]) {
    await this.sql.atomic(async (sql) => {
      await sql.rows('DELETE FROM group_members WHERE user_id = $1', [userId]);
      await sql.rows(
        `INSERT INTO group_members (group_id, user_id)
         SELECT DISTINCT unnest($2::text[]), $1 ON CONFLICT DO NOTHING`,
        [userId, groupIds],
      );
    });
  }

  async groupsOf(userId: string) {
    const rows = await this.sql.rows<{ group_id: string }>(
      'SELECT group_id FROM group_members WHERE user_id = $1 ORDER BY group_id',
      [userId],
    );
    return rows.map((r) => r.group_id);
  }
}
