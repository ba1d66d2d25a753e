import * as Y from 'yjs';
import { z } from 'zod';
import { ChatModelError } from './errors.js';
import type { Mentions } from './mentions.js';

/** Transaction origin for chat edits (providers never echo their own origins). */
export const CHAT_ORIGIN = 'chat';

export const MAX_MESSAGE_LENGTH = 10_000;

const Text = z
  .string()
  .max(MAX_MESSAGE_LENGTH, `at most ${MAX_MESSAGE_LENGTH} characters`)
  .refine((text) => text.trim().length > 0, 'a message cannot be empty');

const NewMessage = z.object({
  id: z.string().min(1).max(64),
  key: z.string().min(1).max(128),
  author: z.string().min(1),
  text: Text,
  createdAt: z.number().int().nonnegative(),
  parentId: z.string().min(1).max(64).nullable().default(null),
  mentions: z
    .object({ users: z.array(z.string()), channel: z.boolean() })
    .default({ users: [], channel: false }),
});
export type NewMessage = z.input<typeof NewMessage>;

export interface Reaction {
  emoji: string;
  users: string[];
}

/** A message as views read it; `text` is empty once deleted. */
export interface Message {
  id: string;
  key: string;
  author: string;
  text: string;
  createdAt: number;
  parentId: string | null;
  editedAt: number | null;
  deleted: boolean;
  mentions: Mentions;
  reactions: Reaction[];
  /** Which Yjs item holds the message: the relay has it once its state vector passes clock. */
  item: { client: number; clock: number } | null;
}

export function messagesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('messages');
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ChatModelError('invalid-input', result.error.issues.map((i) => i.message).join('; '));
}

/** Adds a message (or a thread reply when parentId is set) to a bucket doc. */
export function addMessage(doc: Y.Doc, input: NewMessage): void {
  const m = parse(NewMessage, input);
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    entry.set('key', m.key);
    entry.set('author', m.author);
    entry.set('text', m.text);
    entry.set('createdAt', m.createdAt);
    entry.set('parentId', m.parentId);
    entry.set('mentions', m.mentions);
    entry.set('editedAt', null);
    entry.set('deleted', false);
    entry.set('reactions', new Y.Map<true>());
    messagesMap(doc).set(m.id, entry);
  }, CHAT_ORIGIN);
}

function ownEntry(doc: Y.Doc, id: string, userId: string): Y.Map<unknown> {
  const entry = messagesMap(doc).get(id);
  if (!entry) throw new ChatModelError('message-not-found', `no message ${id}`);
  if (entry.get('author') !== userId)
    throw new ChatModelError('not-author', 'only the author can change a message');
  if (entry.get('deleted') === true)
    throw new ChatModelError('message-deleted', 'the message was deleted');
  return entry;
}

/** Replaces the text of one's own message; views show it as edited. */
export function editMessage(
  doc: Y.Doc,
  input: { id: string; userId: string; text: string; mentions: Mentions; now: number },
): void {
  const text = parse(Text, input.text);
  const entry = ownEntry(doc, input.id, input.userId);
  doc.transact(() => {
    entry.set('text', text);
    entry.set('mentions', input.mentions);
    entry.set('editedAt', input.now);
  }, CHAT_ORIGIN);
}

/** Deletes one's own message: the text is dropped, a "deleted" placeholder keeps its place. */
export function deleteMessage(
  doc: Y.Doc,
  input: { id: string; userId: string; now: number },
): void {
  const entry = ownEntry(doc, input.id, input.userId);
  doc.transact(() => {
    entry.set('text', '');
    entry.set('mentions', { users: [], channel: false });
    entry.set('deleted', true);
    entry.set('editedAt', input.now);
    (entry.get('reactions') as Y.Map<true>).clear();
  }, CHAT_ORIGIN);
}

const Emoji = z.string().min(1).max(16);
const SEP = '\u0000';

/** Adds or removes this person's reaction (a set per emoji, so concurrent reactions merge). */
export function toggleReaction(
  doc: Y.Doc,
  input: { id: string; userId: string; emoji: string },
): void {
  const emoji = parse(Emoji, input.emoji);
  const entry = messagesMap(doc).get(input.id);
  if (!entry) throw new ChatModelError('message-not-found', `no message ${input.id}`);
  if (entry.get('deleted') === true)
    throw new ChatModelError('message-deleted', 'the message was deleted');
  const reactions = entry.get('reactions') as Y.Map<true>;
  const key = `${emoji}${SEP}${input.userId}`;
  doc.transact(() => {
    if (reactions.has(key)) reactions.delete(key);
    else reactions.set(key, true);
  }, CHAT_ORIGIN);
}

function readReactions(map: unknown): Reaction[] {
  if (!(map instanceof Y.Map)) return [];
  const byEmoji = new Map<string, string[]>();
  for (const key of (map as Y.Map<true>).keys()) {
    const [emoji, user] = key.split(SEP);
    if (!emoji || !user) continue;
    byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), user]);
  }
  return [...byEmoji]
    .map(([emoji, users]) => ({ emoji, users: users.sort() }))
    .sort((a, b) => (a.emoji < b.emoji ? -1 : 1));
}

const noMentions: Mentions = { users: [], channel: false };

function readMentions(value: unknown): Mentions {
  if (typeof value !== 'object' || value === null) return noMentions;
  const v = value as Partial<Mentions>;
  return {
    users: Array.isArray(v.users) ? v.users.filter((u) => typeof u === 'string') : [],
    channel: v.channel === true,
  };
}

/** One message from its Y.Map; null when it is malformed (a bad peer cannot break the view). */
export function readMessage(id: string, entry: Y.Map<unknown>): Message | null {
  const key = entry.get('key');
  const author = entry.get('author');
  if (typeof key !== 'string' || typeof author !== 'string') return null;
  const text = entry.get('text');
  const createdAt = entry.get('createdAt');
  const parentId = entry.get('parentId');
  const editedAt = entry.get('editedAt');
  const item = entry._item;
  return {
    id,
    key,
    author,
    text: typeof text === 'string' ? text : '',
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    parentId: typeof parentId === 'string' ? parentId : null,
    editedAt: typeof editedAt === 'number' ? editedAt : null,
    deleted: entry.get('deleted') === true,
    mentions: readMentions(entry.get('mentions')),
    reactions: readReactions(entry.get('reactions')),
    item: item ? { client: item.id.client, clock: item.id.clock } : null,
  };
}

export function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Every message in a bucket doc, in HLC order (replies included; see threads.ts). */
export function readMessages(doc: Y.Doc): Message[] {
  const out: Message[] = [];
  for (const [id, entry] of messagesMap(doc)) {
    const message = readMessage(id, entry);
    if (message) out.push(message);
  }
  return out.sort(byKey);
}
