import type { OrgChart } from '../../../shared/org/org-chart.js';
import type { OrgState } from './org-rules.js';

const sorted = (ids: Iterable<string> | undefined) => [...(ids ?? [])].sort();

/**
 * The chart as the API answers it: departments in tree order (by parent, position,
 * name, as the store reads them), people by name, deactivated people kept with
 * active=false [ORG8].
 */
export function orgChartOf(state: OrgState, version: number): OrgChart {
  const departmentsOf = new Map<string, string[]>();
  for (const [departmentId, userIds] of state.members)
    for (const userId of userIds)
      departmentsOf.set(userId, [...(departmentsOf.get(userId) ?? []), departmentId]);
  return {
    version,
    departments: [...state.departments.values()].map((d) => ({
      id: d.id,
      name: d.name,
      parentId: d.parent_id,
      headIds: sorted(state.heads.get(d.id)),
    })),
    people: [...state.people.values()].map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      active: p.active === 1,
      managerId: state.managers.get(p.id) ?? null,
      departmentIds: sorted(departmentsOf.get(p.id)),
    })),
    delegations: [...state.delegations.values()].map((d) => ({
      personId: d.person_id,
      delegateId: d.delegate_id,
      from: d.from_date,
      until: d.until_date,
    })),
  };
}
