/**
 * Synthetic chat history for bench/chat-open.ts: N messages from 8 writers spread
 * evenly over MONTHS months, written through the chat model (one transaction per
 * message, as the app does) and stored as one Yjs update per month doc, plus the
 * channel's meta doc and, for comparison, the same messages in one unbucketed doc.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import {
  addMessage,
  bucketOf,
  encodeHlc,
  markRead,
  noteBucket,
  tickHlc,
  type Hlc,
} from '../../client/src/workspace/chat/index.js';

const WRITERS = 8;
const words = [
  'deploy',
  'review',
  'lunch',
  'budget',
  'release',
  'ticket',
  'design',
  'call',
  'ok',
  'thanks',
];

export interface HistoryFiles {
  dir: string;
  buckets: string[];
  /** Messages per bucket, same order as `buckets`. */
  counts: number[];
}

export function writeHistory(
  dir: string,
  total: number,
  months: number,
  start: number,
): HistoryFiles {
  mkdirSync(dir, { recursive: true });
  const spanMs = months * 30 * 24 * 3600_000;
  const byBucket = new Map<string, Y.Doc[]>();
  const single = Array.from({ length: WRITERS }, () => new Y.Doc());
  const meta = new Y.Doc();
  const clocks: (Hlc | null)[] = Array.from({ length: WRITERS }, () => null);
  for (let i = 0; i < total; i += 1) {
    const w = i % WRITERS;
    const now = start + Math.floor((i / total) * spanMs);
    const hlc = tickHlc(clocks[w] ?? null, now, `node${w}`);
    clocks[w] = hlc;
    const bucket = bucketOf(hlc.wall);
    let docs = byBucket.get(bucket);
    if (!docs) {
      docs = Array.from({ length: WRITERS }, () => new Y.Doc());
      byBucket.set(bucket, docs);
      noteBucket(meta, bucket);
    }
    const text = `${words[i % words.length]} ${words[(i * 7) % words.length]} message number ${i}`;
    const input = { id: `m${i}`, key: encodeHlc(hlc), author: `user${w}`, text, createdAt: now };
    addMessage(docs[w] as Y.Doc, input);
    addMessage(single[w] as Y.Doc, input);
  }
  const merge = (docs: Y.Doc[]) => {
    const merged = new Y.Doc();
    for (const doc of docs) Y.applyUpdate(merged, Y.encodeStateAsUpdate(doc));
    return Y.encodeStateAsUpdate(merged);
  };
  const buckets = [...byBucket.keys()].sort();
  const counts: number[] = [];
  for (const bucket of buckets) {
    const docs = byBucket.get(bucket) ?? [];
    writeFileSync(join(dir, `${bucket}.bin`), merge(docs));
    counts.push(docs.reduce((n, d) => n + d.getMap('messages').size, 0));
  }
  for (let w = 0; w < WRITERS; w += 1) markRead(meta, `user${w}`, encodeHlc(clocks[w] as Hlc));
  writeFileSync(join(dir, 'meta.bin'), Y.encodeStateAsUpdate(meta));
  writeFileSync(join(dir, 'single.bin'), merge(single));
  return { dir, buckets, counts };
}
