import type { AccessLevel, GrantLevel } from '../../../../../shared/access/levels.js';
import type { RoomStore } from '../room-store.js';
import type { GrantRow, RoomRow } from '../rows.js';
import { setClause } from './set-clause.js';
import type { Sql } from './sql.js';

const ROOM = 'id, kind, title, owner_id, workspace_level, created_at, parent_id, trashed_at';

type MutableRule = {
  workspace: AccessLevel;
  groups: Map<string, GrantLevel>;
  users: Map<string, GrantLevel>;
};

export class PostgresRooms implements RoomStore {
  constructor(private readonly sql: Sql) {}

  async get(id: string) {
    const [row] = await this.sql.rows<RoomRow>(`SELECT ${ROOM} FROM rooms WHERE id = $1`, [id]);
    return row;
  }

  all() {
    return this.sql.rows<RoomRow>(`SELECT ${ROOM} FROM rooms ORDER BY created_at, id`);
  }

  async insert(
    row: Omit<RoomRow, 'parent_id' | 'trashed_at'> & Partial<Pick<RoomRow, 'parent_id'>>,
  ) {
    await this.sql.rows(
      `INSERT INTO rooms (id, kind, title, owner_id, workspace_level, created_at, parent_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        row.id,
        row.kind,
        row.title,
        row.owner_id,
        row.workspace_level,
        row.created_at,
        row.parent_id ?? null,
      ],
    );
  }

  async update(
    id: string,
    fields: Partial<
      Pick<RoomRow, 'title' | 'owner_id' | 'workspace_level' | 'parent_id' | 'trashed_at'>
    >,
  ) {
    const set = setClause(
      fields,
      ['title', 'owner_id', 'workspace_level', 'parent_id', 'trashed_at'],
      2,
    );
    if (!set) return;
    await this.sql.rows(`UPDATE rooms SET ${set.text} WHERE id = $1`, [id, ...set.values]);
  }

  async transfer(fromUserId: string, toUserId: string) {
    const rows = await this.sql.rows<{ id: string }>(
      `WITH moved AS (UPDATE rooms SET owner_id = $2 WHERE owner_id = $1 RETURNING id)
       SELECT id FROM moved ORDER BY id`,
      [fromUserId, toUserId],
    );
    return rows.map((r) => r.id);
  }

  async rule(room: RoomRow) {
    return (await this.rules([room])).get(room.id) ?? emptyRule(room);
  }

  async rules(rooms: readonly RoomRow[]) {
    const rules = new Map<string, MutableRule>(rooms.map((room) => [room.id, emptyRule(room)]));
    if (rooms.length === 0) return rules;
    const grants = await this.sql.rows<GrantRow & { room_id: string }>(
      `SELECT room_id, subject_type, subject_id, level FROM room_grants
        WHERE room_id = ANY($1::text[])`,
      [[...rules.keys()]],
    );
    for (const g of grants) {
      const rule = rules.get(g.room_id);
      if (rule) (g.subject_type === 'group' ? rule.groups : rule.users).set(g.subject_id, g.level);
    }
    return rules;
  }

  async setGrants(
    roomId: string,
    groups: Iterable<[string, GrantLevel]>,
    users: Iterable<[string, GrantLevel]>,
  ) {
    const grants = [
      ...[...groups].map(([id, level]) => ['group', id, level] as const),
      ...[...users].map(([id, level]) => ['user', id, level] as const),
    ];
    await this.sql.atomic(async (sql) => {
      await sql.rows('DELETE FROM room_grants WHERE room_id = $1', [roomId]);
      if (grants.length === 0) return;
      await sql.rows(
        `INSERT INTO room_grants (room_id, subject_type, subject_id, level)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
        [roomId, grants.map((g) => g[0]), grants.map((g) => g[1]), grants.map((g) => g[2])],
      );
    });
  }
}

function emptyRule(room: RoomRow): MutableRule {
  return { workspace: room.workspace_level, groups: new Map(), users: new Map() };
}
