import type * as Y from 'yjs';
import type { Mentions } from './mentions.js';

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
export interface StoredMessage {
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

export function reactionsMap(doc: Y.Doc): Y.Map<true> {
  return doc.getMap('reactions');
}

/** Separates message id, emoji and person in a reaction key. */
export const REACTION_SEP = '\u0000';

/** Reactions of every message in one pass: message id -> emoji -> people. */
function readReactions(doc: Y.Doc): Map<string, Reaction[]> {
  const byMessage = new Map<string, Map<string, string[]>>();
  for (const key of reactionsMap(doc).keys()) {
    const [id, emoji, user] = key.split(REACTION_SEP);
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
export function toStored(value: unknown): StoredMessage | null {
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
