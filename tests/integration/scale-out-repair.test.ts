import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Bus } from '../../sync-server/src/bus/bus.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { startRelayCluster, type ClusterOptions } from '../support/relay-cluster.js';
import { textOf } from '../support/stored-text.js';
import type { TestClient } from '../support/test-client.js';
import type { TestRelay } from '../support/test-relay.js';
import { waitFor } from '../support/wait-for.js';

const cleanup = cleanupAfterEach();

async function cluster(count: number, options: ClusterOptions = {}) {
  const c = await startRelayCluster(count, options);
  cleanup.push(() => c.stop());
  return c;
}

function client(relay: TestRelay, room: string): TestClient {
  const c = relay.client(room, { maxBackoffTime: 300 });
  cleanup.push(() => c.destroy());
  return c;
}

const text = (c: TestClient) => c.doc.getText('t').toString();

/** A relay whose publications are lost on the way (`drop` says which kinds). */
function dropping(bus: Bus, drop: { updates: boolean; events: boolean }): Bus {
  return {
    relayId: bus.relayId,
    publishUpdates: (updates) => (drop.updates ? Promise.resolve() : bus.publishUpdates(updates)),
    publish: (publication) => (drop.events ? undefined : bus.publish(publication)),
    subscribe: (listener) => bus.subscribe(listener),
    healthy: () => bus.healthy(),
    lease: (name, ms) => bus.lease(name, ms),
    close: () => bus.close(),
  };
}

/** Resolves with the close code of a raw socket to `url`, or the HTTP status that refused it. */
function connectOutcome(url: string): Promise<{ open: WebSocket } | { status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve({ open: ws }));
    ws.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', () => resolve({ status: 0 }));
  });
}

describe('[SCALE3] gaps are repaired from the store', () => {
  it('an update whose publication was lost reaches the other relay once a later one shows the gap', async () => {
    const drop = { updates: true, events: false };
    const { relays } = await cluster(3, {
      wrapBus: (bus, index) => (index === 0 ? dropping(bus, drop) : bus),
    });
    const [a, b, c] = relays as [TestRelay, TestRelay, TestRelay];
    const onA = client(a, 'gappy');
    const onB = client(b, 'gappy');
    const onC = client(c, 'gappy');
    await Promise.all([onA.synced(), onB.synced(), onC.synced()]);
    onA.doc.getText('t').insert(0, 'lost on the bus ');
    // Stored (A's own client is answered), but B never hears of it...
    await waitFor(() => text(onC) === '' && text(onA) !== '');
    onC.doc.getText('t').insert(0, 'later ');
    // ...until C's update, one seq further, shows B (and C) the gap.
    await waitFor(() => text(onB).includes('lost on the bus') && text(onB).includes('later'), {
      what: 'repair of the lost update on B',
    });
    await waitFor(() => text(onC) === text(onB) && text(onA) === text(onB));
  });

  it('a relay that stored but published nothing (killed in between) is caught up through the feed position', async () => {
    const drop = { updates: true, events: true };
    const { relays } = await cluster(2, {
      wrapBus: (bus, index) => (index === 0 ? dropping(bus, drop) : bus),
    });
    const [a, b] = relays as [TestRelay, TestRelay];
    const onA = client(a, 'silent');
    const onB = client(b, 'silent');
    await Promise.all([onA.synced(), onB.synced()]);
    onA.doc.getText('t').insert(0, 'never published');
    await waitFor(() => text(onB) === 'never published', {
      what: 'B polling the feed position and repairing the room',
    });
  });

  it('[SCALE5] without Redis the relays close every socket with 4503 and refuse upgrades; they recover when it is back', async () => {
    const { relays, redis } = await cluster(2, { failAfterMs: 800 });
    const [a, b] = relays as [TestRelay, TestRelay];
    const onA = client(a, 'outage');
    const onB = client(b, 'outage');
    await Promise.all([onA.synced(), onB.synced()]);
    onA.doc.getText('t').insert(0, 'before ');
    await waitFor(() => text(onB) === 'before ');
    const raw = await connectOutcome(b.roomUrl('outage'));
    if (!('open' in raw)) throw new Error(`relay B refused a socket: ${raw.status}`);
    const closed = new Promise<number>((resolve) => raw.open.once('close', resolve));

    await redis.kill();
    expect(await closed).toBe(4503);
    await waitFor(
      async () => {
        const outcome = await connectOutcome(a.roomUrl('outage'));
        if ('open' in outcome) outcome.open.close();
        return 'status' in outcome && outcome.status === 503;
      },
      { what: 'relay A refusing upgrades' },
    );
    // Edits made meanwhile stay on the devices...
    onA.doc.getText('t').insert(0, 'offline-a ');
    onB.doc.getText('t').insert(0, 'offline-b ');

    await redis.restart();
    // ...and everything converges once the relays hear Redis again.
    await waitFor(
      () =>
        text(onA) === text(onB) &&
        text(onA).includes('offline-a') &&
        text(onA).includes('offline-b'),
      { what: 'convergence after Redis came back' },
    );
    onB.doc.getText('t').insert(0, 'after ');
    await waitFor(() => text(onA).startsWith('after ') || text(onA).includes('after '));
  });
});

describe('[SCALE6] compaction with several relays', () => {
  it('two relays writing and compacting the same room lose nothing', async () => {
    const { relays, file } = await cluster(2, { config: { COMPACT_ENTRIES: 5 } });
    const [a, b] = relays as [TestRelay, TestRelay];
    const onA = client(a, 'busy');
    const onB = client(b, 'busy');
    await Promise.all([onA.synced(), onB.synced()]);
    for (let i = 0; i < 60; i++) {
      onA.doc.getText('t').insert(0, 'a');
      onB.doc.getText('t').insert(0, 'b');
      if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(() => text(onA).length === 120 && text(onA) === text(onB), {
      what: 'convergence',
    });
    const store = new SqlitePersistence({ file });
    cleanup.push(() => store.close());
    await waitFor(async () => textOf((await store.load('busy')).updates) === text(onA), {
      what: 'the store holding every edit',
    });
    const stored = await store.load('busy');
    expect(stored.logLength).toBeLessThan(120);
    expect(stored.lastSeq).toBeGreaterThanOrEqual(120);
  });
});
