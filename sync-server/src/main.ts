/**
 * The relay's entry point: the only file that reads the environment and listens.
 * It opens the stores (stores.ts): SQLite in DATA_DIR, locked so that a second relay
 * on the same directory exits with 1 and says why; or, with DATABASE_URL and
 * REDIS_URL, PostgreSQL and Redis shared with other relays.
 * SIGTERM/SIGINT store everything queued, close connections with 1001 and exit.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { parseConfig } from './config.js';
import { DataDirLockedError } from './data-dir-lock.js';
import { installProcessGuards } from './process-guard.js';
import { consoleLogger as log } from './logger.js';
import { openStores, StoresConfigError, type Stores } from './stores.js';

const config = parseConfig(process.env);
let stores: Stores;
try {
  stores = await openStores(config, log);
} catch (error) {
  if (!(error instanceof DataDirLockedError || error instanceof StoresConfigError)) throw error;
  process.stderr.write(`relay not started: ${error.message}\n`);
  process.exit(1);
}
const relayApp = createApp({
  persistence: stores.persistence,
  identity: stores.identity,
  bus: stores.bus,
  ...(stores.limits && { limits: stores.limits }),
  readiness: stores.readiness,
  clock: systemClock,
  log,
  config,
  blobs: stores.blobs,
  staticDir: resolve(config.STATIC_DIR),
  modelsDir: resolve(config.MODELS_DIR),
});

const server = serve(
  { fetch: relayApp.app.fetch, port: config.PORT, hostname: config.HOST },
  (info: AddressInfo) => {
    log.info('relay started', { stores: stores.describe, staticDir: config.STATIC_DIR });
    const models = relayApp.models.list();
    process.stdout.write(
      models.length > 0
        ? `AI models: ${models.map((m) => `${m.name} (${m.role})`).join(', ')}\n`
        : `AI models: none in ${resolve(config.MODELS_DIR)}; summaries use the built-in extractive method (README, "On-device AI")\n`,
    );
    process.stdout.write(`listening on http://localhost:${info.port}\n`);
    void relayApp.access.accounts.needsSetup().then((needed) => {
      if (!needed) return;
      process.stdout.write(
        `no workspace yet: open http://localhost:${info.port}/setup to create it, or run "npm run admin -- create-workspace"\n`,
      );
    });
  },
) as Server;
relayApp.attach(server);
relayApp.retention.start();

let stopping = false;
async function stop(signal: string, exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  // A shutdown that cannot finish (say, storage gone) must still end the process.
  setTimeout(() => process.exit(exitCode || 1), 10_000).unref();
  server.close();
  relayApp.access.stop();
  relayApp.retention.stop();
  await relayApp.relay.shutdown();
  await stores.close();
  server.closeAllConnections();
  process.exit(exitCode);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
installProcessGuards(log, (code) => void stop('fatal error', code));
