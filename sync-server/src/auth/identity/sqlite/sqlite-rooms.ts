import type Database from 'better-sqlite3';
import type { AccessRule } from '../../../../../shared/access/evaluate.js';
import type { AccessLevel, GrantLevel } from '../../../../../shared/access/levels.js';
import type { RoomStore } from '../room-store.js';
import type { GrantRow, RoomRow } from '../rows.js';
import type { Exec } from './gate.js';

type MutableRule = {
  workspace: AccessLevel;
  groups: Map<string, GrantLevel>;
  users: Map<string, GrantLevel>;
};

export class SqliteRooms implements RoomStore {
  constructor(
    private readonly db: Database.Database,
    private readonly exec: Exec,
  ) {}

  get(id: string) {
    return this.exec(() =>
      this.db.prepare<[string], RoomRow>('SELECT * FROM rooms WHERE id = ?').get(id),
    );
  }

  all() {
    return this.exec(() =>
      this.db.prepare<[], RoomRow>('SELECT * FROM rooms ORDER BY created_at, id').all(),
    );
  }

  insert(row: Omit<RoomRow, 'parent_id' | 'trashed_at'> & Partial<Pick<RoomRow, 'parent_id'>>) {
    return this.exec(() => {
      this.db
        .prepare(
          `INSERT INTO rooms (id, kind, title, owner_id, workspace_level, created_at, parent_id, trashed_at)
           VALUES (@id, @kind, @title, @owner_id, @workspace_level, @created_at, @parent_id, @trashed_at)`,
        )
        .run({ parent_id: null, ...row, trashed_at: null });
    });
  }

  update(
    id: string,
    fields: Partial<
      Pick<RoomRow, 'title' | 'owner_id' | 'workspace_level' | 'parent_id' | 'trashed_at'>
    >,
  ) {
    return this.exec(() => {
      const keys = Object.keys(fields);
      if (keys.length === 0) return;
      const set = keys.map((k) => `${k} = @${k}`).join(', ');
      this.db.prepare(`UPDATE rooms SET ${set} WHERE id = @id`).run({ ...fields, id });
    });
  }

  transfer(fromUserId: string, toUserId: string) {
    return this.exec(() =>
      this.db.transaction(() => {
        const ids = this.db
          .prepare<[string], string>('SELECT id FROM rooms WHERE owner_id = ? ORDER BY id')
          .pluck()
          .all(fromUserId);
        this.db
          .prepare('UPDATE rooms SET owner_id = ? WHERE owner_id = ?')
          .run(toUserId, fromUserId);
        return ids;
      })(),
    );
  }

  rule(room: RoomRow) {
    return this.exec((): AccessRule => {
      const grants = this.db
        .prepare<[string], GrantRow>(
          'SELECT subject_type, subject_id, level FROM room_grants WHERE room_id = ?',
        )
        .all(room.id);
      const rule: MutableRule = {
        workspace: room.workspace_level,
        groups: new Map(),
        users: new Map(),
      };
      for (const g of grants)
        (g.subject_type === 'group' ? rule.groups : rule.users).set(g.subject_id, g.level);
      return rule;
    });
  }

  rules(rooms: readonly RoomRow[]) {
    return this.exec(() => {
      const rules = new Map<string, MutableRule>();
      for (const room of rooms)
        rules.set(room.id, {
          workspace: room.workspace_level,
          groups: new Map(),
          users: new Map(),
        });
      const grants = this.db
        .prepare<[], GrantRow & { room_id: string }>(
          'SELECT room_id, subject_type, subject_id, level FROM room_grants',
        )
        .all();
      for (const g of grants) {
        const rule = rules.get(g.room_id);
        if (rule)
          (g.subject_type === 'group' ? rule.groups : rule.users).set(g.subject_id, g.level);
      }
      return rules;
    });
  }

  setGrants(
    roomId: string,
    groups: Iterable<[string, GrantLevel]>,
    users: Iterable<[string, GrantLevel]>,
  ) {
    return this.exec(() =>
      this.db.transaction(() => {
        this.db.prepare('DELETE FROM room_grants WHERE room_id = ?').run(roomId);
        const add = this.db.prepare(
          'INSERT INTO room_grants (room_id, subject_type, subject_id, level) VALUES (?, ?, ?, ?)',
        );
        for (const [id, level] of groups) add.run(roomId, 'group', id, level);
        for (const [id, level] of users) add.run(roomId, 'user', id, level);
      })(),
    );
  }
}
