/**
 * Opening a 100,000-message channel: what the app does (meta doc + newest month,
 * read and ordered) against simply decoding the same Yjs data, all in one run. Each
 * case runs in a fresh `node --expose-gc` process (bench/lib/chat-open-case.ts), so
 * heap figures are the case's own; median of BENCH_RUNS runs.
 *
 *   node --import tsx bench/chat-open.ts
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHistory } from './lib/chat-history.js';
import type { ChatCase } from './lib/chat-open-case.js';
import { freshRuns, median } from './lib/fresh-runs.js';
import { fmt, markdownTable, mib, ms, progress } from './lib/report.js';

const TOTAL = Number(process.env.BENCH_CHAT_MESSAGES ?? 100_000);
const MONTHS = Number(process.env.BENCH_CHAT_MONTHS ?? 12);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const dir = mkdtempSync(join(tmpdir(), 'bench-chat-'));
progress(`writing ${TOTAL} messages over ${MONTHS} months…`);
const history = writeHistory(dir, TOTAL, MONTHS, Date.UTC(2025, 11, 1));
const kib = (name: string) => fmt(statSync(join(dir, `${name}.bin`)).size / 1024);

interface Result {
  ms: number;
  heap: number;
  rows: number;
}
function run(which: ChatCase): { ms: number; heap: number; rows: number; range: string } {
  const results = freshRuns<Result>(['bench/lib/chat-open-case.ts', dir, which], RUNS);
  const times = results.map((r) => r.ms);
  return {
    ms: median(times),
    heap: median(results.map((r) => r.heap)),
    rows: results[0]?.rows ?? 0,
    range: `${fmt(Math.min(...times))}–${fmt(Math.max(...times))}`,
  };
}

const newest = history.buckets.at(-1) ?? '';
const labels: Record<ChatCase, string> = {
  'decode-all': `bare Yjs: decode every month (${history.buckets.length} docs, ${fmt(TOTAL)} messages)`,
  'decode-newest': `bare Yjs: decode the newest month only (${kib(newest)} KiB)`,
  'open-bucketed': 'open the channel as the app does: meta + newest month, read, order, unread',
  'older-month': 'scroll back: load the previous month, read and order it',
  'open-single': `the same open with all ${fmt(TOTAL)} messages in one doc (no buckets, ${kib('single')} KiB)`,
};
const rows: string[][] = [];
const figures = new Map<ChatCase, ReturnType<typeof run>>();
for (const which of Object.keys(labels) as ChatCase[]) {
  progress(`case ${which}…`);
  const r = run(which);
  figures.set(which, r);
  rows.push([labels[which], fmt(r.rows), `${ms(r.ms)} (${r.range})`, mib(r.heap)]);
}
rmSync(dir, { recursive: true, force: true });

const open = figures.get('open-bucketed')?.ms ?? NaN;
const all = figures.get('decode-all')?.ms ?? NaN;
const newestOnly = figures.get('decode-newest')?.ms ?? NaN;
process.stdout.write(
  [
    `### Opening a ${fmt(TOTAL)}-message channel (${MONTHS} months, ${fmt(Math.round(TOTAL / history.buckets.length))} messages per month; median of ${RUNS} fresh processes, range in ms)`,
    '',
    markdownTable(['case', 'messages read', 'time', 'heap after GC'], rows),
    '',
    `Opening the channel takes ${fmt(open / all, 2)}x the time of merely decoding all of its Yjs data, ` +
      `and ${fmt(open / newestOnly, 2)}x the time of decoding the month it shows.`,
  ].join('\n') + '\n',
);
