import type { Subject } from '../../../../../shared/access/evaluate.js';
import type { PeopleStore } from '../people-store.js';
import type { UserRow } from '../rows.js';
import type { Sql } from './sql.js';
import { setClause } from './set-clause.js';

const USER = 'id, email, name, password_hash, role, active, created_at';

type SubjectRow = Pick<UserRow, 'id' | 'role' | 'active'> & { groups: string[] };

/** A person's groups in the same read as the person: one statement for one or everyone. */
const SUBJECTS = `
  SELECT u.id, u.role, u.active,
         coalesce(array_agg(m.group_id) FILTER (WHERE m.group_id IS NOT NULL), '{}') AS groups
    FROM users u LEFT JOIN group_members m ON m.user_id = u.id`;

export class PostgresPeople implements PeopleStore {
  constructor(private readonly sql: Sql) {}

  async byId(id: string) {
    const [row] = await this.sql.rows<UserRow>(`SELECT ${USER} FROM users WHERE id = $1`, [id]);
    return row;
  }

  async byEmail(email: string) {
    const [row] = await this.sql.rows<UserRow>(`SELECT ${USER} FROM users WHERE email = $1`, [
      email,
    ]);
    return row;
  }

  all() {
    return this.sql.rows<UserRow>(`SELECT ${USER} FROM users ORDER BY lower(name), id`);
  }

  async insert(row: Omit<UserRow, 'active'>) {
    await this.sql.rows(
      `INSERT INTO users (id, email, name, password_hash, role, active, created_at)
       VALUES ($1, $2, $3, $4, $5, 1, $6)`,
      [row.id, row.email, row.name, row.password_hash, row.role, row.created_at],
    );
  }

  async update(
    id: string,
    fields: Partial<Pick<UserRow, 'name' | 'role' | 'active' | 'password_hash'>>,
  ) {
    const set = setClause(fields, ['name', 'role', 'active', 'password_hash'], 2);
    if (!set) return;
    await this.sql.rows(`UPDATE users SET ${set.text} WHERE id = $1`, [id, ...set.values]);
  }

  async subject(id: string) {
    const [row] = await this.sql.rows<SubjectRow>(`${SUBJECTS} WHERE u.id = $1 GROUP BY u.id`, [
      id,
    ]);
    return row ? asSubject(row) : null;
  }

  async subjects() {
    const rows = await this.sql.rows<SubjectRow>(`${SUBJECTS} GROUP BY u.id`);
    return new Map(rows.map((row) => [row.id, asSubject(row)]));
  }
}

function asSubject(row: SubjectRow): Subject {
  return { id: row.id, role: row.role, active: row.active === 1, groups: new Set(row.groups) };
}
