/**
 * Our relay with MemoryPersistence instead of SQLite: the same createApp, rooms and
 * group commit, minus storage. Only a benchmark baseline, to split the relay's cost
 * into "relay logic" and "durability"; never a way to run the relay.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../sync-server/src/app.js';
import { systemClock } from '../../sync-server/src/clock.js';
import { parseConfig } from '../../sync-server/src/config.js';
import { silentLogger } from '../../sync-server/src/logger.js';
import { MemoryPersistence } from '../../sync-server/src/persistence/memory-persistence.js';

const config = parseConfig(process.env);
const relayApp = createApp({
  persistence: new MemoryPersistence(),
  clock: systemClock,
  log: silentLogger,
  config,
});
const server = serve(
  { fetch: relayApp.app.fetch, port: config.PORT, hostname: config.HOST },
  (info: AddressInfo) => process.stdout.write(`listening on http://localhost:${info.port}\n`),
) as Server;
relayApp.attach(server);
process.on('SIGTERM', () => process.exit(0));
