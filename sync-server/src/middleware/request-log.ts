import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** An id a proxy may set: short, and nothing that could forge a log line or a header. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Routes a scraper or a load balancer polls every few seconds: logged at debug only. */
const POLLED = new Set(['/metrics', '/healthz', '/readyz']);

/**
 * Gives every HTTP request an id (the caller's `x-request-id` when it is short and
 * safe, else a new UUID), returns it in the `x-request-id` response header, and logs
 * one access line when the answer is ready [METRIC7]. The line names the matched
 * route pattern, never the raw path or query, which may hold an invite token or an
 * access token (`/sync?token=`) [METRIC8]. A WebSocket upgrade is logged at 101.
 */
export function requestLog(log: Logger, metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header(REQUEST_ID_HEADER);
    const requestId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    await next();
    // @hono/node-ws answers an accepted upgrade with a placeholder 200 and lets ws
    // write the real 101; count and log what the client got.
    const upgraded = c.res.status === 200 && c.req.header('upgrade')?.toLowerCase() === 'websocket';
    const status = upgraded ? 101 : c.res.status;
    // The route that answered (not the last one matched, which may be a catch-all).
    const route = routePath(c, c.req.routeIndex);
    try {
      c.header(REQUEST_ID_HEADER, requestId);
    } catch {
      // An upgrade's 101 has immutable headers; its id is in the log line alone.
    }
    const seconds = (performance.now() - started) / 1000;
    metrics.http(c.req.method, route, status, seconds);
    const line = {
      requestId,
      method: c.req.method,
      route,
      status,
      ms: Math.round(seconds * 10_000) / 10,
    };
    if (POLLED.has(route)) log.debug('request', line);
    else log.info('request', line);
  };
}

/** The id requestLog gave this request (for the lines of a socket it opens). */
export function requestIdOf(c: Context): string | undefined {
  return (c.get as (key: string) => unknown)('requestId') as string | undefined;
}
