import type * as Y from 'yjs';
import { z } from 'zod';
import { origins } from '../../sync/origins.js';
import { ChatModelError } from './errors.js';
import type { Mentions } from './mentions.js';

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

/**
 * A message is ONE plain value in getMap('messages') (id -> StoredMessage): one Yjs
 * item per message instead of one per field, which keeps a month of history small to
 * store, decode and hold (see bench/README.md). Only the author changes a message, by
 * rewriting the whole value (edit, delete); the overwritten value is garbage-collected,
 * so a deleted message's text is really gone. Reactions, which many people add at
 * once, are a separate set: getMap('reactions') with keys `id\0emoji\0user`.
 */
interface StoredMessage {
  key: string;
  author: string;
  text: string;
  createdAt: number;
  parentId: string | null;
  mentions: Mentions;
  editedAt: number | null;
  deleted: boolean;
}

export function messagesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('messages');
}

function reactionsMap(doc: Y.Doc): Y.Map<true> {
  return doc.getMap('reactions');
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ChatModelError('invalid-input', result.error.issues.map((i) => i.message).join('; '));
}

/** Adds a message (or a thread reply when parentId is set) to a bucket doc. */
export function addMessage(doc: Y.Doc, input: NewMessage): void {
  const m = parse(NewMessage, input);
  const stored: StoredMessage = {
    key: m.key,
    author: m.author,
    text: m.text,
    createdAt: m.createdAt,
    parentId: m.parentId,
    mentions: m.mentions,
    editedAt: null,
    deleted: false,
  };
  doc.transact(() => messagesMap(doc).set(m.id, stored), origins.chat);
}

function ownMessage(doc: Y.Doc, id: string, userId: string): StoredMessage {
  const stored = toStored(messagesMap(doc).get(id));
  if (!stored) throw new ChatModelError('message-not-found', `no message ${id}`);
  if (stored.author !== userId) {
    throw new ChatModelError('not-author', 'only the author can change a message');
  }
  if (stored.deleted) throw new ChatModelError('message-deleted', 'the message was deleted');
  return stored;
}

/** Replaces the text of one's own message; views show it as edited. */
export function editMessage(
  doc: Y.Doc,
  input: { id: string; userId: string; text: string; mentions: Mentions; now: number },
): void {
  const text = parse(Text, input.text);
  const stored = ownMessage(doc, input.id, input.userId);
  const edited: StoredMessage = { ...stored, text, mentions: input.mentions, editedAt: input.now };
  doc.transact(() => messagesMap(doc).set(input.id, edited), origins.chat);
}

/** Deletes one's own message: the text is dropped, a "deleted" placeholder keeps its place. */
export function deleteMessage(
  doc: Y.Doc,
  input: { id: string; userId: string; now: number },
): void {
  const stored = ownMessage(doc, input.id, input.userId);
  const gone: StoredMessage = {
    ...stored,
    text: '',
    mentions: { users: [], channel: false },
    editedAt: input.now,
    deleted: true,
  };
  const reactions = reactionsMap(doc);
  const prefix = `${input.id}${SEP}`;
  doc.transact(() => {
    messagesMap(doc).set(input.id, gone);
    for (const key of [...reactions.keys()]) if (key.startsWith(prefix)) reactions.delete(key);
  }, origins.chat);
}

const Emoji = z.string().min(1).max(16);
const SEP = '\u0000';

/** Adds or removes this person's reaction (a set, so concurrent reactions merge). */
export function toggleReaction(
  doc: Y.Doc,
  input: { id: string; userId: string; emoji: string },
): void {
  const emoji = parse(Emoji, input.emoji);
  const stored = toStored(messagesMap(doc).get(input.id));
  if (!stored) throw new ChatModelError('message-not-found', `no message ${input.id}`);
  if (stored.deleted) throw new ChatModelError('message-deleted', 'the message was deleted');
  const reactions = reactionsMap(doc);
  const key = `${input.id}${SEP}${emoji}${SEP}${input.userId}`;
  doc.transact(() => {
    if (reactions.has(key)) reactions.delete(key);
    else reactions.set(key, true);
  }, origins.chat);
}

/** Reactions of every message in one pass: message id -> emoji -> people. */
function readReactions(doc: Y.Doc): Map<string, Reaction[]> {
  const byMessage = new Map<string, Map<string, string[]>>();
  for (const key of reactionsMap(doc).keys()) {
    const [id, emoji, user] = key.split(SEP);
    if (!id || !emoji || !user) continue;
    let byEmoji = byMessage.get(id);
    if (!byEmoji) byMessage.set(id, (byEmoji = new Map<string, string[]>()));
    byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), user]);
  }
  const out = new Map<string, Reaction[]>();
  for (const [id, byEmoji] of byMessage) {
    out.set(
      id,
      [...byEmoji]
        .map(([emoji, users]) => ({ emoji, users: users.sort() }))
        .sort((a, b) => (a.emoji < b.emoji ? -1 : 1)),
    );
  }
  return out;
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

/** A stored value checked field by field: a bad peer's junk is skipped, never shown broken. */
function toStored(value: unknown): StoredMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.key !== 'string' || typeof v.author !== 'string') return null;
  return {
    key: v.key,
    author: v.author,
    text: typeof v.text === 'string' ? v.text : '',
    createdAt: typeof v.createdAt === 'number' ? v.createdAt : 0,
    parentId: typeof v.parentId === 'string' ? v.parentId : null,
    mentions: readMentions(v.mentions),
    editedAt: typeof v.editedAt === 'number' ? v.editedAt : null,
    deleted: v.deleted === true,
  };
}

export function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Every message in a bucket doc, in HLC order (replies included; see threads.ts). */
export function readMessages(doc: Y.Doc): Message[] {
  const map = messagesMap(doc);
  const reactions = readReactions(doc);
  const out: Message[] = [];
  for (const [id, item] of map._map) {
    if (item.deleted) continue;
    const stored = toStored(map.get(id));
    if (!stored) continue;
    out.push({
      id,
      ...stored,
      reactions: reactions.get(id) ?? [],
      item: { client: item.id.client, clock: item.id.clock },
    });
  }
  return out.sort(byKey);
}
