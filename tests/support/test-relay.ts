import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, type AppDeps } from '../../sync-server/src/app.js';
import { systemClock } from '../../sync-server/src/clock.js';
import { ConfigSchema } from '../../sync-server/src/config.js';
import { silentLogger } from '../../sync-server/src/logger.js';
import type { BlobStore } from '../../sync-server/src/files/blob-store.js';
import type { Persistence } from '../../sync-server/src/persistence/persistence.js';
import type { Relay } from '../../sync-server/src/rooms/relay.js';
import type { RetentionSweeper } from '../../sync-server/src/retention/retention-sweep.js';
import type { AccessControl } from '../../sync-server/src/auth/access-control.js';
import type { SsoSignIn } from '../../sync-server/src/auth/sso/sso-sign-in.js';
import type { UserRow } from '../../sync-server/src/auth/identity/identity-store.js';
import { SqliteIdentityStore } from '../../sync-server/src/auth/identity/sqlite/sqlite-identity-store.js';
import { openWorkspaceRoom, SEED_OWNER } from './workspace-seed.js';
import { createTestClient, type TestClient, type TestClientOptions } from './test-client.js';

export const OWNER = SEED_OWNER;

export interface TestRelay {
  port: number;
  /** Base URL for WebsocketProvider: ws://127.0.0.1:PORT/sync */
  wsUrl: string;
  httpUrl: string;
  relay: Relay;
  /** Retention enforcement; its timer is not started (tests call sweep()). */
  retention: RetentionSweeper;
  persistence: Persistence;
  access: AccessControl;
  /** Single sign-on, when `sso` was given. */
  sso: SsoSignIn | null;
  identity: SqliteIdentityStore;
  /** The workspace owner, created on first start (null with `seed: false`). */
  owner: UserRow | null;
  /** An hour-long access token for the owner. */
  token: string;
  /** Registers the room (whole workspace may write) if it is new. */
  openRoom(room: string): void;
  /** The room's WebSocket URL with the owner's token, for raw sockets. */
  roomUrl(room: string): string;
  /** A stock y-websocket client of the owner in an open room. */
  client(room: string, options?: TestClientOptions): TestClient;
  /** Graceful stop (like SIGTERM); closes the persistence too. */
  stop(): Promise<void>;
  /** Abrupt stop: sockets drop and storage closes before queued work is written. */
  crash(): Promise<void>;
}

export interface TestRelayOptions {
  persistence: Persistence;
  port?: number;
  config?: Partial<AppDeps['config']>;
  log?: AppDeps['log'];
  /** identity.sqlite to use; pass the same file to a restarted relay. Default: a new temp file. */
  identityFile?: string;
  /** Create the workspace and owner on start (default true). */
  seed?: boolean;
  clock?: AppDeps['clock'];
  /** Password hashing (default scrypt), e.g. wrapped to count the work done. */
  passwords?: AppDeps['passwords'];
  /** MODELS_DIR for the AI model routes. */
  modelsDir?: string | undefined;
  /** Where uploaded file bytes go (default: in memory). */
  blobs?: BlobStore;
  /** Update admission limits (default ADMISSION_LIMITS). */
  admission?: AppDeps['admission'];
  /** What crosses relays (default: in-process, nothing crosses); closed by stop() and crash(). */
  bus?: AppDeps['bus'];
  /** Grace period of gap repair [SCALE3]. */
  gapGraceMs?: number;
  /** Where rate limits live (default: this relay's memory); closed by stop() and crash(). */
  limits?: AppDeps['limits'];
  /** Single sign-on settings (sso-settings.ts); default none. */
  sso?: AppDeps['sso'];
}

/** A fresh temp path for an identity database. */
export function tempIdentityFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'identity-')), 'identity.sqlite');
}

/** A real relay in this process on a real port (0 = any free port). */
export async function startTestRelay(options: TestRelayOptions): Promise<TestRelay> {
  const config = { ...ConfigSchema.parse({}), ...options.config };
  const identity = new SqliteIdentityStore(options.identityFile ?? tempIdentityFile());
  const relayApp = createApp({
    persistence: options.persistence,
    identity,
    clock: options.clock ?? systemClock,
    ...(options.passwords ? { passwords: options.passwords } : {}),
    log: options.log ?? silentLogger,
    config,
    modelsDir: options.modelsDir,
    ...(options.blobs && { blobs: options.blobs }),
    ...(options.admission && { admission: options.admission }),
    ...(options.bus && { bus: options.bus }),
    ...(options.gapGraceMs !== undefined && { gapGraceMs: options.gapGraceMs }),
    ...(options.limits && { limits: options.limits }),
    ...(options.sso && { sso: options.sso }),
  });
  const server = await new Promise<Server>((resolve) => {
    const s = serve(
      { fetch: relayApp.app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' },
      () => resolve(s),
    ) as Server;
  });
  relayApp.attach(server);
  const relay = relayApp.relay;
  const access = relayApp.access;
  const port = (server.address() as AddressInfo).port;
  const wsUrl = `ws://127.0.0.1:${port}/sync`;
  await relayApp.access.ready;
  const existing = await identity.people.byEmail(OWNER.email);
  const owner =
    existing ??
    (options.seed === false
      ? null
      : await access.accounts.setup({ workspaceName: 'Test', ...OWNER }, 'cli'));
  const token = owner ? (await access.accounts.mintToken(owner.id, null, 3600_000)).token : '';
  const openRoom = (room: string) => {
    if (!owner) throw new Error('this test relay has no workspace (seed: false)');
    openWorkspaceRoom(identity, owner.id, room);
  };
  const close = async () => {
    access.stop();
    relayApp.sso?.stop();
    await identity.close();
    await options.bus?.close();
    await options.limits?.close();
  };
  return {
    port,
    wsUrl,
    httpUrl: `http://127.0.0.1:${port}`,
    relay,
    retention: relayApp.retention,
    persistence: options.persistence,
    access,
    sso: relayApp.sso,
    identity,
    owner,
    token,
    openRoom,
    roomUrl(room) {
      openRoom(room);
      return `${wsUrl}/${room}?token=${token}`;
    },
    client(room, clientOptions) {
      openRoom(room);
      return createTestClient(wsUrl, room, { token, ...clientOptions });
    },
    async stop() {
      server.close();
      await relay.shutdown();
      await options.persistence.close();
      server.closeAllConnections();
      await close();
    },
    async crash() {
      server.close();
      server.closeAllConnections();
      await options.persistence.close();
      await relay.shutdown(); // its writes now fail, like a process that died
      await close();
    },
  };
}
