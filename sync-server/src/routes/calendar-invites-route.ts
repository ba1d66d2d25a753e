import type { Hono, MiddlewareHandler } from 'hono';
import { AnswerBody, InviteKey, PublishBody } from '../../../shared/api/calendar-invites.js';
import type { AccessControl } from '../auth/access-control.js';
import { fail } from '../auth/api-failure.js';
import { CalendarInvites } from '../calendar/calendar-invites.js';
import type { Clock } from '../clock.js';
import { body, type ApiContext, type ApiEnv } from './api-context.js';
import { admitUrge } from './approvals-route.js';

const BASE = '/calendar/invites/:calendarId/:eventId';

/** Calendar invites under /api/calendar/invites (table in shared/api/calendar-invites.ts). */
export function calendarInvitesRoutes(
  api: Hono<ApiEnv>,
  auth: MiddlewareHandler<ApiEnv>,
  access: AccessControl,
  deps: { clock: Clock },
): void {
  const now = () => deps.clock.now();
  const invites = new CalendarInvites({
    store: access.store,
    directory: access.directory,
    now,
    admitDing: (userId) => admitUrge(access, userId, now()),
  });
  const user = (c: ApiContext) => c.get('auth').user;
  const key = (c: ApiContext) => {
    const parsed = InviteKey.safeParse(c.req.param());
    if (!parsed.success) throw fail.notFound('invitation');
    return [parsed.data.calendarId, parsed.data.eventId] as const;
  };

  api.get('/calendar/invites', auth, async (c) => c.json(await invites.mine(user(c))));
  api.put(BASE, auth, async (c) =>
    c.json(await invites.publish(user(c), ...key(c), await body(c, PublishBody))),
  );
  api.get(BASE, auth, async (c) => c.json(await invites.detail(user(c), ...key(c))));
  api.post(`${BASE}/answer`, auth, async (c) =>
    c.json(await invites.answer(user(c), ...key(c), await body(c, AnswerBody))),
  );
  api.get(`${BASE}/answers`, auth, async (c) => c.json(await invites.answers(user(c), ...key(c))));
  api.post(`${BASE}/ding`, auth, async (c) => c.json(await invites.ding(user(c), ...key(c))));
}
