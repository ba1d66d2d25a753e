/**
 * The org chart's shape rules, as pure functions over an in-memory state, so that a
 * single change and a whole CSV import are checked by the same code [ORG4][ORG5].
 */
import type {
  DelegationRow,
  DepartmentRow,
  IdentityStore,
  UserRow,
} from '../auth/identity/identity-store.js';

export interface OrgState {
  people: Map<string, UserRow>;
  departments: Map<string, DepartmentRow>;
  heads: Map<string, Set<string>>;
  members: Map<string, Set<string>>;
  /** person → manager */
  managers: Map<string, string>;
  delegations: Map<string, DelegationRow>;
}

/** Everything the chart holds, read through `tx` (inside the caller's transaction). */
export async function loadOrgState(tx: IdentityStore): Promise<OrgState> {
  // One after the other: on PostgreSQL `tx` is one connection, which runs one query at a time.
  const people = await tx.people.all();
  const departments = await tx.org.departments();
  const heads = await tx.org.heads();
  const members = await tx.org.members();
  const managers = await tx.org.managers();
  const delegations = await tx.org.delegations();
  const grouped = (links: { department_id: string; user_id: string }[]) => {
    const map = new Map<string, Set<string>>();
    for (const l of links)
      map.set(l.department_id, (map.get(l.department_id) ?? new Set()).add(l.user_id));
    return map;
  };
  return {
    people: new Map(people.map((p) => [p.id, p])),
    departments: new Map(departments.map((d) => [d.id, d])),
    heads: grouped(heads),
    members: grouped(members),
    managers: new Map(managers.map((m) => [m.user_id, m.manager_id])),
    delegations: new Map(delegations.map((d) => [d.person_id, d])),
  };
}

/**
 * The cycle `id` would close if its parent became `parentId`, as names from `id`
 * back to itself ("Finance → Payroll → Finance"); null when there is none.
 */
export function departmentCycle(
  state: OrgState,
  id: string,
  parentId: string | null,
): string[] | null {
  const path = [id];
  for (let at = parentId; at !== null; at = state.departments.get(at)?.parent_id ?? null) {
    path.push(at);
    if (at === id) return path.map((d) => state.departments.get(d)?.name ?? d);
    if (path.length > state.departments.size + 1) break;
  }
  return null;
}

/** Same for managers: the chain from `userId` back to itself if `managerId` became theirs. */
export function managerCycle(
  managers: ReadonlyMap<string, string>,
  people: ReadonlyMap<string, UserRow>,
  userId: string,
  managerId: string | null,
): string[] | null {
  const path = [userId];
  for (let at: string | null | undefined = managerId; at != null; at = managers.get(at)) {
    path.push(at);
    if (at === userId) return path.map((p) => people.get(p)?.name ?? p);
    if (path.length > managers.size + 2) break;
  }
  return null;
}

/** The first id of `ids` that names nobody, or null when all are people. */
export function unknownPerson(state: OrgState, ids: Iterable<string>): string | null {
  for (const id of ids) if (!state.people.has(id)) return id;
  return null;
}

/** Another department under `parentId` already called `name` (case-insensitive) [ORG4]. */
export function siblingNamed(
  state: OrgState,
  parentId: string | null,
  name: string,
  except?: string,
): DepartmentRow | undefined {
  const wanted = name.toLowerCase();
  for (const d of state.departments.values())
    if (d.parent_id === parentId && d.id !== except && d.name.toLowerCase() === wanted) return d;
  return undefined;
}

export const cycleText = (path: readonly string[]) => path.join(' → ');
