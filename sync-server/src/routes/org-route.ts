import type { Hono, MiddlewareHandler } from 'hono';
import {
  DelegationBody,
  DepartmentCreateBody,
  DepartmentUpdateBody,
  ManagerBody,
  OrgImportBody,
  PeopleBody,
} from '../../../shared/api/org.js';
import type { ApprovalReroutes } from '../approvals/approval-reroute.js';
import type { AccessControl } from '../auth/access-control.js';
import { OrgChartAdmin } from '../org/org-chart-admin.js';
import { body, type ApiEnv } from './api-context.js';

/** The org chart under /api/org (table in shared/api/org.ts, rules in ORG.md). */
export function orgRoutes(
  api: Hono<ApiEnv>,
  auth: MiddlewareHandler<ApiEnv>,
  access: AccessControl,
  now: () => number,
  reroutes: Pick<ApprovalReroutes, 'movePlacesOf'>,
): void {
  const org = new OrgChartAdmin({ store: access.store, now });
  api.get('/org', auth, async (c) => c.json(await org.chart(c.get('auth').user)));
  api.post('/org/departments', auth, async (c) =>
    c.json(
      await org.createDepartment(c.get('auth').user, await body(c, DepartmentCreateBody)),
      201,
    ),
  );
  api.patch('/org/departments/:id', auth, async (c) =>
    c.json(
      await org.updateDepartment(
        c.get('auth').user,
        c.req.param('id'),
        await body(c, DepartmentUpdateBody),
      ),
    ),
  );
  api.delete('/org/departments/:id', auth, async (c) =>
    c.json(await org.deleteDepartment(c.get('auth').user, c.req.param('id'))),
  );
  for (const kind of ['heads', 'members'] as const)
    api.put(`/org/departments/:id/${kind}`, auth, async (c) => {
      const { userIds } = await body(c, PeopleBody);
      return c.json(await org.setPeople(c.get('auth').user, kind, c.req.param('id'), userIds));
    });
  api.put('/org/people/:id/manager', auth, async (c) => {
    const { managerId } = await body(c, ManagerBody);
    return c.json(await org.setManager(c.get('auth').user, c.req.param('id'), managerId));
  });
  api.put('/org/delegation', auth, async (c) => {
    const chart = await org.setDelegation(c.get('auth').user, await body(c, DelegationBody));
    // [APPR80] away from today: the steps waiting for them go to the delegate now.
    await reroutes.movePlacesOf(c.get('auth').user.id);
    return c.json(chart);
  });
  api.delete('/org/delegation', auth, async (c) =>
    c.json(await org.setDelegation(c.get('auth').user, null)),
  );
  api.post('/org/import', auth, async (c) => {
    const { csv, dryRun } = await body(c, OrgImportBody);
    return c.json(await org.importCsv(c.get('auth').user, csv, dryRun));
  });
}
