import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PostgresServer } from '../../tests/support/postgres-server.js';
import type { RedisServer } from '../../tests/support/redis-server.js';
import {
  startScaledRelayProcess,
  type ScaledRelayProcess,
} from '../../tests/support/relay-process.js';
import { seedDatabase, type SeededDatabase } from '../../tests/support/workspace-seed.js';
import { processCpuSeconds } from './server-process.js';

/** One relay process of a scaled cluster. */
export interface ScaledRelay {
  pid: number;
  port: number;
  /** User + system CPU seconds so far (from /proc); the last reading once it died. */
  cpuSeconds(): number;
  /** SIGKILL: no flush, no goodbye. */
  kill(): Promise<void>;
}

export interface ScaledCluster {
  relays: ScaledRelay[];
  databaseUrl: string;
  token: string;
  /** Registers rooms the whole workspace may write (every relay sees them). */
  openRooms(rooms: readonly string[]): Promise<void>;
  /** A version 1 URL of `room` on relay `index`, with the token (and `extra` params). */
  roomUrl(index: number, room: string, extra?: string): string;
  /** Sum of the live relays' CPU seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  count: number;
  /** A database already seeded (and maybe holding rooms); default: a fresh one. */
  databaseUrl?: string;
  nodeFlags?: string[];
  env?: Record<string, string>;
}

/**
 * `count` real relays (sync-server/src/main.ts) in the scaled mode on one PostgreSQL
 * database and one Redis, started one after the other so that the first migrates.
 */
export async function startScaledCluster(
  postgres: PostgresServer,
  redis: RedisServer,
  options: ClusterOptions,
): Promise<ScaledCluster> {
  const databaseUrl = options.databaseUrl ?? (await postgres.createDatabase());
  const seeded: SeededDatabase = await seedDatabase(databaseUrl);
  const filesDir = mkdtempSync(join(tmpdir(), 'bench-scaled-'));
  const processes: ScaledRelayProcess[] = [];
  const relays: ScaledRelay[] = [];
  const stop = async () => {
    await Promise.all(processes.map((relay) => relay.stop()));
    await seeded.close();
    rmSync(filesDir, { recursive: true, force: true });
  };
  const nodeFlags = options.nodeFlags ?? [];
  try {
    for (let i = 0; i < options.count; i++) {
      const relay = await startScaledRelayProcess({
        databaseUrl,
        redisUrl: redis.url,
        filesDir,
        env: { STATIC_DIR: '/nonexistent', ...options.env },
        ...(nodeFlags.length > 0 && {
          wrap: (command, args) => ({ command, args: [...nodeFlags, ...args] }),
        }),
      });
      processes.push(relay);
      const { child } = relay;
      // SO_DEBUG_RELAYS=1 shows what the relays log (the bus warns there).
      if (process.env.SO_DEBUG_RELAYS) {
        const echo = (chunk: Buffer) => process.stderr.write(`[relay ${i}] ${chunk.toString()}`);
        child.stdout?.on('data', echo);
        child.stderr?.on('data', echo);
      }
      const pid = child.pid ?? 0;
      let lastCpu = 0;
      relays.push({
        pid,
        port: relay.port,
        cpuSeconds() {
          if (child.exitCode === null && child.signalCode === null) {
            try {
              lastCpu = processCpuSeconds(pid);
            } catch {
              // Died between the check and the read: keep the last reading.
            }
          }
          return lastCpu;
        },
        kill: () => relay.kill(),
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    relays,
    databaseUrl,
    token: seeded.token,
    async openRooms(rooms) {
      for (const room of rooms) await seeded.openRoom(room);
    },
    roomUrl(index, room, extra) {
      const relay = relays[index];
      if (!relay) throw new Error(`no relay ${index}`);
      const query = `token=${seeded.token}${extra ? `&${extra}` : ''}`;
      return `ws://127.0.0.1:${relay.port}/sync/${room}?${query}`;
    },
    cpuSeconds: () => relays.reduce((sum, relay) => sum + relay.cpuSeconds(), 0),
    stop,
  };
}
