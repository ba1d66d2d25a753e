import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PostgresServer } from '../../tests/support/postgres-server.js';
import type { RedisServer } from '../../tests/support/redis-server.js';
import { runLoad, type LoadResult } from './load-client.js';
import { startScaledCluster } from './scaled-relays.js';
import { startServer } from './server-process.js';

/** What serves the load: the floor, the embedded relay, or n scaled relays. */
export type FanoutVariant =
  { kind: 'raw' } | { kind: 'embedded' } | { kind: 'scaled'; relays: number };

export interface FanoutShape {
  rooms: number;
  perRoom: number;
  /** Updates in flight in the closed loop. */
  inFlight: number;
}

export const variantLabel = (v: FanoutVariant): string =>
  v.kind === 'raw'
    ? 'raw ws forwarder (1 process)'
    : v.kind === 'embedded'
      ? 'embedded relay (SQLite, 1 process)'
      : `scaled, ${v.relays} relay${v.relays > 1 ? 's' : ''} (PostgreSQL + Redis)`;

/**
 * Which relay a connection uses: with one relay, that one; with several, the room's
 * writer (slot 0) on relay 0 and its readers round-robin over the others, so every
 * delivery crosses relays through Redis.
 */
export const relayOf = (relays: number, slot: number): number =>
  relays === 1 || slot === 0 ? 0 : 1 + ((slot - 1) % (relays - 1));

export interface FanoutTiming {
  warmupMs: number;
  measureMs: number;
  cpuProfDir?: string;
}

/** One measurement: a fresh server (or cluster, on a fresh database) and one closed loop. */
export async function measureFanout(
  variant: FanoutVariant,
  shape: FanoutShape,
  stores: { postgres: PostgresServer; redis: RedisServer },
  timing: FanoutTiming,
): Promise<LoadResult> {
  const nodeFlags = timing.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${timing.cpuProfDir}`] : [];
  const load = {
    rooms: shape.rooms,
    perRoom: shape.perRoom,
    writers: 1,
    inFlight: shape.inFlight,
    warmupMs: timing.warmupMs,
    measureMs: timing.measureMs,
  };
  if (variant.kind === 'scaled') {
    const cluster = await startScaledCluster(stores.postgres, stores.redis, {
      count: variant.relays,
      nodeFlags,
    });
    try {
      await cluster.openRooms(Array.from({ length: shape.rooms }, (_, i) => `bench-${i}`));
      return await runLoad({
        ...load,
        roomUrl: (room, slot) => cluster.roomUrl(relayOf(variant.relays, slot), room),
        handshake: true,
        serverCpu: () => cluster.cpuSeconds(),
      });
    } finally {
      await cluster.stop();
    }
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-scale-fanout-'));
  const server = await startServer(variant.kind === 'raw' ? 'raw' : 'relay', {
    env: { DATA_DIR: dataDir },
    nodeFlags: variant.kind === 'embedded' ? nodeFlags : [],
  });
  try {
    return await runLoad({
      ...load,
      roomUrl: (room) => server.roomUrl(room),
      handshake: variant.kind !== 'raw',
      serverCpu: server.cpuSeconds,
    });
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
