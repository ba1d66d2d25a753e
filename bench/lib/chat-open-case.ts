/**
 * Child process of bench/chat-open.ts (run with --expose-gc): one case, timed and with
 * heapUsed after GC before and after, printed as JSON. The loaded docs stay referenced
 * until the second measurement, as an open channel keeps them.
 *
 *   node --expose-gc --import tsx bench/lib/chat-open-case.ts <dir> <case>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import {
  byKey,
  readBuckets,
  readMessages,
  readPointers,
  sortBucketsNewestFirst,
  splitThreads,
  unreadSummary,
} from '../../client/src/workspace/chat/index.js';

export type ChatCase =
  'decode-all' | 'decode-newest' | 'open-bucketed' | 'open-single' | 'older-month';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const settle = () => {
  for (let i = 0; i < 3; i += 1) gc();
  return process.memoryUsage().heapUsed;
};

const [dir, which] = process.argv.slice(2) as [string, ChatCase];
const read = (name: string) => new Uint8Array(readFileSync(join(dir, `${name}.bin`)));
const decode = (update: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
};
const metaUpdate = read('meta');
const bucketNames = sortBucketsNewestFirst(readBuckets(decode(metaUpdate)));
const files = new Map<string, Uint8Array>([['single', read('single')]]);
for (const name of bucketNames) files.set(name, read(name));
const file = (name: string | undefined) => files.get(name ?? '') ?? new Uint8Array();

/** What opening a channel does in the app (use-channel.ts), minus the DOM. */
function open(updates: Uint8Array[]) {
  const meta = decode(metaUpdate);
  const docs = updates.map(decode);
  const messages = docs.flatMap((doc) => readMessages(doc)).sort(byKey);
  const threads = splitThreads(messages);
  const unread = unreadSummary(threads.top, readPointers(meta).get('user0'), 'user0');
  return { meta, docs, threads, unread, rows: threads.top.length };
}

const cases: Record<ChatCase, () => { keep: unknown; rows: number }> = {
  'decode-all': () => {
    const docs = bucketNames.map((b) => decode(file(b)));
    return { keep: docs, rows: docs.reduce((n, d) => n + d.getMap('messages').size, 0) };
  },
  'decode-newest': () => {
    const doc = decode(file(bucketNames[0]));
    return { keep: doc, rows: doc.getMap('messages').size };
  },
  'open-bucketed': () => {
    const opened = open([file(bucketNames[0])]);
    return { keep: opened, rows: opened.rows };
  },
  'open-single': () => {
    const opened = open([file('single')]);
    return { keep: opened, rows: opened.rows };
  },
  'older-month': () => {
    // Scrolling to the top of the newest month loads the one before it.
    const opened = open([file(bucketNames[1])]);
    return { keep: opened, rows: opened.rows };
  },
};

const before = settle();
const started = performance.now();
const { keep, rows } = cases[which]();
const ms = performance.now() - started;
const after = settle();
process.stdout.write(JSON.stringify({ ms, heap: after - before, rows, kept: keep !== null }));
