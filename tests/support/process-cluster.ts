import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PostgresServer } from './postgres-server.js';
import type { RedisServer } from './redis-server.js';
import { startScaledRelayProcess, type ScaledRelayProcess } from './relay-process.js';
import { startTcpBalancer, type TcpBalancer } from './tcp-balancer.js';
import { seedDatabase, type SeededDatabase } from './workspace-seed.js';

/** Where one relay runs and how it reaches the stores (default: this host, 127.0.0.1). */
export interface Placement {
  wrap?: (command: string, args: readonly string[]) => { command: string; args: string[] };
  /** The address it listens on, which clients and the balancer dial. */
  host?: string;
  /** The address it dials PostgreSQL and Redis at. */
  storesHost?: string;
}

/**
 * Several real relay processes (sync-server/src/main.ts) on one PostgreSQL database
 * and one Redis, behind a round-robin TCP balancer: the production shape in one
 * machine. Relays are replaced in place by `restart`, on the same address and port,
 * so the balancer's list stays as it was.
 */
export interface ProcessCluster {
  databaseUrl: string;
  /** FILES_DIR, shared by every relay. */
  filesDir: string;
  seeded: SeededDatabase;
  redis: RedisServer;
  balancer: TcpBalancer;
  /** The relays now, by index (a killed one stays until restarted). */
  relays: ScaledRelayProcess[];
  /** SIGKILL to relay `index`: no flush, no goodbye. */
  kill(index: number): Promise<void>;
  /** Starts relay `index` again (after kill) on its address and port. */
  restart(index: number): Promise<ScaledRelayProcess>;
  /** One more relay on the same stores, outside the balancer. */
  extra(env?: Record<string, string>): Promise<ScaledRelayProcess>;
  stop(): Promise<void>;
}

export interface ProcessClusterOptions {
  pg: PostgresServer;
  redis: RedisServer;
  count: number;
  env?: Record<string, string>;
  placement?: (index: number) => Placement;
}

const alive = (relay: ScaledRelayProcess) =>
  relay.child.exitCode === null && relay.child.signalCode === null;

function withHost(url: string, host: string | undefined): string {
  if (!host) return url;
  const parsed = new URL(url);
  parsed.hostname = host;
  return parsed.toString();
}

export async function startProcessCluster({
  pg,
  redis,
  count,
  env = {},
  placement = () => ({}),
}: ProcessClusterOptions): Promise<ProcessCluster> {
  const databaseUrl = await pg.createDatabase();
  const seeded = await seedDatabase(databaseUrl);
  const filesDir = mkdtempSync(join(tmpdir(), 'cluster-files-'));
  const relays: ScaledRelayProcess[] = [];
  const extras: ScaledRelayProcess[] = [];
  const start = (index: number, port?: number, more: Record<string, string> = {}) => {
    const place = placement(index);
    return startScaledRelayProcess({
      databaseUrl: withHost(databaseUrl, place.storesHost),
      redisUrl: withHost(redis.url, place.storesHost),
      filesDir,
      env: { ...env, ...more, ...(port ? { PORT: String(port) } : {}) },
      ...(place.wrap && { wrap: place.wrap }),
      ...(place.host && { host: place.host }),
    });
  };
  let balancer: TcpBalancer | null = null;
  const stop = async () => {
    await balancer?.close();
    await Promise.all([...relays, ...extras].filter(alive).map((relay) => relay.kill()));
    await seeded.close();
  };
  try {
    relays.push(...(await Promise.all(Array.from({ length: count }, (_, i) => start(i)))));
    balancer = await startTcpBalancer();
    for (const relay of relays) balancer.add(relay.port, relay.host);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    databaseUrl,
    filesDir,
    seeded,
    redis,
    balancer,
    relays,
    async kill(index) {
      const relay = relays[index];
      if (relay && alive(relay)) await relay.kill();
    },
    async restart(index) {
      const old = relays[index];
      if (!old) throw new Error(`no relay ${index}`);
      if (alive(old)) await old.kill();
      const relay = await start(index, old.port);
      relays[index] = relay;
      return relay;
    },
    async extra(more = {}) {
      const relay = await start(count + extras.length, undefined, more);
      extras.push(relay);
      return relay;
    },
    stop,
  };
}
