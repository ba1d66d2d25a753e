/**
 * The relay's entry point: the only file that reads the environment and listens.
 * It opens the stores (stores.ts): SQLite in DATA_DIR, locked so that a second relay
 * on the same directory exits with 1 and says why; or, with DATABASE_URL and
 * REDIS_URL, PostgreSQL and Redis shared with other relays.
 * With BACKUP_DIR it checks that directory takes files and takes scheduled backups.
 * SIGTERM/SIGINT store everything queued, close connections with 1001 and exit.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { backupInChildProcess } from './backup/backup-process.js';
import { BackupDirError, checkBackupDir, startBackupSchedule } from './backup/backup-schedule.js';
import { systemClock } from './clock.js';
import { ConfigError, parseConfig, type Config } from './config.js';
import { DataDirLockedError } from './data-dir-lock.js';
import { installProcessGuards } from './process-guard.js';
import { createLogger } from './logger.js';
import { ssoSettings, SsoConfigError, type SsoSettings } from './auth/sso/sso-settings.js';
import { openStores, StoresConfigError, type Stores } from './stores.js';

let config: Config;
let sso: SsoSettings | null;
try {
  config = parseConfig(process.env);
  sso = ssoSettings(config);
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof SsoConfigError)) throw error;
  process.stderr.write(`relay not started: ${error.message}\n`);
  process.exit(1);
}
const log = createLogger(config.LOG_LEVEL);
let stores: Stores;
try {
  if (config.BACKUP_DIR) checkBackupDir(resolve(config.BACKUP_DIR));
  stores = await openStores(config, log);
} catch (error) {
  if (!(
    error instanceof DataDirLockedError ||
    error instanceof StoresConfigError ||
    error instanceof BackupDirError
  ))
    throw error;
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
  sso,
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
// Node closes an idle keep-alive connection after 5 s; a client (a reverse proxy, a
// browser, a test's HTTP client) that sends on it at that moment gets ECONNRESET. Keep
// idle connections longer than the usual proxy idle timeout (60 s) so the client
// closes first.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
relayApp.attach(server);
relayApp.retention.start();

const stopBackups = config.BACKUP_DIR
  ? startBackupSchedule({
      dir: resolve(config.BACKUP_DIR),
      intervalMs: config.BACKUP_INTERVAL_HOURS * 3_600_000,
      keep: config.BACKUP_KEEP,
      bus: stores.bus,
      clock: systemClock,
      log,
      backup: backupInChildProcess({
        DATA_DIR: resolve(config.DATA_DIR),
        FILES_DIR: resolve(config.FILES_DIR ?? join(config.DATA_DIR, 'files')),
        DATABASE_URL: config.DATABASE_URL,
      }),
    })
  : () => {};

let stopping = false;
async function stop(signal: string, exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  // A shutdown that cannot finish (say, storage gone) must still end the process.
  setTimeout(() => process.exit(exitCode || 1), 10_000).unref();
  server.close();
  stopBackups();
  relayApp.access.stop();
  relayApp.sso?.stop();
  relayApp.retention.stop();
  await relayApp.relay.shutdown();
  await stores.close();
  server.closeAllConnections();
  process.exit(exitCode);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
installProcessGuards(log, (code) => void stop('fatal error', code));
