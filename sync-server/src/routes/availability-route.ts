import type { Hono, MiddlewareHandler } from 'hono';
import {
  AvailabilityQuery,
  AvailabilitySettings,
  BusyBody,
} from '../../../shared/api/calendar-availability.js';
import { fail } from '../auth/api-failure.js';
import type { AccessControl } from '../auth/access-control.js';
import { AvailabilityService } from '../calendar/availability-service.js';
import { body, type ApiContext, type ApiEnv } from './api-context.js';

/** Availability under /api/calendar (table in shared/api/calendar-availability.ts). */
export function availabilityRoutes(
  api: Hono<ApiEnv>,
  auth: MiddlewareHandler<ApiEnv>,
  access: AccessControl,
  now: () => number,
): void {
  const availability = new AvailabilityService({ store: access.store, now });
  const user = (c: ApiContext) => c.get('auth').user;

  api.put('/calendar/busy', auth, async (c) =>
    c.json(await availability.publish(user(c), await body(c, BusyBody))),
  );
  api.get('/calendar/settings', auth, async (c) => c.json(await availability.settings(user(c))));
  api.put('/calendar/settings', auth, async (c) =>
    c.json(await availability.setSettings(user(c), await body(c, AvailabilitySettings))),
  );
  api.get('/calendar/availability', auth, async (c) => {
    const query = AvailabilityQuery.safeParse(c.req.query());
    if (!query.success) {
      const issue = query.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      throw fail.invalid(`${where}${issue?.message ?? 'invalid query'}`);
    }
    return c.json(await availability.answer(user(c), query.data));
  });
}
