import type { OrgChart, OrgPerson } from '../../../../shared/org/org-chart.js';
import {
  Template,
  type ApproverSource,
  type Condition,
  type FlowStep,
  type StepMode,
} from '../../../../shared/approvals/template.js';

/**
 * A small company: co (ceo) > eng (eh) > web (wh), and co > fin (two heads fh1, fh2).
 * Managers: dev -> wh -> eh -> ceo; fh1, fh2 -> ceo; admin1 is the only admin.
 */
export function orgChart(edit: (org: OrgChart) => void = () => {}): OrgChart {
  const person = (
    id: string,
    managerId: string | null,
    departmentIds: string[],
    role: OrgPerson['role'] = 'member',
  ): OrgPerson => ({
    id,
    name: id.toUpperCase(),
    role,
    active: true,
    managerId,
    departmentIds,
  });
  const org: OrgChart = {
    version: 7,
    departments: [
      { id: 'co', name: 'Company', parentId: null, headIds: ['ceo'] },
      { id: 'eng', name: 'Engineering', parentId: 'co', headIds: ['eh'] },
      { id: 'web', name: 'Web', parentId: 'eng', headIds: ['wh'] },
      { id: 'fin', name: 'Finance', parentId: 'co', headIds: ['fh1', 'fh2'] },
      { id: 'empty', name: 'No head', parentId: 'co', headIds: [] },
    ],
    people: [
      person('ceo', null, ['co'], 'owner'),
      person('admin1', 'ceo', ['co'], 'admin'),
      person('eh', 'ceo', ['eng']),
      person('wh', 'eh', ['web']),
      person('dev', 'wh', ['web']),
      person('dev2', 'wh', ['web']),
      person('fh1', 'ceo', ['fin']),
      person('fh2', 'ceo', ['fin']),
    ],
    delegations: [],
  };
  edit(org);
  return org;
}

export function deactivate(org: OrgChart, ...ids: string[]): void {
  for (const p of org.people) if (ids.includes(p.id)) p.active = false;
}

export const approve = (
  id: string,
  mode: StepMode,
  approvers: ApproverSource[],
  when?: Condition,
): FlowStep =>
  when ? { kind: 'approve', id, mode, approvers, when } : { kind: 'approve', id, mode, approvers };

export const cc = (id: string, recipients: ApproverSource[]): FlowStep => ({
  kind: 'cc',
  id,
  recipients,
});

/** An expense template: an amount, a department and a person field, and the given flow. */
export function template(flow: FlowStep[]): Template {
  return Template.parse({
    id: 'expense',
    version: 1,
    name: 'Expense',
    fields: [
      { id: 'amount', label: 'Amount', type: 'money', required: true, currencies: ['EUR', 'USD'] },
      {
        id: 'kind',
        label: 'Kind',
        type: 'choice',
        required: false,
        multiple: false,
        options: ['travel', 'hardware'],
      },
      { id: 'dept', label: 'Charge to', type: 'department', required: false },
      { id: 'reviewer', label: 'Reviewer', type: 'person', required: false },
    ],
    flow,
  });
}

export const NOW = '2025-03-10T12:00:00.000Z';
