/** A department as stored: `position` orders it among its siblings. */
export interface DepartmentRow {
  id: string;
  name: string;
  parent_id: string | null;
  position: number;
  created_at: number;
}

/** A person's place in a department: as a head, or as a member. */
export interface DepartmentLinkRow {
  department_id: string;
  user_id: string;
}

export interface ManagerRow {
  user_id: string;
  manager_id: string;
}

/** Out-of-office: `from_date <= today < until_date` (ISO dates). */
export interface DelegationRow {
  person_id: string;
  delegate_id: string;
  from_date: string;
  until_date: string;
}

/**
 * The org chart (departments, heads, members, managers, delegations) and its version,
 * bumped once per change so that a resolved approval route can name the chart it used.
 * The store keeps rows and their foreign keys; the rules (no cycles, people who exist)
 * are checked by the caller inside the same transaction (org/org-chart-admin.ts).
 */
export interface OrgStore {
  version(): Promise<number>;
  /** Adds one to the version and returns it. */
  bumpVersion(): Promise<number>;
  /** Every department, by parent, position, then name. */
  departments(): Promise<DepartmentRow[]>;
  insertDepartment(row: DepartmentRow): Promise<void>;
  updateDepartment(
    id: string,
    fields: Partial<Pick<DepartmentRow, 'name' | 'parent_id' | 'position'>>,
  ): Promise<void>;
  /** Its heads and members go with it; the caller refuses one with children. */
  deleteDepartment(id: string): Promise<void>;
  heads(): Promise<DepartmentLinkRow[]>;
  members(): Promise<DepartmentLinkRow[]>;
  setHeads(departmentId: string, userIds: readonly string[]): Promise<void>;
  setMembers(departmentId: string, userIds: readonly string[]): Promise<void>;
  managers(): Promise<ManagerRow[]>;
  /** null: no manager. */
  setManager(userId: string, managerId: string | null): Promise<void>;
  delegations(): Promise<DelegationRow[]>;
  /** null: back in office. */
  setDelegation(
    personId: string,
    delegation: Omit<DelegationRow, 'person_id'> | null,
  ): Promise<void>;
}
