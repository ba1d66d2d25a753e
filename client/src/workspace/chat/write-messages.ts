import type * as Y from 'yjs';
import { z } from 'zod';
import {
  messagesMap,
  reactionsMap,
  REACTION_SEP,
  toStored,
  type StoredMessage,
} from '../../../../shared/model/chat/messages.js';
import type { Mentions } from '../../../../shared/model/chat/mentions.js';
import { origins } from '../../sync/origins.js';
import { ChatModelError } from './errors.js';

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
  const prefix = `${input.id}${REACTION_SEP}`;
  doc.transact(() => {
    messagesMap(doc).set(input.id, gone);
    for (const key of [...reactions.keys()]) if (key.startsWith(prefix)) reactions.delete(key);
  }, origins.chat);
}

const Emoji = z.string().min(1).max(16);

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
  const key = `${input.id}${REACTION_SEP}${emoji}${REACTION_SEP}${input.userId}`;
  doc.transact(() => {
    if (reactions.has(key)) reactions.delete(key);
    else reactions.set(key, true);
  }, origins.chat);
}

/** Reactions of every message in one pass: message id -> emoji -> people. */
