import { fileURLToPath } from 'node:url';
import type { BrowserContext } from '@playwright/test';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles a module and everything it imports into one classic script (no app, no
 * service worker), for tests and benchmarks that run client code in Chromium.
 */
export async function bundleForBrowser(entry: string): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry, formats: ['iife'], name: 'pageEntry', fileName: 'page' },
    },
  });
  for (const output of Array.isArray(result) ? result : [result]) {
    if (!('output' in output)) continue;
    for (const chunk of output.output) if (chunk.type === 'chunk') return chunk.code;
  }
  throw new Error(`bundling ${entry} produced no script`);
}

/**
 * Serves a blank page running `script` at `origin` from inside the browser context,
 * without a server. IndexedDB belongs to the origin, so keeping the same origin
 * across browser launches on one profile finds the same databases.
 */
export async function routeScriptPage(
  context: BrowserContext,
  origin: string,
  script: string,
): Promise<void> {
  await context.route(`${origin}/**`, (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname === '/page.js') {
      return route.fulfill({ contentType: 'text/javascript', body: script });
    }
    return route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><meta charset="utf-8"><title>page</title><script src="/page.js"></script>',
    });
  });
}
