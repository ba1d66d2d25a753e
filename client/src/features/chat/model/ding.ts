import * as Y from 'yjs';
import { ChatModelError } from './errors.js';
import { CHAT_ORIGIN } from './messages.js';

/*
 * DING state lives in the channel's meta doc, getMap('dings'): message id -> Y.Map
 *   sender: user id, recipients: user id[], createdAt: ms, key: message sort key,
 *   bucket: where the message is, preview: first characters of the text,
 *   acks: Y.Map<user id, ms>   (a recipient acknowledges once; concurrent acks merge)
 *
 * Rate limit: a sender may create at most DING_LIMIT.max DINGs per DING_LIMIT.windowMs
 * in one channel, counted from the dings in this doc. This is enforced by the client
 * model only: the relay never parses documents, so a modified client can write as many
 * DING entries as it likes to a channel it may write (and recipients' devices would
 * ring for each). Recipients' devices therefore also cap what they ring for (see
 * pendingDingsFor's `limit`), so a flood costs a reader at most that many alerts.
 */
export const DING_LIMIT = { max: 3, windowMs: 10 * 60 * 1000 } as const;

export interface Ding {
  messageId: string;
  sender: string;
  recipients: string[];
  createdAt: number;
  key: string;
  bucket: string;
  preview: string;
  acks: Map<string, number>;
}

function dings(meta: Y.Doc): Y.Map<Y.Map<unknown>> {
  return meta.getMap('dings');
}

export function createDing(
  meta: Y.Doc,
  input: {
    messageId: string;
    sender: string;
    recipients: readonly string[];
    key: string;
    bucket: string;
    preview: string;
    now: number;
  },
  limit: { max: number; windowMs: number } = DING_LIMIT,
): void {
  const recipients = [...new Set(input.recipients)].filter((r) => r !== input.sender);
  if (recipients.length === 0)
    throw new ChatModelError('invalid-input', 'choose at least one recipient');
  if (dings(meta).has(input.messageId))
    throw new ChatModelError('invalid-input', 'this message already rings');
  const recent = readDings(meta).filter(
    (d) => d.sender === input.sender && d.createdAt > input.now - limit.windowMs,
  );
  if (recent.length >= limit.max) {
    throw new ChatModelError(
      'rate-limited',
      `at most ${limit.max} urgent alerts per ${Math.round(limit.windowMs / 60000)} minutes`,
    );
  }
  meta.transact(() => {
    const entry = new Y.Map<unknown>();
    entry.set('sender', input.sender);
    entry.set('recipients', recipients);
    entry.set('createdAt', input.now);
    entry.set('key', input.key);
    entry.set('bucket', input.bucket);
    entry.set('preview', input.preview.slice(0, 140));
    entry.set('acks', new Y.Map<number>());
    dings(meta).set(input.messageId, entry);
  }, CHAT_ORIGIN);
}

export function ackDing(
  meta: Y.Doc,
  input: { messageId: string; userId: string; now: number },
): void {
  const entry = dings(meta).get(input.messageId);
  if (!entry) throw new ChatModelError('message-not-found', 'no such urgent alert');
  const recipients = entry.get('recipients');
  if (!Array.isArray(recipients) || !recipients.includes(input.userId)) {
    throw new ChatModelError('not-recipient', 'only a recipient can acknowledge');
  }
  const acks = entry.get('acks');
  if (!(acks instanceof Y.Map) || acks.has(input.userId)) return;
  meta.transact(() => acks.set(input.userId, input.now), CHAT_ORIGIN);
}

export function readDings(meta: Y.Doc): Ding[] {
  const out: Ding[] = [];
  for (const [messageId, entry] of dings(meta)) {
    const sender = entry.get('sender');
    const recipients = entry.get('recipients');
    const acks = entry.get('acks');
    if (typeof sender !== 'string' || !Array.isArray(recipients)) continue;
    const createdAt = entry.get('createdAt');
    const key = entry.get('key');
    const bucket = entry.get('bucket');
    const preview = entry.get('preview');
    out.push({
      messageId,
      sender,
      recipients: recipients.filter((r): r is string => typeof r === 'string'),
      createdAt: typeof createdAt === 'number' ? createdAt : 0,
      key: typeof key === 'string' ? key : '',
      bucket: typeof bucket === 'string' ? bucket : '',
      preview: typeof preview === 'string' ? preview : '',
      acks: readAcks(acks),
    });
  }
  return out.sort((a, b) => a.createdAt - b.createdAt);
}

/** The DINGs still ringing for `userId`, oldest first, at most `limit` per sender. */
export function pendingDingsFor(meta: Y.Doc, userId: string, limit = DING_LIMIT.max): Ding[] {
  const perSender = new Map<string, number>();
  return readDings(meta).filter((d) => {
    if (!d.recipients.includes(userId) || d.acks.has(userId)) return false;
    const n = (perSender.get(d.sender) ?? 0) + 1;
    perSender.set(d.sender, n);
    return n <= limit;
  });
}

/** How many times an alert first seen at `since` has rung by `now` (1 at once, +1 per interval). */
export function ringsSince(since: number, now: number, intervalMs: number): number {
  return 1 + Math.max(0, Math.floor((now - since) / Math.max(1, intervalMs)));
}

function readAcks(acks: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (!(acks instanceof Y.Map)) return out;
  for (const [user, at] of acks as Y.Map<unknown>) if (typeof at === 'number') out.set(user, at);
  return out;
}
