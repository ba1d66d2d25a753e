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
 * files in dist/client (the relay sends them uncompressed) and their gzip size
 * (zlib level 9), what a compressing proxy in front of the relay would send.
 *
 *   npx vite build && node --import tsx bench/first-load.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { E2E_OWNER, launchE2eRelay } from '../tests/support/e2e-relay.js';
import { repoRoot } from './lib/server-process.js';
import { fmt, markdownTable, ms, percentile, progress } from './lib/report.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const distDir = join(repoRoot, 'dist/client');
const IDLE_TIMEOUT_MS = 15_000;

interface Sizes {
  raw: number;
  gzip: number;
}

const sizeCache = new Map<string, Sizes>();
function sizesOf(file: string): Sizes {
  let sizes = sizeCache.get(file);
  if (!sizes) {
    const bytes = readFileSync(join(distDir, file));
    sizes = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    sizeCache.set(file, sizes);
  }
  return sizes;
}

function total(files: Iterable<string>): Sizes {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const sizes = sizesOf(file);
    raw += sizes.raw;
    gzip += sizes.gzip;
  }
  return { raw, gzip };
}

/** Same-origin script paths requested in the context, relative to dist/client. */
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

/** The JavaScript the service worker precaches (every chunk, for offline use). */
function precachedScripts(): string[] {
  const sw = readFileSync(join(distDir, 'sw.js'), 'utf8');
  return [...sw.matchAll(/url:"([^"]+\.m?js)"/g)].map((match) => match[1]!);
}

const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KiB`;

async function main(): Promise<void> {
  const relay = await launchE2eRelay();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const rows: string[][] = [];
  const details: string[] = [];
  try {
    // One unmeasured open warms the relay and the OS file cache.
    await openOnce(browser, relay.url, screens[1]!);
    for (const screen of screens) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        runs.push(await openOnce(browser, relay.url, screen));
        progress(`${screen.name}: run ${i + 1}/${RUNS}, ${runs.at(-1)!.readyMs} ms`);
      }
      const union = new Set(runs.flatMap((run) => run.files));
      const sizes = total(union);
      const times = runs.map((run) => run.readyMs);
      rows.push([
        screen.name,
        String(union.size),
        kb(sizes.raw),
        kb(sizes.gzip),
        `${ms(percentile(times, 50))} (${fmt(Math.min(...times))}–${fmt(Math.max(...times))})`,
      ]);
      details.push(
        `- ${screen.name}: ${[...union].map((file) => `\`${file}\` (${kb(sizesOf(file).gzip)} gz)`).join(', ')}`,
      );
    }
  } finally {
    await browser.close();
    await relay.dispose();
  }
  const assets = readdirSync(join(distDir, 'assets')).filter((file) => /\.m?js$/.test(file));
  const precached = precachedScripts();
  const all = total(assets.map((file) => `assets/${file}`));
  const cached = total(precached);
  process.stdout.write(
    [
      `### First load of the built client (median of ${RUNS} fresh profiles, range in ms)`,
      '',
      markdownTable(
        ['screen', 'JS files', 'JS raw (sent as is by the relay)', 'JS gzipped', 'goto → ready'],
        rows,
      ),
      '',
      `All JS in dist/client/assets: ${assets.length} files, ${kb(all.raw)} raw, ${kb(all.gzip)} gzipped; ` +
        `precached by the service worker: ${precached.length} files, ${kb(cached.raw)} raw, ${kb(cached.gzip)} gzipped.`,
      '',
      'Files requested:',
      '',
      ...details,
      '',
    ].join('\n'),
  );
}

await main();
