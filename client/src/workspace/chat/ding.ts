import * as Y from 'yjs';
import { DING_RATE } from '../../../../shared/api/schemas.js';
import { origins } from '../../sync/origins.js';
import { ChatModelError } from './errors.js';

/*
 * DING state lives in the channel's meta doc, getMap('dings'): message id -> Y.Map
 *   sender: user id, recipients: user id[], createdAt: ms, key: message sort key,
 *   bucket: where the message is, preview: first characters of the text,
 *   acks: Y.Map<user id, ms>   (a recipient acknowledges once; concurrent acks merge)
 *   permit: the relay's signed permit for this DING (POST /api/rooms/:id/ding)
 *
 * Rate limit: the relay is the authority. It issues at most DING_RATE permits per
 * sender (shared/api/schemas.ts) and recipients' apps ring only for a DING whose
 * permit the relay verifies. The relay never parses documents, so a modified client
 * can still write DING entries without permits: they are stored but never ring. The
 * model repeats the limit per channel (so an honest client fails before asking) and
 * recipients cap what they ring for per sender (pendingDingsFor's `limit`).
 */
export const DING_LIMIT = DING_RATE;

export interface Ding {
  messageId: string;
  sender: string;
  recipients: string[];
  createdAt: number;
  key: string;
  bucket: string;
  preview: string;
  acks: Map<string, number>;
  permit: string;
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
    permit: string;
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
    entry.set('permit', input.permit);
    dings(meta).set(input.messageId, entry);
  }, origins.chat);
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
  meta.transact(() => acks.set(input.userId, input.now), origins.chat);
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
    const permit = entry.get('permit');
    out.push({
      messageId,
      sender,
      recipients: recipients.filter((r): r is string => typeof r === 'string'),
      createdAt: typeof createdAt === 'number' ? createdAt : 0,
      key: typeof key === 'string' ? key : '',
      bucket: typeof bucket === 'string' ? bucket : '',
      preview: typeof preview === 'string' ? preview : '',
      acks: readAcks(acks),
      permit: typeof permit === 'string' ? permit : '',
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
