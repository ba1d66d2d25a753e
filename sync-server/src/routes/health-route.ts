import { Hono } from 'hono';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version.js';
import type { Relay } from '../rooms/relay.js';
import { RELAY_VERSION } from '../version.js';

/** `GET /healthz`: liveness plus a few gauges. */
export function healthRoute(relay: Relay): Hono {
  return new Hono().get('/', (c) =>
    c.json({ ok: true, version: RELAY_VERSION, protocol: PROTOCOL_VERSION, ...relay.stats() }),
  );
}
