/**
 * First load of the built client in a real browser (Debian's Chromium) served by a
 * real relay child process: how much JavaScript the first screen pulls in, and how
 * long until it can be used.
 *
 * - sign-in screen: a fresh profile, signed out, opens `/` and lands on /login;
 *   ready when the Email field is visible;
 * - Home: a fresh profile with a session cookie (signed in through the API as the
 *   sign-in form does) opens `/`; ready when the Main navigation and Home's heading
 *   are visible.
 *
 * Each run is a fresh browser context with the service worker blocked, so nothing
 * comes from a cache. JavaScript counts every same-origin .js/.mjs request (workers
 * too) until the network is idle after the screen is ready; sizes are those of the
 * files in the build (the relay sends them uncompressed) and their gzip size (zlib
 * level 9), what a compressing proxy in front of the relay would send.
 *
 * BENCH_DIST lists builds to compare (comma-separated dist/client folders, each
 * served by its own relay); their runs alternate, so a busy machine slows them alike.
 *
 *   npx vite build && node --import tsx bench/first-load.ts
 *   BENCH_DIST=/tmp/base/dist/client,dist/client node --import tsx bench/first-load.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { E2E_OWNER, launchE2eRelay, type E2eRelay } from '../tests/support/e2e-relay.js';
import { repoRoot } from './lib/server-process.js';
import { fmt, markdownTable, ms, percentile, progress } from './lib/report.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const builds = (process.env.BENCH_DIST ?? 'dist/client')
  .split(',')
  .map((dir) => resolve(repoRoot, dir));
const IDLE_TIMEOUT_MS = 15_000;

interface Sizes {
  raw: number;
  gzip: number;
}

const sizeCache = new Map<string, Sizes>();
function sizesOf(path: string): Sizes {
  let sizes = sizeCache.get(path);
  if (!sizes) {
    const bytes = readFileSync(path);
    sizes = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    sizeCache.set(path, sizes);
  }
  return sizes;
}

function total(dist: string, files: Iterable<string>): Sizes {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const sizes = sizesOf(resolve(dist, file));
    raw += sizes.raw;
    gzip += sizes.gzip;
  }
  return { raw, gzip };
}

/** Same-origin script paths requested in the context, relative to the build folder. */
function recordScripts(context: BrowserContext, origin: string): Set<string> {
  const files = new Set<string>();
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === origin && /\.m?js$/.test(url.pathname)) files.add(url.pathname.slice(1));
  });
  return files;
}

interface Screen {
  name: string;
  signedIn: boolean;
  ready(page: Page): Promise<unknown>;
}

const screens: Screen[] = [
  {
    name: 'sign-in screen (signed out, `/` → /login)',
    signedIn: false,
    ready: (page) => page.getByRole('textbox', { name: 'Email' }).waitFor(),
  },
  {
    name: 'Home (signed in, `/`)',
    signedIn: true,
    ready: async (page) => {
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    },
  },
];

interface Run {
  readyMs: number;
  files: string[];
}

async function openOnce(browser: Browser, baseURL: string, screen: Screen): Promise<Run> {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  try {
    if (screen.signedIn) {
      const response = await context.request.post('/api/auth/login', {
        data: { email: E2E_OWNER.email, password: E2E_OWNER.password },
      });
      if (!response.ok()) throw new Error(`login: ${response.status()}`);
    }
    const files = recordScripts(context, new URL(baseURL).origin);
    const page = await context.newPage();
    const started = Date.now();
    await page.goto('/');
    await screen.ready(page);
    const readyMs = Date.now() - started;
    // What loads right after the screen (a prefetch, a worker) is still first-load cost.
    await page.waitForLoadState('networkidle', { timeout: IDLE_TIMEOUT_MS }).catch(() => {
      progress(`  network not idle after ${IDLE_TIMEOUT_MS} ms; counting what was requested`);
    });
    return { readyMs, files: [...files].sort() };
  } finally {
    await context.close();
  }
}

async function relayFor(dist: string): Promise<E2eRelay> {
  const relay = await launchE2eRelay();
  relay.env.STATIC_DIR = dist;
  await relay.stop();
  await relay.start();
  return relay;
}

/** The JavaScript in the build, and what of it the service worker precaches. */
function buildTotals(dist: string): string {
  const assets = readdirSync(resolve(dist, 'assets'))
    .filter((file) => /\.m?js$/.test(file))
    .map((file) => `assets/${file}`);
  const sw = readFileSync(resolve(dist, 'sw.js'), 'utf8');
  const precached = [...sw.matchAll(/url:"([^"]+\.m?js)"/g)].map((match) => match[1]!);
  const all = total(dist, assets);
  const cached = total(dist, precached);
  return (
    `\`${dist}\`: ${assets.length} JS files, ${kb(all.raw)} raw, ${kb(all.gzip)} gzipped; ` +
    `precached by the service worker: ${precached.length} files, ${kb(cached.raw)} raw, ${kb(cached.gzip)} gzipped.`
  );
}

const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KiB`;

async function main(): Promise<void> {
  const relays: E2eRelay[] = [];
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const runs = new Map<string, Run[]>();
  const key = (dist: string, screen: Screen) => `${dist}\n${screen.name}`;
  try {
    for (const dist of builds) relays.push(await relayFor(dist));
    // One unmeasured open per build warms its relay and the OS file cache.
    for (const relay of relays) await openOnce(browser, relay.url, screens[1]!);
    for (let i = 0; i < RUNS; i += 1) {
      for (const screen of screens) {
        for (const [index, dist] of builds.entries()) {
          const run = await openOnce(browser, relays[index]!.url, screen);
          runs.set(key(dist, screen), [...(runs.get(key(dist, screen)) ?? []), run]);
          progress(`${dist} ${screen.name}: run ${i + 1}/${RUNS}, ${run.readyMs} ms`);
        }
      }
    }
  } finally {
    await browser.close();
    for (const relay of relays) await relay.dispose();
  }
  const rows: string[][] = [];
  const details: string[] = [];
  for (const screen of screens) {
    for (const dist of builds) {
      const screenRuns = runs.get(key(dist, screen)) ?? [];
      const union = new Set(screenRuns.flatMap((run) => run.files));
      const sizes = total(dist, union);
      const times = screenRuns.map((run) => run.readyMs);
      const build = builds.length > 1 ? [`\`${dist}\``] : [];
      rows.push([
        screen.name,
        ...build,
        String(union.size),
        kb(sizes.raw),
        kb(sizes.gzip),
        `${ms(percentile(times, 50))} (${fmt(Math.min(...times))}–${fmt(Math.max(...times))})`,
      ]);
      const listed = [...union].map(
        (file) => `\`${file}\` (${kb(sizesOf(resolve(dist, file)).gzip)} gz)`,
      );
      details.push(
        `- ${screen.name}${builds.length > 1 ? `, \`${dist}\`` : ''}: ${listed.join(', ')}`,
      );
    }
  }
  const header = ['screen', ...(builds.length > 1 ? ['build'] : []), 'JS files'];
  process.stdout.write(
    [
      `### First load of the built client (median of ${RUNS} fresh profiles, range in ms)`,
      '',
      markdownTable(
        [...header, 'JS raw (sent as is by the relay)', 'JS gzipped', 'goto → ready'],
        rows,
      ),
      '',
      ...builds.map(buildTotals),
      '',
      'Files requested:',
      '',
      ...details,
      '',
    ].join('\n'),
  );
}

await main();
