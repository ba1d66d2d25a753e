/**
 * The built client's split, read from a real `vite build` into a temp folder (about
 * 10–40 s): what the first screen loads statically and what the service worker
 * precaches. Sizes and timings are bench/first-load.ts's business, not asserted here.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BUILD_TIMEOUT_MS = 240_000;

/** Packages that must never be in the first screen's static import graph [LOAD1]. */
const HEAVY =
  /node_modules[\\/](@tiptap[\\/]|prosemirror-|@huggingface[\\/]transformers|onnxruntime-web)/;

/** One entry of the manifest. */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

let outDir: string;
/** dist/.vite/manifest.json: the chunk graph, static `imports` apart from `dynamicImports`. */
let manifest: Record<string, ManifestChunk>;
/** Output file name -> the modules bundled into it. */
const modulesOf = new Map<string, readonly string[]>();

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'ws-first-load-'));
  // Vitest runs with NODE_ENV=test, which gives Solid's dev build and a service worker
  // that precaches no asset: build what `npm run build` ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const result = await build({
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, manifest: true },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
    for (const { output } of outputs)
      for (const chunk of output)
        if (chunk.type === 'chunk') modulesOf.set(chunk.fileName, chunk.moduleIds);
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const text = await readFile(join(outDir, '.vite', 'manifest.json'), 'utf8');
  manifest = JSON.parse(text) as Record<string, ManifestChunk>;
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** The entry chunk and every chunk reached from it through static imports only. */
function staticClosure(): ManifestChunk[] {
  const seen = new Set<string>();
  const queue = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  while (queue.length > 0) {
    const key = queue.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    queue.push(...(manifest[key]?.imports ?? []));
  }
  return [...seen].map((key) => manifest[key]!);
}

describe('first load', () => {
  it('[LOAD1] the entry chunk imports no editor or AI runtime module statically', () => {
    const closure = staticClosure();
    expect(closure.length).toBeGreaterThan(0);
    const heavy = closure.flatMap((chunk) =>
      (modulesOf.get(chunk.file) ?? [])
        .filter((id) => HEAVY.test(id))
        .map((id) => `${chunk.file}: ${id.replace(/.*node_modules[\\/]/, '')}`),
    );
    expect(heavy).toEqual([]);
    // The editor is still in the build, behind a dynamic import (else the check above
    // would pass for a build that lost the docs page).
    const all = [...modulesOf.values()].flat();
    expect(all.some((id) => /node_modules[\\/]@tiptap[\\/]core/.test(id))).toBe(true);
  });

  it('[LOAD2] the service worker precaches every script and stylesheet of the build', async () => {
    const assets = (await readdir(join(outDir, 'assets')))
      .filter((file) => /\.(m?js|css)$/.test(file))
      .map((file) => `assets/${file}`);
    const sw = await readFile(join(outDir, 'sw.js'), 'utf8');
    const precached = new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((match) => match[1]));
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((file) => !precached.has(file))).toEqual([]);
  });
});
