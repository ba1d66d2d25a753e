/**
 * One relay process runs inside a network namespace (tests/support/netns.ts) and
 * reaches PostgreSQL and Redis on the host through a link the test cuts or makes
 * lossy; the other relays run on the host. A relay cut off must stop confirming and
 * stop serving rather than diverge, and recover when the link is back.
 *
 * During a partition the test process cannot reach the inside relay at all, so what
 * its own clients see is observed by a probe process run inside the namespace, as a
 * client on the relay's side of the cut would.
 */
import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import {
  converged,
  EditLedger,
  muxWriter,
  stockWriter,
  type Writer,
} from '../support/edit-ledger.js';
import { createNetNamespace, type NetNamespace } from '../support/netns.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { probeStatus, startProbeSocket } from '../support/probe-socket.js';
import { startProcessCluster, type ProcessCluster } from '../support/process-cluster.js';
import { startRedisServer } from '../support/redis-server.js';
import type { ScaledRelayProcess } from '../support/relay-process.js';
import { createTestClient } from '../support/test-client.js';
import { waitFor } from '../support/wait-for.js';

const cleanup = cleanupAfterEach();
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

let ns: NetNamespace;
let pg: PostgresServer;
const inNamespace = (command: string, args: readonly string[]) => ns.wrap(command, args);
beforeAll(async () => {
  ns = createNetNamespace();
  pg = await startPostgres({ listen: [ns.hostAddress] });
}, 60_000);
afterAll(async () => {
  await pg?.stop();
  ns?.destroy();
});

/** Relay 0 inside the namespace, the others on the host, one PostgreSQL and one Redis. */
async function cluster(): Promise<ProcessCluster> {
  const redis = await startRedisServer({ listen: [ns.hostAddress] });
  const c = await startProcessCluster({
    pg,
    redis,
    count: 3,
    env: { BUS_FAIL_MS: '1500' },
    placement: (index) =>
      index === 0 ? { wrap: inNamespace, host: ns.innerAddress, storesHost: ns.hostAddress } : {},
  }).catch(async (error: unknown) => {
    await redis.stop();
    throw error;
  });
  cleanup.push(async () => {
    ns.heal();
    await c.stop();
    await redis.stop();
  });
  return c;
}

function writer<W extends Writer>(w: W): W {
  cleanup.push(() => w.destroy());
  return w;
}

async function readiness(relay: ScaledRelayProcess): Promise<number> {
  try {
    return (await fetch(`${relay.httpUrl}/readyz`, { signal: AbortSignal.timeout(5_000) })).status;
  } catch {
    return 0;
  }
}

/** A client straight on `relay` that must hold every edit the ledger saw made in `room`. */
async function expectWhole(
  relay: ScaledRelayProcess,
  token: string,
  ledger: EditLedger,
  room: string,
  text: string,
) {
  const reader = createTestClient(relay.wsUrl, room, { token });
  cleanup.push(() => reader.destroy());
  await waitFor(
    () => reader.provider.synced && ledger.missing(room, reader.doc, true).length === 0,
    {
      timeout: 30_000,
      what: `every edit of ${room} on relay ${relay.host}:${relay.port}`,
    },
  );
  expect(reader.doc.getText('t').toString()).toBe(text);
}

