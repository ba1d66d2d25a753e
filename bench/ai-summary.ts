/**
 * Extractive summary of a long chat thread (client/src/features/ai/model), next to
 * a naive baseline in the same run: the frequent-words summarizer (Luhn, 1958:
 * score each sentence by the frequency of its words, keep the top 5), which reads
 * the same sentences but builds no graph. Also: the same summary at 100 and 5,000
 * messages (the graph is capped at 600 sentences), and linking a 5-sentence model
 * summary back to 1,000 messages. One process with --expose-gc; each case runs once
 * to warm up, then BENCH_RUNS times (median and range shown). Heap: what the result
 * keeps after GC, and how far the heap grew during the call (garbage included).
 *
 *   node --expose-gc --import tsx bench/ai-summary.ts
 */
import {
  linkSentences,
  sourceSentences,
  summarizeExtractive,
  type SourceText,
} from '../client/src/features/ai/model/index.js';
import { terms } from '../client/src/features/ai/model/terms.js';
import { chatThread } from './lib/chat-thread.js';
import { fmt, markdownTable, mib, ms, progress } from './lib/report.js';

const MESSAGES = Number(process.env.BENCH_AI_MESSAGES ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Luhn-style baseline: sentences scored by the mean frequency of their terms. */
function frequentWords(sources: SourceText[], max = 5): string[] {
  const sentences = sourceSentences(sources);
  const frequency = new Map<string, number>();
  for (const s of sentences)
    for (const t of terms(s.text)) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  return sentences
    .map((s) => {
      const ts = terms(s.text);
      return {
        s,
        score: ts.reduce((sum, t) => sum + (frequency.get(t) ?? 0), 0) / Math.max(1, ts.length),
      };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, max)
    .map(({ s }) => s.text);
}

function measure(run: () => unknown): {
  ms: number;
  range: string;
  retained: number;
  growth: number;
} {
  run();
  const times: number[] = [];
  const retained: number[] = [];
  const growth: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    gc!();
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const result = run();
    times.push(performance.now() - started);
    growth.push(process.memoryUsage().heapUsed - before);
    gc!();
    retained.push(process.memoryUsage().heapUsed - before);
    if (result === undefined) throw new Error('no result');
  }
  return {
    ms: median(times),
    range: `${fmt(Math.min(...times), 1)}–${fmt(Math.max(...times), 1)}`,
    retained: Math.max(0, median(retained)),
    growth: median(growth),
  };
}

const thread = chatThread(MESSAGES);
const small = chatThread(100);
const large = chatThread(5 * MESSAGES);
const count = (sources: SourceText[]) => sourceSentences(sources).length;
const summaryText = summarizeExtractive(thread)
  .keyPoints.map((k) => k.text)
  .join(' ');

const cases: Array<[string, SourceText[], () => unknown]> = [
  [
    `baseline: frequent-words summary (Luhn), ${fmt(MESSAGES)} messages`,
    thread,
    () => frequentWords(thread),
  ],
  [`summarizeExtractive, ${fmt(100)} messages`, small, () => summarizeExtractive(small)],
  [`summarizeExtractive, ${fmt(MESSAGES)} messages`, thread, () => summarizeExtractive(thread)],
  [`summarizeExtractive, ${fmt(5 * MESSAGES)} messages`, large, () => summarizeExtractive(large)],
  [
    `linkSentences: 5-sentence summary to ${fmt(MESSAGES)} messages`,
    thread,
    () => linkSentences(summaryText, thread),
  ],
];
const rows: string[][] = [];
const figures: number[] = [];
for (const [label, sources, run] of cases) {
  progress(`${label}…`);
  const r = measure(run);
  figures.push(r.ms);
  rows.push([
    label,
    fmt(count(sources)),
    `${ms(r.ms)} (${r.range})`,
    mib(r.retained),
    mib(r.growth),
  ]);
}
const [baseline = NaN, , main = NaN] = figures;
process.stdout.write(
  [
    `### Extractive summary of a ${fmt(MESSAGES)}-message thread (median of ${RUNS} runs after one warm-up, range in ms)`,
    '',
    markdownTable(
      ['case', 'sentences', 'time', 'heap kept after GC', 'heap growth during the call'],
      rows,
    ),
    '',
    `The TextRank summary of ${fmt(MESSAGES)} messages takes ${fmt(main / baseline, 1)}x the time of the frequent-words baseline.`,
  ].join('\n') + '\n',
);
