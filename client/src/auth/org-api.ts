import {
  OrgImportResult,
  type DelegationBody,
  type DepartmentCreateBody,
  type DepartmentUpdateBody,
} from '../../../shared/api/org.js';
import { OrgChart } from '../../../shared/org/org-chart.js';
import type { ApiRequest } from './api-request.js';

const seg = encodeURIComponent;

/** The org chart endpoints (shared/api/org.ts); each change answers with the new chart. */
export function orgApi(request: ApiRequest) {
  return {
    chart: () => request('GET', '/org', OrgChart),
    createDepartment: (body: DepartmentCreateBody) =>
      request('POST', '/org/departments', OrgChart, body),
    updateDepartment: (id: string, body: DepartmentUpdateBody) =>
      request('PATCH', `/org/departments/${seg(id)}`, OrgChart, body),
    deleteDepartment: (id: string) => request('DELETE', `/org/departments/${seg(id)}`, OrgChart),
    setPeople: (id: string, kind: 'heads' | 'members', userIds: string[]) =>
      request('PUT', `/org/departments/${seg(id)}/${kind}`, OrgChart, { userIds }),
    setManager: (userId: string, managerId: string | null) =>
      request('PUT', `/org/people/${seg(userId)}/manager`, OrgChart, { managerId }),
    setDelegation: (body: DelegationBody) => request('PUT', '/org/delegation', OrgChart, body),
    clearDelegation: () => request('DELETE', '/org/delegation', OrgChart),
    importCsv: (csv: string, dryRun: boolean) =>
      request('POST', '/org/import', OrgImportResult, { csv, dryRun }),
  };
}
