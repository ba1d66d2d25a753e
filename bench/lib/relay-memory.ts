/**
 * Our relay with MemoryPersistence instead of SQLite: the same createApp, rooms and
 * group commit, minus storage. Only a benchmark baseline, to split the relay's cost
 * into "relay logic" and "durability"; never a way to run the relay.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../sync-server/src/app.js';
import { SqliteIdentityStore } from '../../sync-server/src/auth/identity/sqlite/sqlite-identity-store.js';
import { systemClock } from '../../sync-server/src/clock.js';
import { parseConfig } from '../../sync-server/src/config.js';
import { silentLogger } from '../../sync-server/src/logger.js';
import { MemoryPersistence } from '../../sync-server/src/persistence/memory-persistence.js';

const config = parseConfig(process.env);
const dataDir = resolve(config.DATA_DIR);
mkdirSync(dataDir, { recursive: true });
const relayApp = createApp({
  persistence: new MemoryPersistence(),
  identity: new SqliteIdentityStore(join(dataDir, 'identity.sqlite')),
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
