import type Database from 'better-sqlite3';
import type {
  DelegationRow,
  DepartmentLinkRow,
  DepartmentRow,
  ManagerRow,
  OrgStore,
} from '../org-store.js';
import type { Exec } from './gate.js';

const LINKS = { heads: 'department_heads', members: 'department_members' } as const;

export class SqliteOrg implements OrgStore {
  constructor(
    private readonly db: Database.Database,
    private readonly exec: Exec,
  ) {}

  version() {
    return this.exec(
      () =>
        this.db.prepare<[], number>('SELECT version FROM org_version WHERE id = 1').pluck().get() ??
        0,
    );
  }

  bumpVersion() {
    return this.exec(
      () =>
        this.db
          .prepare<[], number>(
            'UPDATE org_version SET version = version + 1 WHERE id = 1 RETURNING version',
          )
          .pluck()
          .get() ?? 0,
    );
  }

  departments() {
    return this.exec(() =>
      this.db
        .prepare<[], DepartmentRow>(
          'SELECT * FROM departments ORDER BY parent_id, position, name COLLATE NOCASE, id',
        )
        .all(),
    );
  }

  insertDepartment(row: DepartmentRow) {
    return this.exec(() => {
      this.db
        .prepare(
          `INSERT INTO departments (id, name, parent_id, position, created_at)
           VALUES (@id, @name, @parent_id, @position, @created_at)`,
        )
        .run(row);
    });
  }

  updateDepartment(
    id: string,
    fields: Partial<Pick<DepartmentRow, 'name' | 'parent_id' | 'position'>>,
  ) {
    return this.exec(() => {
      const keys = Object.keys(fields).filter(
        (k) => fields[k as keyof typeof fields] !== undefined,
      );
      if (keys.length === 0) return;
      const set = keys.map((k) => `${k} = @${k}`).join(', ');
      this.db.prepare(`UPDATE departments SET ${set} WHERE id = @id`).run({ ...fields, id });
    });
  }

  deleteDepartment(id: string) {
    return this.exec(() => {
      this.db.prepare('DELETE FROM departments WHERE id = ?').run(id);
    });
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
    return this.exec(() =>
      this.db.prepare<[], ManagerRow>('SELECT * FROM person_managers ORDER BY user_id').all(),
    );
  }

  setManager(userId: string, managerId: string | null) {
    return this.exec(() => {
      if (managerId === null) {
        this.db.prepare('DELETE FROM person_managers WHERE user_id = ?').run(userId);
        return;
      }
      this.db
        .prepare(
          `INSERT INTO person_managers (user_id, manager_id) VALUES (?, ?)
           ON CONFLICT (user_id) DO UPDATE SET manager_id = excluded.manager_id`,
        )
        .run(userId, managerId);
    });
  }

  delegations() {
    return this.exec(() =>
      this.db.prepare<[], DelegationRow>('SELECT * FROM delegations ORDER BY person_id').all(),
    );
  }

  setDelegation(personId: string, delegation: Omit<DelegationRow, 'person_id'> | null) {
    return this.exec(() => {
      if (delegation === null) {
        this.db.prepare('DELETE FROM delegations WHERE person_id = ?').run(personId);
        return;
      }
      this.db
        .prepare(
          `INSERT INTO delegations (person_id, delegate_id, from_date, until_date)
           VALUES (@person_id, @delegate_id, @from_date, @until_date)
           ON CONFLICT (person_id) DO UPDATE SET delegate_id = excluded.delegate_id,
             from_date = excluded.from_date, until_date = excluded.until_date`,
        )
        .run({ ...delegation, person_id: personId });
    });
  }

  private links(kind: keyof typeof LINKS) {
    return this.exec(() =>
      this.db
        .prepare<[], DepartmentLinkRow>(
          `SELECT department_id, user_id FROM ${LINKS[kind]} ORDER BY department_id, user_id`,
        )
        .all(),
    );
  }

  private setLinks(kind: keyof typeof LINKS, departmentId: string, userIds: readonly string[]) {
    return this.exec(() =>
      // One statement set from the caller's point of view: all rows or none.
      this.db.transaction(() => {
        this.db.prepare(`DELETE FROM ${LINKS[kind]} WHERE department_id = ?`).run(departmentId);
        const insert = this.db.prepare(
          `INSERT INTO ${LINKS[kind]} (department_id, user_id) VALUES (?, ?)`,
        );
        for (const userId of new Set(userIds)) insert.run(departmentId, userId);
      })(),
    );
  }
}
