import type Database from 'better-sqlite3';
import type { Subject } from '../../../../../shared/access/evaluate.js';
import type { PeopleStore } from '../people-store.js';
import type { UserRow } from '../rows.js';
import type { Exec } from './gate.js';

export class SqlitePeople implements PeopleStore {
  constructor(
    private readonly db: Database.Database,
    private readonly exec: Exec,
  ) {}

  byId(id: string) {
    return this.exec(() =>
      this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?').get(id),
    );
  }

  byEmail(email: string) {
    return this.exec(() =>
      this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?').get(email),
    );
  }

  all() {
    return this.exec(() =>
      this.db.prepare<[], UserRow>('SELECT * FROM users ORDER BY name COLLATE NOCASE, id').all(),
    );
  }

  insert(row: Omit<UserRow, 'active'>) {
    return this.exec(() => {
      this.db
        .prepare(
          `INSERT INTO users (id, email, name, password_hash, role, active, created_at)
           VALUES (@id, @email, @name, @password_hash, @role, 1, @created_at)`,
        )
        .run(row);
    });
  }

  update(id: string, fields: Partial<Pick<UserRow, 'name' | 'role' | 'active' | 'password_hash'>>) {
    return this.exec(() => {
      const keys = Object.keys(fields);
      if (keys.length === 0) return;
      const set = keys.map((k) => `${k} = @${k}`).join(', ');
      this.db.prepare(`UPDATE users SET ${set} WHERE id = @id`).run({ ...fields, id });
    });
  }

  subject(id: string) {
    return this.exec((): Subject | null => {
      const user = this.db
        .prepare<[string], Pick<UserRow, 'id' | 'role' | 'active'>>(
          'SELECT id, role, active FROM users WHERE id = ?',
        )
        .get(id);
      if (!user) return null;
      const groups = this.db
        .prepare<[string], string>('SELECT group_id FROM group_members WHERE user_id = ?')
        .pluck()
        .all(id);
      return { id: user.id, role: user.role, active: user.active === 1, groups: new Set(groups) };
    });
  }

  subjects() {
    return this.exec(() => {
      const groups = new Map<string, Set<string>>();
      const members = this.db
        .prepare<[], { group_id: string; user_id: string }>(
          'SELECT group_id, user_id FROM group_members',
        )
        .all();
      for (const m of members)
        groups.set(m.user_id, (groups.get(m.user_id) ?? new Set()).add(m.group_id));
      const users = this.db
        .prepare<[], Pick<UserRow, 'id' | 'role' | 'active'>>('SELECT id, role, active FROM users')
        .all();
      return new Map<string, Subject>(
        users.map((u) => [
          u.id,
          { id: u.id, role: u.role, active: u.active === 1, groups: groups.get(u.id) ?? new Set() },
        ]),
      );
    });
  }
}
