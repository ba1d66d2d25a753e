import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeArgs } from './compiled-relay.js';
import { waitForListening } from './listening.js';
import { createTestClient, type TestClient, type TestClientOptions } from './test-client.js';
import { seedWorkspace } from './workspace-seed.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface RelayProcess {
  port: number;
  wsUrl: string;
  httpUrl: string;
  child: ChildProcess;
  dataDir: string;
  /** The seeded owner's access token. */
  token: string;
  /** Registers the room (whole workspace may write) if it is new. */
  openRoom(room: string): void;
  /** A stock y-websocket client of the owner; registers the room first. */
  client(room: string, options?: TestClientOptions): TestClient;
  /** SIGTERM and wait for a clean exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no flush, no goodbye. */
  kill(): Promise<void>;
}

/** A relay process, however its stores were seeded. */
interface SpawnedRelay {
  port: number;
  child: ChildProcess;
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

/** Rewrites the command line, e.g. to run the relay inside a network namespace (netns.ts). */
type Wrap = (command: string, args: readonly string[]) => { command: string; args: string[] };

async function spawnRelay(env: Record<string, string>, wrap?: Wrap): Promise<SpawnedRelay> {
  const plain = {
    command: process.execPath,
    args: nodeArgs('sync-server/src/main.ts'),
  };
  const { command, args } = wrap ? wrap(plain.command, plain.args) : plain;
  const child = spawn(command, args, {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      STATIC_DIR: 'dist/client',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await waitForListening(child, 'relay');
  const exited = once(child, 'exit') as Promise<[number | null]>;
  return {
    port,
    child,
    async stop() {
      child.kill('SIGTERM');
      return (await exited)[0];
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Runs the real relay (sync-server/src/main.ts) as a child process, as users do,
 * on a data directory with a workspace already created (as by the operator CLI).
 */
export async function startRelayProcess(env: Record<string, string>): Promise<RelayProcess> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'relay-'));
  const seeded = await seedWorkspace(dataDir);
  const relay = await spawnRelay({ ...env, DATA_DIR: dataDir });
  const wsUrl = `ws://127.0.0.1:${relay.port}/sync`;
  return {
    ...relay,
    dataDir,
    token: seeded.token,
    openRoom: (room) => seeded.openRoom(room),
    client(room, options) {
      seeded.openRoom(room);
      return createTestClient(wsUrl, room, { token: seeded.token, ...options });
    },
    wsUrl,
    httpUrl: `http://127.0.0.1:${relay.port}`,
  };
}

/**
 * The real relay on a DATA_DIR as it is, nothing seeded: one an older release wrote,
 * say. Rejects with the relay's stderr when it exits instead of listening.
 */
export async function startRelayProcessOn(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<SpawnedRelay & { dataDir: string; wsUrl: string; httpUrl: string }> {
  const relay = await spawnRelay({ ...env, DATA_DIR: dataDir });
  return {
    ...relay,
    dataDir,
    wsUrl: `ws://127.0.0.1:${relay.port}/sync`,
    httpUrl: `http://127.0.0.1:${relay.port}`,
  };
}

/** One of several relay processes sharing PostgreSQL and Redis (the scaled mode). */
export interface ScaledRelayProcess {
  port: number;
  host: string;
  wsUrl: string;
  httpUrl: string;
  child: ChildProcess;
  /** SIGTERM and wait for a clean exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no flush, no goodbye. */
  kill(): Promise<void>;
}

/**
 * Runs the real relay as a child process in the scaled mode: DATABASE_URL and
 * REDIS_URL set, uploaded files in `filesDir` (shared by the relays of a test).
 * Seed the workspace first with `seedDatabase` (workspace-seed.ts).
 */
export async function startScaledRelayProcess(options: {
  databaseUrl: string;
  redisUrl: string;
  filesDir: string;
  env?: Record<string, string>;
  /** Runs the relay through this, e.g. inside a network namespace (`ns.wrap`). */
  wrap?: Wrap;
  /** The address the relay listens on and clients dial (default 127.0.0.1). */
  host?: string;
}): Promise<ScaledRelayProcess> {
  const host = options.host ?? '127.0.0.1';
  const relay = await spawnRelay(
    {
      DATA_DIR: options.filesDir,
      FILES_DIR: options.filesDir,
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      HOST: host,
      ...options.env,
    },
    options.wrap,
  );
  return {
    ...relay,
    host,
    wsUrl: `ws://${host}:${relay.port}/sync`,
    httpUrl: `http://${host}:${relay.port}`,
  };
}
