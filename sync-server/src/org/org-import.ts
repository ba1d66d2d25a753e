/**
 * The CSV import, planned as a pure function over the chart as it is (ORG.md [ORG10]).
 *
 * The file describes the people it names: each named person's departments, headships
 * and manager become what the file says; people it does not name keep theirs.
 * Departments are found by path ("Company/Finance", names compared without case) and
 * made when missing; an import never deletes a department.
 */
import type { OrgImportError } from '../../../shared/api/org.js';
import { newId, type IdentityStore } from '../auth/identity/identity-store.js';
import { parseCsv } from './org-csv.js';
import { cycleText, managerCycle, type OrgState } from './org-rules.js';

export interface ImportPlan {
  errors: OrgImportError[];
  summary: { rows: number; people: number; departmentsCreated: string[] };
  /** Writes the plan through `tx`; only called when there are no errors. */
  write(tx: IdentityStore, now: number): Promise<void>;
}

const COLUMNS: Record<string, 'email' | 'department' | 'manager' | 'head'> = {
  email: 'email',
  department: 'department',
  departmentpath: 'department',
  manager: 'manager',
  manageremail: 'manager',
  head: 'head',
  ishead: 'head',
};
const YES = new Set(['yes', 'y', 'true', '1', 'x']);
const NO = new Set(['no', 'n', 'false', '0', '']);

interface Row {
  line: number;
  personId: string;
  departmentId: string | null;
  managerId: string | null;
  head: boolean;
}

