import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { PrometheusMetrics } from '../metrics/prometheus-metrics.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * `GET /metrics`: the Prometheus text exposition [METRIC1]. With `token` set, only
 * `Authorization: Bearer <token>` gets it; anything else is 401 [METRIC6]. The
 * comparison runs over SHA-256 digests so that it takes the same time whatever the
 * length or prefix of the guess.
 */
export function metricsRoute(metrics: PrometheusMetrics, token: string | undefined): Hono {
  const expected = token ? digest(token) : null;
  return new Hono().get('/', async (c) => {
    if (expected) {
      const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
      if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"');
        return c.json({ code: 'unauthenticated', message: 'metrics token required' }, 401);
      }
    }
    const { body, contentType } = await metrics.scrape();
    return c.body(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
  });
}
