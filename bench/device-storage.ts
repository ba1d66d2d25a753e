/**
 * How the browser should keep thousands of room parts on the device: today's
 * y-indexeddb layout (one IndexedDB database per part) against one database for the
 * workspace keyed by part, side by side in Debian's Chromium (Playwright).
 *
 * Each layout is written once into its own browser profile (BENCH_PARTS parts, a few
 * KB each, and a summary per room). Then every operation runs in a freshly launched
 * browser on a fresh copy of that profile (a warm start: the OS cache is warm, the
 * browser is not), BENCH_RUNS times, layouts alternating; medians are shown.
 *
 *   node --import tsx bench/device-storage.ts
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForBrowser, routeScriptPage } from '../tests/support/browser-page.js';
import { loadTrace, traceAvailable } from '../tests/support/editing-traces.js';
import type { DeviceBench, LayoutName } from './lib/device-storage-page.js';
import { benchParts, fillerText, relayChunk, SMALL_EDITS } from './lib/device-storage-parts.js';
import { fmt, markdownTable, mib, ms, percentile, progress } from './lib/report.js';

const PARTS = Number(process.env.BENCH_PARTS ?? 3000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MIGRATION = process.env.BENCH_MIGRATION !== '0';
const CATCH_UP = 100;
const ORIGIN = 'http://device-storage.test';
const layouts: LayoutName[] = ['per-part', 'workspace'];
const labels: Record<LayoutName, string> = {
  'per-part': 'y-indexeddb, one database per part',
  workspace: 'one database for the workspace',
};

declare global {
  interface Window {
    deviceBench: DeviceBench;
  }
}

const script = await bundleForBrowser(
  fileURLToPath(new URL('./lib/device-storage-page.ts', import.meta.url)),
);

async function launch(profile: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  await routeScriptPage(context, ORIGIN, script);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => 'deviceBench' in window);
  return { context, page };
}

/** Used JS heap after a full GC, in bytes (Chrome DevTools Protocol). */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

const diskBytes = (profile: string) =>
  Number(
    execFileSync('du', ['-sb', join(profile, 'Default', 'IndexedDB')])
      .toString()
      .split('\t')[0],
  );

const text = traceAvailable('automerge-paper')
  ? loadTrace('automerge-paper').endContent
  : fillerText(100_000);
const parts = benchParts(PARTS);
const every = Math.floor(parts.length / CATCH_UP);
const catchUpParts = (offset: number) =>
  Array.from({ length: CATCH_UP }, (_, i) => parts[(i * every + offset) % parts.length]!.part);
const channel = parts[0]!.room;
const channelParts = parts.filter((p) => p.room === channel).length;

type Op = (page: Page, layout: LayoutName) => Promise<Record<string, number>>;