export function planImport(state: OrgState, csv: string): ImportPlan {
  const errors: OrgImportError[] = [];
  const summary = { rows: 0, people: 0, departmentsCreated: [] as string[] };
  const refused = (): ImportPlan => ({ errors, summary, write: () => Promise.resolve() });
  const parsed = parseCsv(csv);
  if (!parsed.ok) {
    errors.push({ line: parsed.line, reason: parsed.reason });
    return refused();
  }
  const [header, ...records] = parsed.records;
  if (!header) {
    errors.push({
      line: 1,
      reason: 'the file is empty: it needs a header line (email,department,manager,head)',
    });
    return refused();
  }
  const columns = header.fields.map((f) => COLUMNS[f.toLowerCase().replace(/[^a-z]/g, '')]);
  const unknown = header.fields.filter((_, i) => !columns[i]);
  if (unknown.length > 0 || !columns.includes('email') || !columns.includes('department')) {
    errors.push({
      line: header.line,
      reason: `the header must name the columns email, department, manager, head${unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : ''}`,
    });
    return refused();
  }
  const byEmail = new Map([...state.people.values()].map((p) => [p.email.toLowerCase(), p]));
  const created = new Map<
    string,
    { id: string; name: string; parentId: string | null; path: string }
  >();
  const childNamed = (parentId: string | null, name: string) => {
    const wanted = name.toLowerCase();
    for (const d of state.departments.values())
      if (d.parent_id === parentId && d.name.toLowerCase() === wanted) return d.id;
    for (const d of created.values())
      if (d.parentId === parentId && d.name.toLowerCase() === wanted) return d.id;
    return null;
  };
  const rows: Row[] = [];
  const managerLine = new Map<string, { line: number; managerId: string | null }>();
  for (const record of records) {
    summary.rows++;
    const fail = (reason: string) => errors.push({ line: record.line, reason });
    if (record.fields.length !== header.fields.length) {
      fail(`expected ${header.fields.length} fields, found ${record.fields.length}`);
      continue;
    }
    const cell = (name: string) => (record.fields[columns.indexOf(name as never)] ?? '').trim();
    const email = cell('email').toLowerCase();
    const person = byEmail.get(email);
    if (!person) {
      fail(email ? `no person with the email ${email}` : 'the email is empty');
      continue;
    }
    const managerEmail = cell('manager').toLowerCase();
    const manager = managerEmail ? byEmail.get(managerEmail) : null;
    if (manager === undefined) fail(`no person with the email ${managerEmail} to be the manager`);
    else if (manager?.id === person.id) fail(`${email} cannot be their own manager`);
    const headCell = cell('head').toLowerCase();
    const head = YES.has(headCell);
    if (!head && !NO.has(headCell)) fail(`head must be yes or no, not "${cell('head')}"`);
    const path = cell('department');
    const segments = path ? path.split('/').map((s) => s.trim()) : [];
    if (segments.some((s) => s === '' || s.length > 200)) {
      fail(
        `the department path "${path}" has an empty or too long name (names are 1 to 200 characters, separated by /)`,
      );
      continue;
    }
    if (head && segments.length === 0) fail('a head needs a department');
    if (manager === undefined || manager?.id === person.id) continue;
    const earlier = managerLine.get(person.id);
    if (earlier && earlier.managerId !== (manager?.id ?? null)) {
      fail(`${email} is given another manager on line ${earlier.line}`);
      continue;
    }
    managerLine.set(person.id, { line: record.line, managerId: manager?.id ?? null });
    let departmentId: string | null = null;
    for (const [depth, name] of segments.entries()) {
      const found = childNamed(departmentId, name);
      if (found) departmentId = found;
      else {
        const id = newId();
        created.set(id, {
          id,
          name,
          parentId: departmentId,
          path: segments.slice(0, depth + 1).join('/'),
        });
        departmentId = id;
      }
    }
    rows.push({
      line: record.line,
      personId: person.id,
      departmentId,
      managerId: manager?.id ?? null,
      head,
    });
  }
  // The managers as they would be, checked for circles as a whole [ORG5].
  const managers = new Map(state.managers);
  for (const [personId, { managerId }] of managerLine)
    if (managerId) managers.set(personId, managerId);
    else managers.delete(personId);
  for (const [personId, { line, managerId }] of managerLine) {
    const cycle = managerCycle(managers, state.people, personId, managerId);
    if (cycle) errors.push({ line, reason: `a circle of managers: ${cycleText(cycle)}` });
  }
  errors.sort((a, b) => a.line - b.line);
  const named = new Set(rows.map((r) => r.personId));
  summary.people = named.size;
  summary.departmentsCreated = [...created.values()].map((d) => d.path);
  if (errors.length > 0) return refused();

  const write = async (tx: IdentityStore, now: number) => {
    const positions = new Map<string | null, number>();
    for (const d of state.departments.values())
      positions.set(d.parent_id, Math.max(positions.get(d.parent_id) ?? 0, d.position + 1));
    for (const d of created.values()) {
      const position = positions.get(d.parentId) ?? 0;
      positions.set(d.parentId, position + 1);
      await tx.org.insertDepartment({
        id: d.id,
        name: d.name,
        parent_id: d.parentId,
        position,
        created_at: now,
      });
    }
    for (const kind of ['members', 'heads'] as const) {
      const before = kind === 'heads' ? state.heads : state.members;
      const after = new Map<string, Set<string>>();
      for (const [departmentId, people] of before)
        after.set(departmentId, new Set([...people].filter((p) => !named.has(p))));
      for (const row of rows)
        if (row.departmentId && (kind === 'members' || row.head))
          after.set(row.departmentId, (after.get(row.departmentId) ?? new Set()).add(row.personId));
      for (const [departmentId, people] of after) {
        const old = before.get(departmentId) ?? new Set();
        if (old.size === people.size && [...people].every((p) => old.has(p))) continue;
        if (kind === 'heads') await tx.org.setHeads(departmentId, [...people]);
        else await tx.org.setMembers(departmentId, [...people]);
      }
    }
    for (const [personId, { managerId }] of managerLine)
      if ((state.managers.get(personId) ?? null) !== managerId)
        await tx.org.setManager(personId, managerId);
  };
  return { errors, summary, write };
}
