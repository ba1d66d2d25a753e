import { Hono } from 'hono';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version.js';
import type { Relay } from '../rooms/relay.js';
import { RELAY_VERSION } from '../version.js';

/**
 * `GET /healthz`: liveness plus a few gauges. `quarantined` counts rooms whose stored
 * state is damaged [ISO3]; their ids are for operators only (`npm run admin -- rooms`).
 */
export function healthRoute(relay: Relay): Hono {
  return new Hono().get('/', async (c) => {
    const quarantined = await relay.quarantined().catch(() => null);
    return c.json({
      ok: true,
      version: RELAY_VERSION,
      protocol: PROTOCOL_VERSION,
      ...relay.stats(),
      quarantined,
    });
  });
}
