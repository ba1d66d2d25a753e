import type * as Y from 'yjs';
import type { Bucket } from './buckets.js';

/*
 * Readers of a channel's meta doc (`<channelId>:meta`); its layout and writers are in
 * client/src/workspace/chat/meta.ts. They are here because the relay's export reads
 * them too.
 */

export function readTopic(meta: Y.Doc): string {
  const topic = meta.getMap('meta').get('topic');
  return typeof topic === 'string' ? topic : '';
}

export function readBuckets(meta: Y.Doc): Bucket[] {
  return [...meta.getMap<true>('buckets').keys()];
}

export function readPointers(meta: Y.Doc): Map<string, string> {
  const out = new Map<string, string>();
  for (const [user, key] of meta.getMap<unknown>('read'))
    if (typeof key === 'string') out.set(user, key);
  return out;
}