/** Every operation, each timed in a freshly launched browser. */
const ops: Record<string, Op> = {
  databases: async (page) => ({
    databases: (await page.evaluate(() => window.deviceBench.listDatabases())).ms,
  }),
  summaries: async (page, layout) => {
    const { ms, result } = await page.evaluate((l) => window.deviceBench.readSummaries(l), layout);
    if (result !== PARTS) throw new Error(`${result} summaries`);
    return { summaries: ms };
  },
  openAll: async (page, layout) => {
    const before = await heapAfterGc(page);
    const { ms } = await page.evaluate(([l, n]) => window.deviceBench.openAll(l, n), [
      layout,
      PARTS,
    ] as const);
    const heap = (await heapAfterGc(page)) - before;
    await page.evaluate(() => window.deviceBench.releaseAll());
    return { openAll: ms, openAllHeap: heap };
  },
  catchUp: async (page, layout) => {
    const list = catchUpParts(0);
    const { ms } = await page.evaluate(([l, t, p]) => window.deviceBench.catchUp(l, t, p, 1), [
      layout,
      text,
      list,
    ] as const);
    const stored = await page.evaluate(([l, p]) => window.deviceBench.readText(l, p), [
      layout,
      list[1]!,
    ] as const);
    if (!stored.includes(relayChunk(text, 1))) throw new Error(`${layout}: catch-up not stored`);
    return { catchUp: ms };
  },
  catchUp8: async (page, layout) => {
    const { ms } = await page.evaluate(([l, t, p]) => window.deviceBench.catchUp(l, t, p, 8), [
      layout,
      text,
      catchUpParts(Math.floor(every / 2)),
    ] as const);
    return { catchUp8: ms };
  },
  wipe: async (page, layout) => {
    const room = await page.evaluate(([l, r]) => window.deviceBench.wipeRoom(l, r), [
      layout,
      channel,
    ] as const);
    const all = await page.evaluate((l) => window.deviceBench.wipeAll(l), layout);
    // The workspace database stays, empty: the tab holds it open.
    const left = (await page.evaluate(() => window.deviceBench.listDatabases())).result;
    if (left !== (layout === 'workspace' ? 1 : 0)) {
      throw new Error(`${layout}: ${left} databases left after the wipe`);
    }
    if (layout === 'workspace') {
      const rows = await page.evaluate(() => window.deviceBench.readSummaries('workspace'));
      if (rows.result !== 0) throw new Error('summaries left after the wipe');
    }
    return { wipeRoom: room.ms, wipeAll: all.ms };
  },
};

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'device-storage-'));
  try {
    const setup: Record<string, { ms: number; disk: number }> = {};
    for (const layout of layouts) {
      const profile = join(work, layout);
      const { context, page } = await launch(profile);
      const ms = await page.evaluate(([l, t, n]) => window.deviceBench.setup(l, t, n), [
        layout,
        text,
        PARTS,
      ] as const);
      await context.close();
      setup[layout] = { ms, disk: diskBytes(profile) };
      progress(`${layout}: wrote ${PARTS} parts in ${fmt(ms)} ms`);
    }
    const samples: Record<LayoutName, Record<string, number[]>> = { 'per-part': {}, workspace: {} };
    for (let run = 0; run < RUNS; run += 1) {
      for (const layout of run % 2 ? [...layouts].reverse() : layouts) {
        for (const [name, op] of Object.entries(ops)) {
          const copy = join(work, `run-${layout}`);
          await rm(copy, { recursive: true, force: true });
          await cp(join(work, layout), copy, { recursive: true });
          const { context, page } = await launch(copy);
          for (const [key, value] of Object.entries(await op(page, layout))) {
            (samples[layout][key] ??= []).push(value);
          }
          await context.close();
          progress(`run ${run + 1} ${layout} ${name} done`);
        }
      }
    }
    const migration = MIGRATION ? await migrate(work) : null;
    report(setup, samples, migration);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

type MigrationStart = Awaited<ReturnType<DeviceBench['migrationStart']>>;

/** The upgrade on a device in today's layout: the first start copies, the second deletes. */
async function migrate(work: string): Promise<MigrationStart[]> {
  const copy = join(work, 'migration');
  await cp(join(work, 'per-part'), copy, { recursive: true });
  const starts: MigrationStart[] = [];
  for (let start = 0; start < 2; start += 1) {
    const { context, page } = await launch(copy);
    starts.push(await page.evaluate((p) => window.deviceBench.migrationStart(p), catchUpParts(0)));
    await context.close();
    progress(`migration start ${start + 1}: ${JSON.stringify(starts.at(-1))}`);
  }
  return starts;
}

function report(
  setup: Record<string, { ms: number; disk: number }>,
  samples: Record<LayoutName, Record<string, number[]>>,
  migration: MigrationStart[] | null,
): void {
  const cell = (layout: LayoutName, key: string, unit = ms) => {
    const values = samples[layout][key] ?? [];
    const range = `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;
    return unit === ms ? `${ms(percentile(values, 50))} (${range})` : unit(percentile(values, 50));
  };
  const rooms = new Set(parts.map((p) => p.room)).size;
  const rows: [string, string, ((v: number) => string)?][] = [
    ['indexedDB.databases()', 'databases'],
    [`read ${fmt(PARTS)} room summaries in one transaction`, 'summaries'],
    [`naive warm start: open and load all ${fmt(PARTS)} parts into Y.Docs`, 'openAll'],
    [`JS heap of those ${fmt(PARTS)} loaded Y.Docs`, 'openAllHeap', mib],
    [`catch-up: open, apply, write, close ${CATCH_UP} parts, one at a time`, 'catchUp'],
    [`catch-up: the same, 8 at a time`, 'catchUp8'],
    [`revocation: wipe one room (${channelParts} parts + summary)`, 'wipeRoom'],
    ['deactivation: wipe everything (list + delete)', 'wipeAll'],
  ];
  process.stdout.write(
    `### Device storage: ${fmt(PARTS)} room parts in ${fmt(rooms)} rooms (median of ${RUNS} fresh browsers, range in ms)\n\n` +
      markdownTable(
        ['operation', ...layouts.map((l) => labels[l])],
        [
          ...rows.map(([label, key, unit]) => [label, ...layouts.map((l) => cell(l, key, unit))]),
          [
            `write the ${fmt(PARTS)} parts, ${SMALL_EDITS + 1} updates each, one part after the other (once)`,
            ...layouts.map((l) => ms(setup[l]!.ms)),
          ],
          ['IndexedDB on disk after setup', ...layouts.map((l) => mib(setup[l]!.disk))],
        ],
      ) +
      '\n',
  );
  if (!migration) return;
  const [first, second] = migration as [MigrationStart, MigrationStart];
  process.stdout.write(
    `\n### Migration of those ${fmt(PARTS)} y-indexeddb databases into the workspace database (one run)\n\n` +
      markdownTable(
        [
          'start',
          'a part opened at once is loaded',
          'every old database copied and verified',
          `then load ${CATCH_UP} parts, one at a time`,
          'old databases deleted by then (in the background)',
        ],
        [first, second].map((start, i) => [
          i === 0 ? 'first start after the upgrade (copies)' : 'second start (deletes)',
          ms(start.first),
          ms(start.ready),
          ms(start.loadParts),
          `${fmt(start.deleted)} in ${ms(start.elapsed)}${start.over ? ', all' : ''}`,
        ]),
      ) +
      '\n',
  );
}

await main();
