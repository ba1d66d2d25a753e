/**
 * The relay's entry point: the only file that reads the environment and listens.
 * It locks DATA_DIR before opening anything in it (data-dir-lock.ts): a second relay
 * on the same directory exits with 1 and says why.
 * SIGTERM/SIGINT store everything queued, close connections with 1001 and exit.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { parseConfig } from './config.js';
import { DataDirLockedError, lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { installProcessGuards } from './process-guard.js';
import { consoleLogger as log } from './logger.js';
import { DiskBlobStore } from './files/blob-store.js';
import { SqliteIdentityStore } from './auth/identity/sqlite/sqlite-identity-store.js';
import { SqlitePersistence } from './persistence/sqlite-persistence.js';

const config = parseConfig(process.env);
const dataDir = resolve(config.DATA_DIR);
mkdirSync(dataDir, { recursive: true });
let lock: DataDirLock;
try {
  lock = lockDataDir(dataDir);
} catch (error) {
  if (!(error instanceof DataDirLockedError)) throw error;
  process.stderr.write(`relay not started: ${error.message}\n`);
  process.exit(1);
}
const persistence = new SqlitePersistence({
  file: join(dataDir, 'relay.sqlite'),
  synchronous: config.SQLITE_SYNCHRONOUS,
});
const identity = new SqliteIdentityStore(join(dataDir, 'identity.sqlite'));
const relayApp = createApp({
  persistence,
  identity,
  clock: systemClock,
  log,
  config,
  blobs: new DiskBlobStore(join(dataDir, 'files')),
  staticDir: resolve(config.STATIC_DIR),
  modelsDir: resolve(config.MODELS_DIR),
});

const server = serve(
  { fetch: relayApp.app.fetch, port: config.PORT, hostname: config.HOST },
  (info: AddressInfo) => {
    log.info('relay started', { dataDir, staticDir: config.STATIC_DIR });
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

let stopping = false;
async function stop(signal: string, exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  // A shutdown that cannot finish (say, storage gone) must still end the process.
  setTimeout(() => process.exit(exitCode || 1), 10_000).unref();
  server.close();
  relayApp.access.stop();
  await relayApp.relay.shutdown();
  await persistence.close();
  await identity.close();
  lock.release();
  server.closeAllConnections();
  process.exit(exitCode);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
installProcessGuards(log, (code) => void stop('fatal error', code));
