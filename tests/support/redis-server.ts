import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { waitFor } from './wait-for.js';

const REDIS_SERVER = '/usr/bin/redis-server';

export interface RedisServer {
  port: number;
  url: string;
  /** Stops it (SIGTERM) and waits for the exit. */
  stop(): Promise<void>;
  /** Kills it (SIGKILL) and waits for the exit: an outage, as a crash would cause. */
  kill(): Promise<void>;
  /** Starts it again on the same port (after stop or kill), empty: no persistence. */
  restart(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A real redis-server on a free loopback port, in a temp dir, without persistence;
 * `listen` adds addresses to bind besides 127.0.0.1 (a network namespace's host end).
 */
export async function startRedisServer({
  listen = [],
}: { listen?: readonly string[] } = {}): Promise<RedisServer> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(
      `${REDIS_SERVER} is missing: the scale-out tests need a real Redis (apt-get install redis-server)`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', ...listen, '--dir', dir];
    args.push('--save', '', '--appendonly', 'no', '--protected-mode', 'no');
    const proc = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let gone = false;
    exited = new Promise((resolve) =>
      proc.once('exit', () => {
        gone = true;
        resolve();
      }),
    );
    child = proc;
    await waitFor(
      async () => {
        if (gone) throw new Error(`redis-server exited: ${stderr}`);
        const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null });
        probe.on('error', () => {});
        try {
          await probe.connect();
          return (await probe.ping()) === 'PONG';
        } finally {
          probe.disconnect();
        }
      },
      { what: `redis-server on port ${port}` },
    );
  };
  const end = async (signal: NodeJS.Signals) => {
    if (!child || child.exitCode !== null) return;
    child.kill(signal);
    await exited;
    child = null;
  };
  await start();
  return {
    port,
    url,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    async restart() {
      await end('SIGTERM');
      await start();
    },
  };
}
