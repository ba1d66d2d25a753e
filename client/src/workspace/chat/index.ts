/**
 * The chat model: pure functions over Y.Docs. Time, ids and the HLC are passed in.
 *
 * Layout of one channel (or DM; both are relay rooms whose access rule covers every part):
 *
 *   <channelId>:meta           small, always loaded: topic, list of buckets, one read
 *                              pointer per person, DING state (meta.ts, ding.ts)
 *   <channelId>:m<YYYY-MM>     one Y.Doc per UTC month of history (buckets.ts):
 *                              getMap('messages'): message id -> one plain value
 *                                { key: HLC sort key (hlc.ts), author, text, createdAt,
 *                                  parentId, mentions, editedAt, deleted }
 *                                (thread replies live in their parent's month, so a
 *                                thread is always one doc; messages.ts says why one value)
 *                              getMap('reactions'): `id\0emoji\0user` -> true (a set)
 *
 * Opening a channel loads the meta doc and the newest bucket; older months load on
 * scroll. Order within and across buckets is the HLC key, identical on every device.
 */
export * from '../../../../shared/model/chat/buckets.js';
export * from './delivery.js';
export * from './ding.js';
export * from './errors.js';
export * from './hlc.js';
export * from './meta.js';
export * from '../../../../shared/model/chat/mentions.js';
export * from '../../../../shared/model/chat/messages.js';
export * from '../../../../shared/model/chat/read-meta.js';
export * from './receipts.js';
export * from './search.js';
export * from './write-messages.js';
export * from '../../../../shared/model/chat/threads.js';
export * from './timeline-layout.js';
