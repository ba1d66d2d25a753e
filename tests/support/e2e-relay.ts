import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForListening } from './listening.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * The real relay as a child process serving the built client, for Playwright. It can
 * be stopped and started again on the same port and data directory, as a person
 * restarting their self-hosted relay would.
 */
export interface E2eRelay {
  /** http://127.0.0.1:<port>; stays the same across restarts. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly running: boolean;
  /** SIGTERM and wait for exit (SIGKILL if it hangs). */
  stop(): Promise<void>;
  /** Start again on the same port and data directory. */
  start(): Promise<void>;
  /** Stop and delete the data directory. */
  dispose(): Promise<void>;
}

export async function launchE2eRelay(): Promise<E2eRelay> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ws-e2e-'));
  let child: ChildProcess | null = null;
  let output = '';
  const spawnRelay = async (port: number) => {
    const spawned = spawnRelayProcess(dataDir, port);
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
  return relay;
}

function spawnRelayProcess(
  dataDir: string,
  port: number,
): { child: ChildProcess; port: Promise<number> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STATIC_DIR: 'dist/client',
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
