import { createEffect, createMemo, createSignal, onCleanup, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import { useRegistry, useRoom } from '../../sync/registry-context.js';
import type { RoomHandle } from '../../sync/doc-registry.js';
import type { ChatServices } from './chat-context.js';
import { createYjsVersion, yjsVersion } from '../../sync/yjs-signal.js';
import {
  bucketOf,
  bucketRoom,
  byKey,
  isOnRelay,
  metaRoom,
  readBuckets,
  readDings,
  readMessages,
  readPointers,
  readTopic,
  sortBucketsNewestFirst,
  splitThreads,
  type Bucket,
  type Ding,
  type Message,
} from '../../workspace/chat/index.js';
import { expiredMessageIds, retentionCutoff } from '../../../../shared/retention/retention.js';

/** A message with where it lives and whether the relay has it. */
export interface ChannelMessage extends Message {
  bucket: Bucket;
  sent: boolean;
}

interface LoadedBucket {
  bucket: Bucket;
  handle: RoomHandle;
  version: Accessor<number>;
  stop: () => void;
}

/** Keep loading older months until the timeline has at least this many messages. */
const MIN_FILL = 40;

export interface Channel {
  meta: RoomHandle;
  topic: Accessor<string>;
  pointers: Accessor<Map<string, string>>;
  dings: Accessor<Ding[]>;
  /** Channel timeline (no replies), oldest first, over the loaded months. */
  timeline: Accessor<ChannelMessage[]>;
  replies: Accessor<Map<string, ChannelMessage[]>>;
  hasOlder: Accessor<boolean>;
  loadOlder: () => void;
  /** The doc of a month, loading it if needed (to write into it). */
  bucketDoc: (bucket: Bucket) => Y.Doc;
  loaded: Accessor<boolean>;
}

/**
 * Opens a channel: its meta doc and its newest month only; older months on request
 * (loadOlder, called when the list is scrolled to the top).
 */
export function useChannel(
  channelId: string,
  chat: ChatServices,
  /**
   * Days messages are kept [RETAIN6]: older ones are hidden at once, by this device's
   * clock. Only the relay deletes them (its clock decides), so a device whose clock is
   * wrong can never delete messages for everyone.
   */
  retentionDays: Accessor<number | null> = () => null,
): Channel {
  const registry = useRegistry();
  const meta = useRoom(metaRoom(channelId));
  const metaVersion = yjsVersion(meta.doc);
  const [loadedBuckets, setLoadedBuckets] = createSignal<LoadedBucket[]>([]);

  const open = (bucket: Bucket): LoadedBucket => {
    const existing = loadedBuckets().find((b) => b.bucket === bucket);
    if (existing) return existing;
    const handle = registry.acquire(bucketRoom(channelId, bucket));
    const { version, watch } = createYjsVersion();
    const unwatch = watch(handle.doc);
    const entry = {
      bucket,
      handle,
      version,
      stop: () => {
        unwatch();
        handle.release();
      },
    };
    setLoadedBuckets((list) => [...list, entry].sort((a, b) => (a.bucket < b.bucket ? -1 : 1)));
    return entry;
  };
  onCleanup(() => loadedBuckets().forEach((b) => b.stop()));

  const buckets = createMemo(() => (metaVersion(), readBuckets(meta.doc)));
  open(bucketOf(Date.now()));
  // The newest month that has messages (the current one may still be empty).
  createEffect(() => {
    const newest = sortBucketsNewestFirst(buckets())[0];
    if (newest !== undefined) open(newest);
  });

  const olderBucket = () => {
    const oldestLoaded = loadedBuckets()[0]?.bucket;
    return sortBucketsNewestFirst(buckets()).find(
      (b) => oldestLoaded === undefined || b < oldestLoaded,
    );
  };

  const me = chat.me;
  const perBucket = createMemo(() =>
    loadedBuckets().map((entry) => {
      entry.version();
      const relay = entry.handle.relayState();
      const pending = entry.handle.pending();
      const days = retentionDays();
      const expired =
        days === null
          ? new Set<string>()
          : expiredMessageIds(entry.handle.doc, retentionCutoff(Date.now(), days));
      const messages = readMessages(entry.handle.doc)
        .filter((m) => !expired.has(m.id))
        .map((m): ChannelMessage => ({
          ...m,
          bucket: entry.bucket,
          sent: isOnRelay(m, relay, me() ?? '', pending),
        }));
      const newest = messages.at(-1);
      if (newest) chat.observeKey(newest.key, Date.now());
      return messages;
    }),
  );
  // Months are in time order and an honest client's keys fall in their month, so the
  // concatenation is already sorted (TimSort makes this sort linear); a key in the
  // wrong month, from a bad client, is still put in its place.
  const threads = createMemo(() => splitThreads(perBucket().flat().sort(byKey)));
  const timeline = () => threads().top;
  const replies = () => threads().replies;

  const loaded = () => meta.loaded() && loadedBuckets().every((b) => b.handle.loaded());
  const loadOlder = () => {
    const older = olderBucket();
    if (older !== undefined) open(older);
  };
  // A quiet newest month should not leave the screen empty; but only once the loaded
  // months are as complete as they will get (synced, or no relay to ask), or a first
  // open on a new device would load every month while the newest is still arriving.
  const settled = () =>
    loaded() &&
    loadedBuckets().every((b) => {
      const { kind } = b.handle.status();
      return kind !== 'connecting' && kind !== 'syncing';
    });
  createEffect(() => {
    if (settled() && timeline().length < MIN_FILL) loadOlder();
  });

  return {
    meta,
    topic: () => (metaVersion(), readTopic(meta.doc)),
    pointers: createMemo(() => (metaVersion(), readPointers(meta.doc))),
    dings: createMemo(() => (metaVersion(), readDings(meta.doc))),
    timeline,
    replies,
    hasOlder: () => olderBucket() !== undefined,
    loadOlder,
    bucketDoc: (bucket) => open(bucket).handle.doc,
    loaded,
  };
}
