import { Hono, type MiddlewareHandler } from 'hono';
import type { CalendarFeeds } from '../calendar/calendar-feeds.js';
import { clientAddress, type ApiContext, type ApiEnv } from './api-context.js';

/**
 * POST/GET /api/calendar/:calendarId/subscription and DELETE …/:id (table in
 * shared/api/calendar-feeds.ts). `publicUrl` (PUBLIC_URL) is the origin the URLs
 * name; without it, the origin the request came to.
 */
export function calendarFeedRoutes(
  api: Hono<ApiEnv>,
  auth: MiddlewareHandler<ApiEnv>,
  feeds: CalendarFeeds,
  publicUrl: string | null,
): void {
  const user = (c: ApiContext) => c.get('auth').user;
  api.post('/calendar/:calendarId/subscription', auth, async (c) => {
    const origin = publicUrl ?? new URL(c.req.url).origin;
    return c.json(await feeds.create(user(c), c.req.param('calendarId'), origin), 201);
  });
  api.get('/calendar/:calendarId/subscription', auth, async (c) =>
    c.json(await feeds.list(user(c), c.req.param('calendarId'))),
  );
  api.delete('/calendar/:calendarId/subscription/:id', auth, async (c) => {
    await feeds.revoke(user(c), c.req.param('calendarId'), c.req.param('id'));
    return c.json({});
  });
}

/** GET /ics/<token>.ics: the calendar as iCalendar, for whoever holds the URL [CAL61]. */
export function icsRoute(feeds: CalendarFeeds): Hono {
  const route = new Hono();
  route.get('/:file', async (c) => {
    const token = /^(.*)\.ics$/.exec(c.req.param('file'))?.[1] ?? '';
    const answer = await feeds.serve(token, clientAddress(c), c.req.header('if-none-match'));
    const common = { 'cache-control': 'private, no-cache', 'x-robots-tag': 'noindex' };
    switch (answer.kind) {
      case 'missing':
        return c.text('not found', 404, { 'cache-control': 'no-store' });
      case 'limited':
        return c.text('too many requests', 429, {
          'retry-after': String(Math.max(1, Math.ceil(answer.retryAfterMs / 1000))),
        });
      case 'unavailable':
        return c.text(answer.reason, 503, { 'retry-after': '60' });
      case 'unchanged':
        return c.body(null, 304, { ...common, etag: answer.etag });
      case 'calendar':
        return c.body(answer.body, 200, {
          ...common,
          etag: answer.etag,
          'content-type': 'text/calendar; charset=utf-8',
          'content-disposition': `inline; filename="${encodeURIComponent(answer.name) || 'calendar'}.ics"`,
        });
    }
  });
  return route;
}
