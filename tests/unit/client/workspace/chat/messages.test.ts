import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addMessage,
  bucketOf,
  deleteMessage,
  editMessage,
  isOnRelay,
  parseMentions,
  readMessages,
  splitThreads,
  toggleReaction,
} from '../../../../../client/src/workspace/chat/index.js';
import { codeOf, newDoc, syncAll, Writer } from './helpers.js';

describe('messages', () => {
  it('adds messages and reads them in HLC order', () => {
    const doc = newDoc(1);
    const ann = new Writer(doc, 'a', 'ann');
    ann.say('m2', 'second', 2000);
    ann.say('m1', 'first?', 1000); // clock went back: still after m2
    expect(readMessages(doc).map((m) => m.text)).toEqual(['second', 'first?']);
  });

  it('refuses empty and over-long text and writes nothing', () => {
    const doc = newDoc(1);
    const input = { id: 'x', key: 'k', author: 'ann', createdAt: 1 };
    expect(codeOf(() => addMessage(doc, { ...input, text: '   ' }))).toBe('invalid-input');
    expect(codeOf(() => addMessage(doc, { ...input, text: 'a'.repeat(10_001) }))).toBe(
      'invalid-input',
    );
    expect(readMessages(doc)).toEqual([]);
  });

  it('edits and deletes only one’s own messages, shown as edited / deleted', () => {
    const doc = newDoc(1);
    new Writer(doc, 'a', 'ann').say('m1', 'helo', 1000);
    expect(
      codeOf(() =>
        editMessage(doc, {
          id: 'm1',
          userId: 'bob',
          text: 'x',
          mentions: { users: [], channel: false },
          now: 2,
        }),
      ),
    ).toBe('not-author');
    editMessage(doc, {
      id: 'm1',
      userId: 'ann',
      text: 'hello',
      mentions: { users: [], channel: false },
      now: 2000,
    });
    expect(readMessages(doc)[0]).toMatchObject({ text: 'hello', editedAt: 2000, deleted: false });
    expect(codeOf(() => deleteMessage(doc, { id: 'm1', userId: 'bob', now: 3 }))).toBe(
      'not-author',
    );
    deleteMessage(doc, { id: 'm1', userId: 'ann', now: 3000 });
    expect(readMessages(doc)[0]).toMatchObject({ text: '', deleted: true });
    expect(
      codeOf(() =>
        editMessage(doc, {
          id: 'm1',
          userId: 'ann',
          text: 'again',
          mentions: { users: [], channel: false },
          now: 4,
        }),
      ),
    ).toBe('message-deleted');
    expect(codeOf(() => deleteMessage(doc, { id: 'nope', userId: 'ann', now: 4 }))).toBe(
      'message-not-found',
    );
  });

  it('a deleted message’s text and reactions are gone from the stored doc', () => {
    const doc = newDoc(1);
    new Writer(doc, 'a', 'ann').say('m1', 'my password is hunter2', 1000);
    toggleReaction(doc, { id: 'm1', userId: 'bob', emoji: '😮' });
    deleteMessage(doc, { id: 'm1', userId: 'ann', now: 2000 });
    const stored = new TextDecoder().decode(Y.encodeStateAsUpdate(doc));
    expect(stored).not.toContain('hunter2');
    expect(readMessages(doc)[0]?.reactions).toEqual([]);
    expect(codeOf(() => toggleReaction(doc, { id: 'm1', userId: 'bob', emoji: '👍' }))).toBe(
      'message-deleted',
    );
  });

  it('reactions are per person sets that merge across devices', () => {
    const a = newDoc(1);
    const b = newDoc(2);
    new Writer(a, 'a', 'ann').say('m1', 'lunch?', 1000);
    syncAll(a, b);
    toggleReaction(a, { id: 'm1', userId: 'ann', emoji: '👍' });
    toggleReaction(b, { id: 'm1', userId: 'bob', emoji: '👍' });
    toggleReaction(b, { id: 'm1', userId: 'bob', emoji: '🎉' });
    toggleReaction(b, { id: 'm1', userId: 'bob', emoji: '🎉' }); // toggled off again
    syncAll(a, b);
    expect(readMessages(a)[0]?.reactions).toEqual([{ emoji: '👍', users: ['ann', 'bob'] }]);
    expect(readMessages(b)[0]?.reactions).toEqual(readMessages(a)[0]?.reactions);
  });

  it('thread replies are kept apart from the channel timeline', () => {
    const doc = newDoc(1);
    const ann = new Writer(doc, 'a', 'ann');
    ann.say('p', 'question', 1000);
    ann.say('r1', 'answer 1', 2000, 'p');
    ann.say('q', 'other', 3000);
    ann.say('r2', 'answer 2', 4000, 'p');
    const { top, replies } = splitThreads(readMessages(doc));
    expect(top.map((m) => m.id)).toEqual(['p', 'q']);
    expect(replies.get('p')?.map((m) => m.id)).toEqual(['r1', 'r2']);
  });

  it('concurrent offline writers end with one identical order everywhere', () => {
    const docs = [newDoc(1), newDoc(2), newDoc(3)];
    const skews = [0, -50_000, 90_000]; // clocks wrong by up to a minute and a half
    const writers = docs.map((doc, i) => new Writer(doc, `n${i}`, `u${i}`));
    for (let round = 0; round < 5; round += 1) {
      writers.forEach((w, i) =>
        w.say(`m${i}-${round}`, `${i}/${round}`, 1_000_000 + round * 1000 + (skews[i] ?? 0)),
      );
    }
    syncAll(...docs);
    const orders = docs.map((doc) => readMessages(doc).map((m) => m.id));
    expect(orders[0]).toHaveLength(15);
    expect(orders[1]).toEqual(orders[0]);
    expect(orders[2]).toEqual(orders[0]);
    // each writer's own messages keep their order
    for (let i = 0; i < 3; i += 1) {
      const own = orders[0]?.filter((id) => id.startsWith(`m${i}-`));
      expect(own).toEqual([0, 1, 2, 3, 4].map((r) => `m${i}-${r}`));
    }
  });

  it('mentions: people by name (longest first, word boundary) and @channel', () => {
    const people = [
      { id: 'ann', name: 'Ann' },
      { id: 'annlee', name: 'Ann Lee' },
      { id: 'bob', name: 'Bob' },
    ];
    expect(parseMentions('hi @Ann Lee and @bob, see @channel', people)).toEqual({
      users: ['annlee', 'bob'],
      channel: true,
    });
    expect(parseMentions('@Annabel mail@bob.com', people)).toEqual({ users: [], channel: false });
    expect(parseMentions('(@ann)', people)).toEqual({ users: ['ann'], channel: false });
  });

  it('buckets by UTC month', () => {
    expect(bucketOf(Date.UTC(2026, 10, 30, 23, 59))).toBe('m2026-11');
    expect(bucketOf(Date.UTC(2026, 11, 1))).toBe('m2026-12');
  });

  it('a message is "not yet sent" until the relay state vector covers it', () => {
    const doc = newDoc(7);
    new Writer(doc, 'a', 'ann').say('m1', 'hi', 1);
    const [message] = readMessages(doc);
    if (!message) throw new Error('no message');
    expect(isOnRelay(message, null, 'ann', 1)).toBe(false);
    expect(isOnRelay(message, new Map(), 'ann', 1)).toBe(false);
    expect(isOnRelay(message, new Map([[7, (message.item?.clock ?? 0) + 1]]), 'ann', 0)).toBe(true);
    expect(isOnRelay(message, null, 'ann', 0)).toBe(true);
    expect(isOnRelay(message, new Map(), 'bob', 1)).toBe(true); // others' messages came from the relay
  });
});
