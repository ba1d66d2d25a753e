import type * as Y from 'yjs';
import { z } from 'zod';
import { origins } from '../../sync/origins.js';
import type { Bucket } from '../../../../shared/model/chat/buckets.js';
import { ChatModelError } from './errors.js';

/*
 * The meta doc of a channel (`<channelId>:meta`), small and always loaded:
 *   getMap('meta')     topic: string
 *   getMap('buckets')  bucket name -> true (months that hold messages)
 *   getMap('read')     user id -> sort key of the newest message they have read
 *                      (one pointer per person per channel, never a list per message)
 *   getMap('dings')    message id -> Y.Map (see ding.ts)
 */

const Topic = z.string().max(250, 'at most 250 characters');

export function setTopic(meta: Y.Doc, topic: string): void {
  const result = Topic.safeParse(topic.trim());
  if (!result.success)
    throw new ChatModelError('invalid-input', result.error.issues.map((i) => i.message).join('; '));
  meta.transact(() => meta.getMap('meta').set('topic', result.data), origins.chat);
}

/** Records that a bucket holds messages (called with every message write). */
export function noteBucket(meta: Y.Doc, bucket: Bucket): void {
  const buckets = meta.getMap<true>('buckets');
  if (!buckets.has(bucket)) meta.transact(() => buckets.set(bucket, true), origins.chat);
}

/**
 * Moves this person's read pointer forward to `key`. It never moves back, so a stale
 * device cannot un-read messages; two devices of one person writing at once may leave
 * the lower of two pointers (last writer wins), which the next read corrects.
 */
export function markRead(meta: Y.Doc, userId: string, key: string): boolean {
  const read = meta.getMap<string>('read');
  const current = read.get(userId);
  if (current !== undefined && current >= key) return false;
  meta.transact(() => read.set(userId, key), origins.chat);
  return true;
}
