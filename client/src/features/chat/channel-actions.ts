import type { People } from '../../workspace/people.js';
import type { ChatServices } from './chat-context.js';
import {
  ackDing,
  addMessage,
  bucketOf,
  createDing,
  deleteMessage,
  editMessage,
  markRead,
  noteBucket,
  parseMentions,
  setTopic,
  toggleReaction,
  type Mentions,
} from '../../workspace/chat/index.js';
import type { Channel, ChannelMessage } from './use-channel.js';

/** The writes a channel view makes: model calls with this device's time, ids and HLC. */
export function channelActions(channel: Channel, chat: ChatServices, people: Pick<People, 'all'>) {
  const me = () => {
    const id = chat.me();
    if (id === null) throw new Error('Sign in to write.');
    return id;
  };
  const mentions = (text: string) => parseMentions(text, people.all());
  return {
    /** Adds the message; returns its id and whom it mentions. */
    post(text: string, parent: ChannelMessage | null = null): Mentions & { id: string } {
      const now = Date.now();
      const { key, wall } = chat.nextKey(now);
      // A reply lives with its parent, so a thread is always one doc.
      const bucket = parent?.bucket ?? bucketOf(wall);
      const doc = channel.bucketDoc(bucket);
      const mentioned = mentions(text);
      const id = crypto.randomUUID();
      addMessage(doc, {
        id,
        key,
        author: me(),
        text,
        createdAt: now,
        parentId: parent?.id ?? null,
        mentions: mentioned,
      });
      noteBucket(channel.meta.doc, bucket);
      markRead(channel.meta.doc, me(), key);
      return { ...mentioned, id };
    },
    edit(message: ChannelMessage, text: string): void {
      editMessage(channel.bucketDoc(message.bucket), {
        id: message.id,
        userId: me(),
        text,
        mentions: mentions(text),
        now: Date.now(),
      });
    },
    remove(message: ChannelMessage): void {
      deleteMessage(channel.bucketDoc(message.bucket), {
        id: message.id,
        userId: me(),
        now: Date.now(),
      });
    },
    react(message: ChannelMessage, emoji: string): void {
      toggleReaction(channel.bucketDoc(message.bucket), { id: message.id, userId: me(), emoji });
    },
    markRead(key: string): void {
      const id = chat.me();
      if (id !== null) markRead(channel.meta.doc, id, key);
    },
    setTopic(topic: string): void {
      setTopic(channel.meta.doc, topic);
    },
    /** Records a DING the relay allowed (`permit` from POST /api/rooms/:id/ding). */
    ding(message: ChannelMessage, recipients: readonly string[], permit: string): void {
      createDing(channel.meta.doc, {
        messageId: message.id,
        sender: me(),
        recipients,
        key: message.key,
        bucket: message.bucket,
        preview: message.text,
        now: Date.now(),
        permit,
      });
    },
    ack(messageId: string): void {
      ackDing(channel.meta.doc, { messageId, userId: me(), now: Date.now() });
    },
  };
}

export type ChannelActions = ReturnType<typeof channelActions>;
