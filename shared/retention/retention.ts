import type * as Y from 'yjs';
import { z } from 'zod';

/**
 * Message retention of a channel or DM [RETAIN1]-[RETAIN3]: one rule, applied by the
 * relay (which removes expired messages from its store) and by every device (which
 * hides them at once and removes them from its own copy). Pure functions over Y.Docs;
 * the caller passes the time and the transaction origin.
 *
 * A bucket entry (shared/…/chat layout: `<channel>:m<YYYY-MM>`, getMap('messages'))
 * is expired when its createdAt is before the cutoff (a value without a numeric
 * createdAt counts as created at 0), or when it is a thread reply whose parent
 * expired: a thread lives in its parent's month and is shown under its parent, so
 * it goes with it. Reactions of expired messages go too. In the meta doc, DINGs
 * (which carry a preview of the text) created before the cutoff are removed, and so
 * are the bucket names of months that ended before it.
 */

export const DAY_MS = 86_400_000;
export const MIN_RETENTION_DAYS = 1;
/** A hundred years: beyond that, "keep forever" (no policy) says it better. */
export const MAX_RETENTION_DAYS = 36_500;

/** PUT /api/rooms/:id/retention: whole days, or null to keep messages forever. */
export const RetentionBody = z.object({
  days: z
    .number()
    .int('whole days')
    .min(MIN_RETENTION_DAYS, `at least ${MIN_RETENTION_DAYS} day`)
    .max(MAX_RETENTION_DAYS, `at most ${MAX_RETENTION_DAYS} days`)
    .nullable(),
});
export type RetentionBody = z.infer<typeof RetentionBody>;

/** GET /api/rooms/:id/retention: the policy any member may read. */
export const RetentionPolicy = z.object({
  days: z.number().int().positive().nullable(),
  /** Who set it and when; null when it was never set (or was removed). */
  setBy: z.string().nullable(),
  setAt: z.number().nullable(),
});
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;

/** Messages created before this instant are expired. */
export function retentionCutoff(now: number, days: number): number {
  return now - days * DAY_MS;
}

/** `m2024-03` -> the first instant after that UTC month; NaN for another name. */
export function bucketEnd(bucket: string): number {
  const match = /^m(\d{4})-(\d{2})$/.exec(bucket);
  if (!match) return Number.NaN;
  return Date.UTC(Number(match[1]), Number(match[2]), 1);
}

/** `m2024-03` -> its first instant; NaN for another name. */
export function bucketStart(bucket: string): number {
  const match = /^m(\d{4})-(\d{2})$/.exec(bucket);
  if (!match) return Number.NaN;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, 1);
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

/** Ids of the expired entries of a bucket doc's getMap('messages'). */
export function expiredMessageIds(bucket: Y.Doc, cutoff: number): Set<string> {
  const messages = bucket.getMap<unknown>('messages');
  const expired = new Set<string>();
  const parents = new Map<string, string>();
  for (const [id, value] of messages) {
    const createdAt = field(value, 'createdAt');
    if (typeof createdAt !== 'number' || createdAt < cutoff) expired.add(id);
    const parentId = field(value, 'parentId');
    if (typeof parentId === 'string') parents.set(id, parentId);
  }
  for (const [id, parentId] of parents) if (expired.has(parentId)) expired.add(id);
  return expired;
}

const SEP = '\u0000';

/**
 * Deletes the expired messages of a bucket doc and their reactions, in one
 * transaction with `origin`; returns how many messages it deleted.
 */
export function expireBucket(bucket: Y.Doc, cutoff: number, origin: unknown): number {
  const expired = expiredMessageIds(bucket, cutoff);
  if (expired.size === 0) return 0;
  const messages = bucket.getMap<unknown>('messages');
  const reactions = bucket.getMap<unknown>('reactions');
  bucket.transact(() => {
    for (const id of expired) messages.delete(id);
    for (const key of [...reactions.keys()])
      if (expired.has(key.slice(0, key.indexOf(SEP)))) reactions.delete(key);
  }, origin);
  return expired.size;
}

/** Removes expired DINGs and the names of months that ended before the cutoff from a meta doc. */
export function expireMeta(meta: Y.Doc, cutoff: number, origin: unknown): number {
  const dings = meta.getMap<unknown>('dings');
  const buckets = meta.getMap<unknown>('buckets');
  const goneDings = [...dings].flatMap(([id, ding]) => {
    const createdAt =
      ding && typeof (ding as { get?: unknown }).get === 'function'
        ? (ding as Y.Map<unknown>).get('createdAt')
        : undefined;
    return typeof createdAt !== 'number' || createdAt < cutoff ? [id] : [];
  });
  const goneBuckets = [...buckets.keys()].filter((bucket) => bucketEnd(bucket) <= cutoff);
  if (goneDings.length + goneBuckets.length === 0) return 0;
  meta.transact(() => {
    for (const id of goneDings) dings.delete(id);
    for (const bucket of goneBuckets) buckets.delete(bucket);
  }, origin);
  return goneDings.length + goneBuckets.length;
}
