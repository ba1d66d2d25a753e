import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { PostgresServer } from '../../tests/support/postgres-server.js';
import type { RedisServer } from '../../tests/support/redis-server.js';
import { LedgerClient } from './ledger-client.js';
import { startScaledCluster } from './scaled-relays.js';
import { startTcpBalancer } from '../../tests/support/tcp-balancer.js';
import { syncFrame } from './update-source.js';

export interface KillOptions {
  relays: number;
  clients: number;
  rooms: number;
  /** Edits per second per client. */
  rate: number;
  beforeMs: number;
  afterMs: number;
}

export interface KillResult {
  victims: number;
  /** SIGKILL → the last client of the killed relay got sync step 2 from another relay. */
  resyncedMs: number;
  /** SIGKILL → every edit those clients made before the kill is confirmed. */
  reconfirmedMs: number;
  made: number;
  confirmed: number;
  /** Confirmed edits missing from a fresh client's copy at the end. */
  lost: number;
  /** Edits still unconfirmed after the drain (not a loss: never promised). */
  unconfirmed: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, ok: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** A fresh client's copy of the room's `ledger` map, through the balancer. */
async function freshCopy(url: string): Promise<Y.Map<unknown>> {
  const doc = new Y.Doc();
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.on('open', () => socket.send(syncFrame(0, Y.encodeStateVector(doc))));
    socket.on('error', reject);
    socket.on('message', (data: Buffer) => {
      if (data[0] !== 0 || data[1] !== 1) return;
      const frame = new Uint8Array(data);
      // type 0, subtype 1, then the update as varUint8Array.
      let pos = 2;
      let length = 0;
      for (let shift = 1; ; shift *= 128) {
        const byte = frame[pos++] ?? 0;
        length += (byte & 0x7f) * shift;
        if (byte < 0x80) break;
      }
      Y.applyUpdate(doc, frame.subarray(pos, pos + length));
      resolve();
    });
  });
  socket.terminate();
  return doc.getMap('ledger');
}

/**
 * N ledger clients write through a round-robin TCP balancer over the relays; one
 * relay is SIGKILLed mid-load; its clients reconnect through the balancer. At the
 * end a fresh client reads each room and every confirmed edit must be there [SCALE8].
 */
export async function runRelayKill(
  stores: { postgres: PostgresServer; redis: RedisServer },
  options: KillOptions,
): Promise<KillResult> {
  const cluster = await startScaledCluster(stores.postgres, stores.redis, {
    count: options.relays,
  });
  const balancer = await startTcpBalancer(cluster.relays.map((relay) => relay.port));
  const clients: { client: LedgerClient; room: string }[] = [];
  try {
    const rooms = Array.from({ length: options.rooms }, (_, i) => `kill-${i}`);
    await cluster.openRooms(rooms);
    const url = (room: string) =>
      `ws://127.0.0.1:${balancer.port}/sync/${room}?token=${cluster.token}&confirm=1`;
    for (let i = 0; i < options.clients; i++) {
      const room = rooms[i % rooms.length] as string;
      clients.push({ client: new LedgerClient(i + 1, url(room)), room });
    }
    await until('clients synced', () => clients.every(({ client }) => client.syncedAt > 0));
    const timer = setInterval(() => {
      for (const { client } of clients) client.edit();
    }, 1000 / options.rate);
    await sleep(options.beforeMs);

    const victimIndex = 1 % options.relays;
    const victim = `127.0.0.1:${cluster.relays[victimIndex]?.port}`;
    const victims = clients.filter(({ client }) => balancer.backendOf(client.localPort) === victim);
    const owed = new Map(victims.map(({ client }) => [client, client.made]));
    const killedAt = performance.now();
    await cluster.relays[victimIndex]?.kill();
    let resyncedMs = NaN;
    let reconfirmedMs = NaN;
    const watch = (async () => {
      await until('victims resynced', () =>
        victims.every(({ client }) => client.syncedAt > killedAt),
      );
      resyncedMs = performance.now() - killedAt;
      await until('victims reconfirmed', () =>
        victims.every(({ client }) => {
          const made = owed.get(client) ?? 0;
          for (let n = 1; n <= made; n++)
            if (!client.confirmed.has(`${client.id}:${n}`)) return false;
          return true;
        }),
      );
      reconfirmedMs = performance.now() - killedAt;
    })();
    await sleep(options.afterMs);
    clearInterval(timer);
    await watch;
    await until(
      'every edit confirmed',
      () => clients.every(({ client }) => client.pending === 0),
      10_000,
    ).catch(() => {});
    let lost = 0;
    for (const room of rooms) {
      const copy = await freshCopy(url(room).replace('&confirm=1', ''));
      for (const { client } of clients.filter((c) => c.room === room))
        for (const key of client.confirmed) if (!copy.has(key)) lost++;
    }
    const sum = (f: (c: LedgerClient) => number) =>
      clients.reduce((total, { client }) => total + f(client), 0);
    return {
      victims: victims.length,
      resyncedMs,
      reconfirmedMs,
      made: sum((c) => c.made),
      confirmed: sum((c) => c.confirmed.size),
      lost,
      unconfirmed: sum((c) => c.pending),
    };
  } finally {
    for (const { client } of clients) client.close();
    await balancer.close();
    await cluster.stop();
  }
}
