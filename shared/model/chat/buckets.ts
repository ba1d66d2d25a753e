/**
 * History buckets: a channel's messages are split by UTC month of their HLC wall time,
 * one Y.Doc (sync room `<channelId>:m<YYYY-MM>`) per month. A month keeps a busy
 * channel's bucket at a few thousand messages; the meta doc lists the months that
 * exist, so scrolling back loads exactly the next older one without probing empty months.
 */
export type Bucket = string;

export function bucketOf(wallMs: number): Bucket {
  const date = new Date(wallMs);
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `m${date.getUTCFullYear()}-${month}`;
}

export function bucketRoom(channelId: string, bucket: Bucket): string {
  return `${channelId}:${bucket}`;
}

export function metaRoom(channelId: string): string {
  return `${channelId}:meta`;
}

/** Newest first. Bucket names sort chronologically as strings. */
export function sortBucketsNewestFirst(buckets: Iterable<Bucket>): Bucket[] {
  return [...buckets].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
}
