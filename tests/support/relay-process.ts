import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { waitForListening } from './listening.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface RelayProcess {
  port: number;
  wsUrl: string;
  httpUrl: string;
  child: ChildProcess;
  /** SIGTERM and wait for a clean exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no flush, no goodbye. */
  kill(): Promise<void>;
}

/** Runs the real relay (sync-server/src/main.ts) as a child process, as users do. */
export async function startRelayProcess(env: Record<string, string>): Promise<RelayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', STATIC_DIR: 'dist/client', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await waitForListening(child, 'relay');
  const exited = once(child, 'exit') as Promise<[number | null]>;
  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    httpUrl: `http://127.0.0.1:${port}`,
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
