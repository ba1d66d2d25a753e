/**
 * Embedding 1,000 chat messages with the generated tiny embedder through the real
 * Transformers.js feature-extraction pipeline (onnxruntime-node, mean pooling +
 * normalize), one message per call and 32 per call, against two peers in the same
 * run: the same word hashing as plain JS (what the pipeline adds: tokenizer, tensors,
 * ONNX session) and MiniSearch indexing the same messages (the keyword-search
 * fallback). Each case runs in a fresh `node --expose-gc` process (this file with a
 * case name); heap and RSS are measured after GC with the result kept alive.
 *
 *   node --import tsx bench/ai-embed.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, pipeline } from '@huggingface/transformers';
import MiniSearch from 'minisearch';
import {
  EMBEDDER_DIMENSIONS,
  generateTinyModels,
  TINY_EMBEDDER,
} from '../tests/support/tiny-models/index.js';
import { addWordVector } from '../tests/support/tiny-models/word-hash.js';
import { freshRuns, median } from './lib/fresh-runs.js';
import { fmt, markdownTable, mib, ms, progress } from './lib/report.js';

const MESSAGES = Number(process.env.BENCH_AI_MESSAGES ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CASES = ['pipeline-batch-1', 'pipeline-batch-32', 'hash-bow', 'minisearch'] as const;
type Case = (typeof CASES)[number];
interface Result {
  loadMs: number;
  ms: number;
  heap: number;
  rss: number;
}

/** Deterministic chat-like messages: 4–30 words, mostly in the tiny vocabulary, some not. */
function chatMessages(count: number): string[] {
  const words = (
    'can we ship the release on friday review the draft please thanks team deploy ' +
    'server bug fix tests pass meeting tomorrow morning lunch budget customer feedback ' +
    'ok sure agreed late sprint plan notes kubernetes invoice Ann Bob 42 v2.1 :) !'
  ).split(' ');
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return Array.from({ length: count }, () => {
    const length = 4 + Math.floor(next() * 27);
    return Array.from({ length }, () => words[Math.floor(next() * words.length)]).join(' ');
  });
}

function hashEmbed(text: string): Float32Array {
  const vector = new Float32Array(EMBEDDER_DIMENSIONS);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) addWordVector(vector, word);
  const norm = Math.hypot(...vector) || 1;
  return vector.map((x) => x / norm);
}

async function runCase(which: Case, modelsDir: string): Promise<Result> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const settle = () => {
    for (let i = 0; i < 3; i += 1) gc();
    return process.memoryUsage();
  };
  const texts = chatMessages(MESSAGES);
  env.localModelPath = modelsDir;
  env.allowRemoteModels = false;
  const before = settle();
  let started = performance.now();
  const embed = which.startsWith('pipeline')
    ? await pipeline('feature-extraction', TINY_EMBEDDER, { dtype: 'fp32' })
    : null;
  const loadMs = performance.now() - started;
  let kept: unknown[] = [];
  started = performance.now();
  if (embed) {
    const batch = which === 'pipeline-batch-32' ? 32 : 1;
    for (let i = 0; i < texts.length; i += batch) {
      const out = await embed(texts.slice(i, i + batch), { pooling: 'mean', normalize: true });
      kept.push(out.data);
    }
  } else if (which === 'hash-bow') {
    kept = texts.map(hashEmbed);
  } else {
    const index = new MiniSearch({ fields: ['text'] });
    index.addAll(texts.map((text, id) => ({ id, text })));
    kept = [index];
  }
  const elapsed = performance.now() - started;
  const after = settle();
  if (kept.length === 0) throw new Error('nothing embedded');
  return {
    loadMs,
    ms: elapsed,
    heap: after.heapUsed - before.heapUsed,
    rss: after.rss - before.rss,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ai-embed-'));
  await generateTinyModels(dir);
  const labels: Record<Case, string> = {
    'pipeline-batch-1': 'tiny embedder, Transformers.js pipeline, 1 message per call',
    'pipeline-batch-32': 'tiny embedder, Transformers.js pipeline, 32 messages per call',
    'hash-bow': `baseline: the same word hashing in plain JS (${EMBEDDER_DIMENSIONS} dims, normalized)`,
    minisearch: 'baseline: MiniSearch index of the same messages (keyword fallback)',
  };
  const rows: string[][] = [];
  const figures = new Map<Case, number>();
  for (const which of CASES) {
    progress(`case ${which}…`);
    const results = freshRuns<Result>(['bench/ai-embed.ts', which, dir], RUNS);
    const times = results.map((r) => r.ms);
    const time = median(times);
    figures.set(which, time);
    const load = which.startsWith('pipeline') ? ms(median(results.map((r) => r.loadMs))) : '–';
    rows.push([
      labels[which],
      load,
      `${ms(time)} (${fmt(Math.min(...times))}–${fmt(Math.max(...times))})`,
      `${fmt((time * 1000) / MESSAGES)} µs`,
      mib(median(results.map((r) => r.heap))),
      mib(median(results.map((r) => r.rss))),
    ]);
  }
  rmSync(dir, { recursive: true, force: true });
  const ratio = (a: Case, b: Case) => fmt((figures.get(a) ?? NaN) / (figures.get(b) ?? NaN), 1);
  process.stdout.write(
    [
      `### Embedding ${fmt(MESSAGES)} chat messages (median of ${RUNS} fresh processes, range in ms)`,
      '',
      markdownTable(
        ['case', 'load', `embed ${fmt(MESSAGES)}`, 'per message', 'heap after GC', 'RSS after GC'],
        rows,
      ),
      '',
      `Batches of 32 take ${ratio('pipeline-batch-32', 'pipeline-batch-1')}x the time of one call per message; ` +
        `the pipeline at 32 per call takes ${ratio('pipeline-batch-32', 'hash-bow')}x the plain-JS hashing ` +
        `and ${ratio('pipeline-batch-32', 'minisearch')}x MiniSearch indexing.`,
    ].join('\n') + '\n',
  );
}

const [which, dir] = process.argv.slice(2);
if (which && dir) {
  process.stdout.write(JSON.stringify(await runCase(which as Case, dir)));
} else {
  await main();
}
