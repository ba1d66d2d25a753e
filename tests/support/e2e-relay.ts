import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from '@playwright/test';
import type { SetupBody } from '../../shared/api/schemas.js';
import { nodeArgs } from './compiled-relay.js';
import { waitForListening } from './listening.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** Who POST /api/setup makes the owner of every e2e relay's workspace. */
export const E2E_OWNER = {
  workspaceName: 'E2E Workspace',
  name: 'Olivia Owner',
  email: 'owner@e2e.example',
  password: 'owner-password-1',
} as const satisfies SetupBody;

/**
 * The real relay as a child process serving the built client, for Playwright. It can
 * be stopped and started again on the same port and data directory, as a person
 * restarting their self-hosted relay would. Unless told otherwise, its workspace is
 * created through the API (E2E_OWNER), as the first person would on /setup.
 */
export interface E2eRelay {
  /** http://127.0.0.1:<port>; stays the same across restarts. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly running: boolean;
  /** More environment for the next start (e.g. OIDC_* with PUBLIC_URL = url). */
  readonly env: Record<string, string>;
  /** SIGTERM and wait for exit (SIGKILL if it hangs). */
  stop(): Promise<void>;
  /** Start again on the same port and data directory. */
  start(): Promise<void>;
  /** Stop and delete the data directory. */
  dispose(): Promise<void>;
}

export interface E2eRelayOptions {
  /** Create the workspace through the API (default true). */
  workspace?: boolean;
  /** MODELS_DIR; default: an empty folder, so no AI model is installed. */
  modelsDir?: string;
}

export async function launchE2eRelay({
  workspace = true,
  modelsDir,
}: E2eRelayOptions = {}): Promise<E2eRelay> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ws-e2e-'));
  let child: ChildProcess | null = null;
  let output = '';
  const env: Record<string, string> = {};
  const spawnRelay = async (port: number) => {
    const spawned = spawnRelayProcess(dataDir, modelsDir ?? join(dataDir, 'models'), port, env);
    child = spawned.child;
    output = '';
    spawned.child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return spawned.port;
  };
  const port = await spawnRelay(0);
  const relay: E2eRelay = {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    env,
    get running() {
      return child !== null;
    },
    async stop() {
      const current = child;
      child = null;
      if (current) await stopProcess(current);
    },
    async start() {
      if (child) return;
      const restartedOn = await spawnRelay(port);
      if (restartedOn !== port)
        throw new Error(`relay restarted on ${restartedOn}, not ${port}: ${output}`);
    },
    async dispose() {
      await relay.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  if (workspace) {
    try {
      await createWorkspace(relay.url);
    } catch (error) {
      await relay.dispose();
      throw error;
    }
  }
  return relay;
}

async function createWorkspace(baseURL: string): Promise<void> {
  const api = await request.newContext({ baseURL });
  try {
    const response = await api.post('/api/setup', { data: E2E_OWNER });
    if (!response.ok()) {
      throw new Error(`POST /api/setup → ${response.status()}: ${await response.text()}`);
    }
  } finally {
    await api.dispose();
  }
}

function spawnRelayProcess(
  dataDir: string,
  modelsDir: string,
  port: number,
  env: Record<string, string>,
): { child: ChildProcess; port: Promise<number> } {
  const child = spawn(process.execPath, nodeArgs('sync-server/src/main.ts'), {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STATIC_DIR: 'dist/client',
      MODELS_DIR: modelsDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const listening = waitForListening(child, 'relay', STARTUP_TIMEOUT_MS);
  return { child, port: listening };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
