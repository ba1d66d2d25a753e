import { Hono } from 'hono';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version.js';
import type { Relay } from '../rooms/relay.js';
import type { ReadinessCheck } from '../stores.js';
import { runChecks } from './readiness-checks.js';
import { RELAY_VERSION } from '../version.js';

/**
 * `GET /healthz`: liveness plus a few gauges, and the state of the shared stores
 * (PostgreSQL, Redis) when there are any; it answers 200 while the process serves
 * HTTP, since restarting a relay does not bring a store back. `quarantined` counts
 * rooms whose stored state is damaged [ISO3]; their ids are for operators only
 * (`npm run admin -- rooms`).
 *
 * `GET /readyz`: 200 when every store the relay needs answers, else 503 naming the
 * ones that do not, so that a load balancer sends no new clients to a relay that
 * would refuse them (a relay that cannot hear Redis fails closed [SCALE5]).
 */
export function healthRoute(
  relay: Relay,
  checks: readonly ReadinessCheck[],
): { liveness: Hono; readiness: Hono } {
  const liveness = new Hono().get('/', async (c) => {
    const [quarantined, stores] = await Promise.all([
      relay.quarantined().catch(() => null),
      runChecks(checks),
    ]);
    return c.json({
      ok: true,
      version: RELAY_VERSION,
      protocol: PROTOCOL_VERSION,
      ...relay.stats(),
      quarantined,
      ...(checks.length > 0 && { stores }),
    });
  });
  const readiness = new Hono().get('/', async (c) => {
    const stores = await runChecks(checks);
    const ready = Object.values(stores).every((state) => state === 'ok');
    return c.json({ ready, stores }, ready ? 200 : 503);
  });
  return { liveness, readiness };
}
