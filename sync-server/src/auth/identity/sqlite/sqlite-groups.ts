import type Database from 'better-sqlite3';
import type { GroupStore } from '../group-store.js';
import type { GroupRow } from '../rows.js';
import type { Exec } from './gate.js';

export class SqliteGroups implements GroupStore {
  constructor(
    private readonly db: Database.Database,
    private readonly exec: Exec,
  ) {}

  all() {
    return this.exec(() => {
      const rows = this.db
        .prepare<[], GroupRow>('SELECT id, name FROM groups ORDER BY name, id')
        .all();
      const members = new Map<string, string[]>();
      const all = this.db
        .prepare<[], { group_id: string; user_id: string }>(
          'SELECT group_id, user_id FROM group_members ORDER BY user_id',
        )
        .all();
      for (const m of all) members.set(m.group_id, [...(members.get(m.group_id) ?? []), m.user_id]);
      return rows.map((row) => ({ ...row, members: members.get(row.id) ?? [] }));
    });
  }

  get(id: string) {
    return this.exec(() =>
      this.db.prepare<[string], GroupRow>('SELECT id, name FROM groups WHERE id = ?').get(id),
    );
  }

  insert(id: string, name: string, at: number) {
    return this.exec(() => {
      this.db
        .prepare('INSERT INTO groups (id, name, created_at) VALUES (?, ?, ?)')
        .run(id, name, at);
    });
  }

  rename(id: string, name: string) {
    return this.exec(() => {
      this.db.prepare('UPDATE groups SET name = ? WHERE id = ?').run(name, id);
    });
  }

  delete(id: string) {
    return this.exec(() =>
      this.db.transaction(() => {
        this.db
          .prepare("DELETE FROM room_grants WHERE subject_type = 'group' AND subject_id = ?")
          .run(id);
        this.db.prepare('DELETE FROM groups WHERE id = ?').run(id);
      })(),
    );
  }

  setMembers(groupId: string, userIds: readonly string[]) {
    return this.exec(() =>
      this.db.transaction(() => {
        this.db.prepare('DELETE FROM group_members WHERE group_id = ?').run(groupId);
        const add = this.db.prepare(
          'INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)',
        );
        for (const userId of userIds) add.run(groupId, userId);
      })(),
    );
  }

  setGroupsOf(userId: string, groupIds: readonly string[]) {
    return this.exec(() =>
      this.db.transaction(() => {
        this.db.prepare('DELETE FROM group_members WHERE user_id = ?').run(userId);
        const add = this.db.prepare(
          'INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)',
        );
        for (const groupId of groupIds) add.run(groupId, userId);
      })(),
    );
  }

  groupsOf(userId: string) {
    return this.exec(() =>
      this.db
        .prepare<[string], string>(
          'SELECT group_id FROM group_members WHERE user_id = ? ORDER BY group_id',
        )
        .pluck()
        .all(userId),
    );
  }
}
