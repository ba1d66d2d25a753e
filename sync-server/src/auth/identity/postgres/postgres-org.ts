import type {
  DelegationRow,
  DepartmentLinkRow,
  DepartmentRow,
  ManagerRow,
  OrgStore,
} from '../org-store.js';
import { setClause } from './set-clause.js';
import type { Sql } from './sql.js';

const LINKS = { heads: 'department_heads', members: 'department_members' } as const;

export class PostgresOrg implements OrgStore {
  constructor(private readonly sql: Sql) {}

  async version() {
    const [row] = await this.sql.rows<{ version: number }>(
      'SELECT version FROM org_version WHERE id = 1',
    );
    return row?.version ?? 0;
  }

  async bumpVersion() {
    const [row] = await this.sql.rows<{ version: number }>(
      'UPDATE org_version SET version = version + 1 WHERE id = 1 RETURNING version',
    );
    return row?.version ?? 0;
  }

  departments() {
    // NULLS FIRST and lower(): the order SQLite gives (NULL first, NOCASE).
    return this.sql.rows<DepartmentRow>(
      `SELECT id, name, parent_id, position, created_at FROM departments
        ORDER BY parent_id NULLS FIRST, position, lower(name), id`,
    );
  }

  async insertDepartment(row: DepartmentRow) {
    await this.sql.rows(
      `INSERT INTO departments (id, name, parent_id, position, created_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [row.id, row.name, row.parent_id, row.position, row.created_at],
    );
  }

  async updateDepartment(
    id: string,
    fields: Partial<Pick<DepartmentRow, 'name' | 'parent_id' | 'position'>>,
  ) {
    const set = setClause(fields, ['name', 'parent_id', 'position'], 2);
    if (!set) return;
    await this.sql.rows(`UPDATE departments SET ${set.text} WHERE id = $1`, [id, ...set.values]);
  }

  async deleteDepartment(id: string) {
    await this.sql.rows('DELETE FROM departments WHERE id = $1', [id]);
  }

  heads() {
    return this.links('heads');
  }

  members() {
    return this.links('members');
  }

  setHeads(departmentId: string, userIds: readonly string[]) {
    return this.setLinks('heads', departmentId, userIds);
  }

  setMembers(departmentId: string, userIds: readonly string[]) {
    return this.setLinks('members', departmentId, userIds);
  }

  managers() {
    return this.sql.rows<ManagerRow>(
      'SELECT user_id, manager_id FROM person_managers ORDER BY user_id',
    );
  }

  async setManager(userId: string, managerId: string | null) {
    if (managerId === null) {
      await this.sql.rows('DELETE FROM person_managers WHERE user_id = $1', [userId]);
      return;
    }
    await this.sql.rows(
      `INSERT INTO person_managers (user_id, manager_id) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET manager_id = excluded.manager_id`,
      [userId, managerId],
    );
  }

  delegations() {
    return this.sql.rows<DelegationRow>(
      'SELECT person_id, delegate_id, from_date, until_date FROM delegations ORDER BY person_id',
    );
  }

  async setDelegation(personId: string, delegation: Omit<DelegationRow, 'person_id'> | null) {
    if (delegation === null) {
      await this.sql.rows('DELETE FROM delegations WHERE person_id = $1', [personId]);
      return;
    }
    await this.sql.rows(
      `INSERT INTO delegations (person_id, delegate_id, from_date, until_date)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (person_id) DO UPDATE SET delegate_id = excluded.delegate_id,
         from_date = excluded.from_date, until_date = excluded.until_date`,
      [personId, delegation.delegate_id, delegation.from_date, delegation.until_date],
    );
  }

  private links(kind: keyof typeof LINKS) {
    return this.sql.rows<DepartmentLinkRow>(
      `SELECT department_id, user_id FROM ${LINKS[kind]} ORDER BY department_id, user_id`,
    );
  }

  private async setLinks(
    kind: keyof typeof LINKS,
    departmentId: string,
    userIds: readonly string[],
  ) {
    await this.sql.atomic(async (sql) => {
      await sql.rows(`DELETE FROM ${LINKS[kind]} WHERE department_id = $1`, [departmentId]);
      await sql.rows(
        `INSERT INTO ${LINKS[kind]} (department_id, user_id)
         SELECT DISTINCT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
        [departmentId, userIds],
      );
    });
  }
}