describe('[SCALE5] a relay cut off from PostgreSQL and Redis', () => {
  it('stops confirming and serving while partitioned, its clients converge elsewhere, and it recovers after heal', async () => {
    const c = await cluster();
    const inside = c.relays[0]!;
    const room = 'partitioned';
    await c.seeded.openRoom(room);
    const gen = prng.create(3);
    const url = c.balancer.wsUrl;
    const token = c.seeded.token;
    // Six connections in turn over three relays: two land on the inside relay.
    const writers: Writer[] = [0, 1, 2].flatMap((i) => [
      writer(muxWriter(url, token, [room], `m${i}`)),
      writer(stockWriter(url, token, room, `s${i}`)),
    ]);
    await waitFor(() => writers.every((w) => w.settled(room)), { what: 'every client synced' });
    expect(c.balancer.open().get(`${inside.host}:${inside.port}`)).toBeGreaterThan(0);
    const ledger = new EditLedger();
    for (let i = 0; i < 12; i++) ledger.edit(gen, prng.oneOf(gen, writers), room);
    await waitFor(() => converged(writers, room), { what: 'convergence before the partition' });

    const probe = startProbeSocket(`${inside.wsUrl}/${room}?token=${token}&confirm=1`, inNamespace);
    cleanup.push(() => probe.kill());
    await probe.next('open');

    ns.partition();
    probe.edit();
    // Redis silent for BUS_FAIL_MS: the relay closes its sockets rather than serve
    // without hearing revocations, and confirms nothing it could not store.
    const closed = await probe.next('close', 20_000);
    expect(closed.code).toBe(CloseCode.storageFailed);
    expect(probe.events.some((e) => e.event === 'confirm')).toBe(false);
    const refused = startProbeSocket(`${inside.wsUrl}/${room}?token=${token}`, inNamespace);
    cleanup.push(() => refused.kill());
    expect((await refused.next('refused')).status).toBe(503);
    expect(await probeStatus(`${inside.httpUrl}/readyz`, inNamespace)).toBe(503);

    // The balancer cuts what it piped to the silent relay; those clients reconnect
    // to the others (the inside relay does not answer the balancer either).
    c.balancer.drop(inside.port, inside.host);
    for (let i = 0; i < 12; i++) ledger.edit(gen, prng.oneOf(gen, writers), room);
    await waitFor(() => converged(writers, room), {
      timeout: 60_000,
      what: 'clients converging on the other relays during the partition',
    });
    expect(probe.events.some((e) => e.event === 'confirm')).toBe(false);

    ns.heal();
    await waitFor(async () => (await readiness(inside)) === 200, {
      timeout: 30_000,
      what: 'the inside relay ready again after heal',
    });
    // The relay repaired what it missed: a client on it gets everything.
    const text = writers[0]!.doc(room).getText('t').toString();
    await expectWhole(inside, token, ledger, room, text);
    // Clients spread over all three again, and everything still converges.
    c.balancer.drop();
    for (let i = 0; i < 6; i++) ledger.edit(gen, prng.oneOf(gen, writers), room);
    await waitFor(() => converged(writers, room), {
      timeout: 60_000,
      what: 'convergence after heal',
    });
    for (const w of writers) expect(ledger.missing(room, w.doc(room), true)).toEqual([]);
  }, 180_000);

  it('a lossy link keeps working, slower, with nothing lost', async () => {
    const c = await cluster();
    const [inside, outside] = c.relays as [ScaledRelayProcess, ScaledRelayProcess];
    const room = 'lossy';
    await c.seeded.openRoom(room);
    const gen = prng.create(5);
    const writers = [
      writer(stockWriter(inside.wsUrl, c.seeded.token, room, 'in')),
      writer(muxWriter(outside.wsUrl, c.seeded.token, [room], 'out')),
    ];
    await waitFor(() => writers.every((w) => w.settled(room)));
    ns.loseEvery(10);
    const ledger = new EditLedger();
    for (let i = 0; i < 40; i++) {
      ledger.edit(gen, writers[i % 2]!, room);
      await tick();
    }
    await waitFor(() => converged(writers, room), {
      timeout: 90_000,
      what: 'convergence over a lossy link',
    });
    expect(ns.dropped()).toBeGreaterThan(0);
    for (const w of writers) expect(ledger.missing(room, w.doc(room), true)).toEqual([]);
    ns.heal();
    await expectWhole(
      c.relays[2]!,
      c.seeded.token,
      ledger,
      room,
      writers[0]!.doc(room).getText('t').toString(),
    );
  }, 180_000);

  it('[STORE1] cut from PostgreSQL only, the relay answers 4503 within seconds instead of hanging, and recovers', async () => {
    const c = await cluster();
    const [inside, outside] = c.relays as [ScaledRelayProcess, ScaledRelayProcess];
    const room = 'no-database';
    await c.seeded.openRoom(room);
    const gen = prng.create(9);
    const onInside = writer(stockWriter(inside.wsUrl, c.seeded.token, room, 'in'));
    const onOutside = writer(muxWriter(outside.wsUrl, c.seeded.token, [room], 'out'));
    const writers: Writer[] = [onInside, onOutside];
    await waitFor(() => writers.every((w) => w.settled(room)));
    const ledger = new EditLedger();

    ns.cutPort(pg.port);
    ledger.edit(gen, onInside, room);
    // Redis still answers, so only the store's own timeouts can end the append.
    await waitFor(() => onInside.closes.includes(CloseCode.storageFailed), {
      timeout: 30_000,
      what: 'a 4503 from the relay that cannot reach PostgreSQL',
    });
    expect(onInside.confirmedNow(room)).toBe(false);
    await waitFor(async () => (await readiness(inside)) === 503, {
      what: '/readyz 503 without PostgreSQL',
    });
    // The other relays are not held up.
    ledger.edit(gen, onOutside, room);
    await waitFor(() => onOutside.confirmedNow(room), {
      timeout: 30_000,
      what: 'the outside relay confirming',
    });

    ns.heal();
    await waitFor(() => converged(writers, room), {
      timeout: 60_000,
      what: 'convergence after heal',
    });
    for (const w of writers) expect(ledger.missing(room, w.doc(room), true)).toEqual([]);
  }, 180_000);
});
