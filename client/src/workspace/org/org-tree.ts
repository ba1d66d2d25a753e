import type { Department, OrgChart, OrgPerson } from '../../../../shared/org/org-chart.js';

export interface TreeRow {
  department: Department;
  depth: number;
  /** "Company / Finance" */
  path: string;
}

/** The departments in tree order (the relay sends them by parent and position). */
export function departmentTree(chart: OrgChart): TreeRow[] {
  const children = new Map<string | null, Department[]>();
  for (const d of chart.departments)
    children.set(d.parentId, [...(children.get(d.parentId) ?? []), d]);
  const rows: TreeRow[] = [];
  const walk = (parentId: string | null, depth: number, prefix: string) => {
    for (const department of children.get(parentId) ?? []) {
      const path = prefix ? `${prefix} / ${department.name}` : department.name;
      rows.push({ department, depth, path });
      walk(department.id, depth + 1, path);
    }
  };
  walk(null, 0, '');
  return rows;
}

/** A department and every department under it. */
export function subtreeIds(chart: OrgChart, id: string): Set<string> {
  const ids = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const d of chart.departments)
      if (d.parentId && ids.has(d.parentId) && !ids.has(d.id)) grew = ids.add(d.id).size > 0;
  }
  return ids;
}

export function reportsOf(chart: OrgChart, personId: string): OrgPerson[] {
  return chart.people.filter((p) => p.managerId === personId);
}
