/**
 * What `/metrics` costs the relay: time, relay CPU and bytes of one scrape with
 * 1,000 rooms loaded and 500 connections; the relay's update throughput while a
 * scraper polls every second against the same relay unscraped (rounds alternate, so
 * machine noise hits both); and what the hot-path counting costs per frame, set
 * against the relay's own CPU per frame measured in the same run.
 *
 *   node --import tsx bench/metrics.ts
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { PrometheusMetrics } from '../sync-server/src/metrics/prometheus-metrics.js';
import { noMetrics, type Metrics } from '../sync-server/src/metrics/metrics.js';
import { openMuxSocket, type MuxTestSocket } from '../tests/support/mux-socket.js';
import { metricValue, scrapeMetrics } from '../tests/support/prometheus-text.js';
import { startRelayProcess, type RelayProcess } from '../tests/support/relay-process.js';
import type { TestClient } from '../tests/support/test-client.js';
import { waitFor } from '../tests/support/wait-for.js';
import { fmt, markdownTable, percentile, progress } from './lib/report.js';

const ROOMS = Number(process.env.BENCH_ROOMS ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 500);
const SCRAPES = 50;
const WRITERS = 10;
const ROUND_MS = 3000;
const ROUNDS = 3;

async function loadRelay(relay: RelayProcess): Promise<MuxTestSocket[]> {
  const sockets: MuxTestSocket[] = [];
  for (let i = 0; i < ROOMS; i++) relay.openRoom(`bench-${i}`);
  for (let i = 0; i < CONNECTIONS; i++) {
    const socket = await openMuxSocket(`${relay.wsUrl}?v=2&token=${relay.token}`);
    // Each connection subscribes its share of the rooms, so all are loaded.
    for (let r = i; r < ROOMS; r += CONNECTIONS)
      socket.send({ kind: 'subscribe', room: `bench-${r}` });
    sockets.push(socket);
  }
  await waitFor(
    async () => metricValue(await scrapeMetrics(relay.httpUrl), 'relay_rooms_loaded') >= ROOMS,
    { timeout: 120_000, what: `${ROOMS} rooms loaded` },
  );
  return sockets;
}

async function scrapeCost(relay: RelayProcess) {
  const times: number[] = [];
  let bytes = 0;
  const cpu = async () =>
    metricValue(await scrapeMetrics(relay.httpUrl), 'process_cpu_seconds_total');
  const cpuBefore = await cpu();
  for (let i = 0; i < SCRAPES; i++) {
    const started = performance.now();
    const response = await fetch(`${relay.httpUrl}/metrics`);
    bytes = (await response.arrayBuffer()).byteLength;
    times.push(performance.now() - started);
  }
  // The last call is itself a scrape: SCRAPES + 1 between the two readings.
  const cpuMs = ((await cpu()) - cpuBefore) * 1000;
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    bytes,
    cpuMs: cpuMs / (SCRAPES + 1),
  };
}

/** Nanoseconds per call of the per-frame hook, for the real registry and for none. */
function hookCost(metrics: Metrics): number {
  const frame = new Uint8Array([0, 2, 20, ...new Array<number>(20).fill(1)]);
  const calls = 2_000_000;
  for (let i = 0; i < 100_000; i++) metrics.frame('in', 'v1', frame);
  const started = performance.now();
  for (let i = 0; i < calls; i++) metrics.frame(i % 2 ? 'in' : 'out', 'v1', frame);
  return ((performance.now() - started) * 1e6) / calls;
}

export async function runMetricsBench(): Promise<string> {
  progress(`metrics: relay with ${ROOMS} rooms and ${CONNECTIONS} connections`);
  const relay = await startRelayProcess({});
  try {
    const sockets = await loadRelay(relay);
    const scrape = await scrapeCost(relay);
    progress('metrics: throughput with and without a scraper');
    const clients = Array.from({ length: WRITERS }, (_, i) => {
      const c = relay.client(`bench-${i}`, { confirm: true });
      return c;
    });
    await Promise.all(clients.map((c) => c.synced()));
    const rates = { on: [] as number[], off: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of ['off', 'on'] as const) {
        const timer = new Promise<void>((resolve) => setTimeout(resolve, ROUND_MS));
        const rate = throughputFor(clients, mode === 'on' ? relay.httpUrl : null, timer);
        rates[mode].push(await rate);
      }
    }
    const before = await scrapeMetrics(relay.httpUrl);
    const cpu0 = metricValue(before, 'process_cpu_seconds_total');
    const frames0 = metricValue(before, 'relay_frames_total');
    rates.off.push(await throughputFor(clients, null, new Promise((r) => setTimeout(r, ROUND_MS))));
    const after = await scrapeMetrics(relay.httpUrl);
    const cpuPerFrameNs =
      ((metricValue(after, 'process_cpu_seconds_total') - cpu0) * 1e9) /
      (metricValue(after, 'relay_frames_total') - frames0);
    for (const c of clients) c.destroy();
    for (const s of sockets) s.close();
    const withRegistry = hookCost(new PrometheusMetrics());
    const without = hookCost(noMetrics);
    const median = (xs: number[]) => percentile(xs, 50);
    return [
      `### Metrics (${ROOMS} rooms loaded, ${CONNECTIONS} version 2 connections)`,
      '',
      markdownTable(
        ['measure', 'value'],
        [
          ['one scrape, wall time p50 / p99', `${fmt(scrape.p50, 1)} / ${fmt(scrape.p99, 1)} ms`],
          ['one scrape, relay CPU', `${fmt(scrape.cpuMs, 2)} ms`],
          ['one scrape, body', `${fmt(scrape.bytes / 1024, 1)} KiB`],
          [
            `updates/s, ${WRITERS} confirm writers, unscraped (median of ${ROUNDS + 1})`,
            fmt(median(rates.off)),
          ],
          [`updates/s, same, scraped every second (median of ${ROUNDS})`, fmt(median(rates.on))],
          ['per-frame hook, prom-client counters', `${fmt(withRegistry, 0)} ns`],
          ['per-frame hook, no metrics', `${fmt(without, 0)} ns`],
          ['relay CPU per frame (in + out) under this load', `${fmt(cpuPerFrameNs, 0)} ns`],
          [
            'hook share of the relay CPU per frame',
            `${fmt((100 * (withRegistry - without)) / cpuPerFrameNs, 1)} %`,
          ],
        ],
      ),
    ].join('\n');
  } finally {
    await relay.stop();
  }
}

/** Updates per second from the confirm clients in a closed loop (one update in flight each) until `until`. */
async function throughputFor(clients: TestClient[], scraping: string | null, until: Promise<void>) {
  let stop = false;
  void until.then(() => (stop = true));
  let updates = 0;
  const started = performance.now();
  const scraper = (async () => {
    while (scraping && !stop) {
      await fetch(`${scraping}/metrics`).then((r) => r.arrayBuffer());
      await Promise.race([until, new Promise((resolve) => setTimeout(resolve, 1000))]);
    }
  })();
  await Promise.all(
    clients.map(async (client) => {
      while (!stop) {
        client.doc.getText('t').insert(0, 'x');
        await client.allConfirmed();
        updates += 1;
      }
    }),
  );
  await scraper;
  return updates / ((performance.now() - started) / 1000);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${await runMetricsBench()}\n`);
}
