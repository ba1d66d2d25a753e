import { describe, expect, it } from 'vitest';
import {
  ackDing,
  createDing,
  markRead,
  pendingDingsFor,
  readDings,
  readMessages,
  readPointers,
  readTopic,
  receiptOf,
  ringsSince,
  setTopic,
  unreadSummary,
} from '../../../../../client/src/workspace/chat/index.js';
import { codeOf, newDoc, syncAll, Writer } from './helpers.js';

describe('topic and read pointers', () => {
  it('sets a topic, refusing one that is too long', () => {
    const meta = newDoc(1);
    setTopic(meta, '  Launch planning ');
    expect(readTopic(meta)).toBe('Launch planning');
    expect(codeOf(() => setTopic(meta, 'x'.repeat(251)))).toBe('invalid-input');
    expect(readTopic(meta)).toBe('Launch planning');
  });

  it('read pointers only move forward', () => {
    const meta = newDoc(1);
    expect(markRead(meta, 'bob', 'k5')).toBe(true);
    expect(markRead(meta, 'bob', 'k3')).toBe(false);
    expect(readPointers(meta).get('bob')).toBe('k5');
  });

  it('read by N / M from pointers and membership; unread counts and mentions', () => {
    const doc = newDoc(1);
    const meta = newDoc(2);
    const ann = new Writer(doc, 'a', 'ann');
    const k1 = ann.say('m1', 'one', 1000);
    ann.say('m2', 'two @Bob', 2000);
    const m2 = readMessages(doc)[1];
    if (!m2) throw new Error('missing');
    // mentions are stored as ids by the caller:
    doc.getMap('messages').get('m2');
    const members = ['ann', 'bob', 'cy'];
    markRead(meta, 'bob', k1);
    const pointers = readPointers(meta);
    expect(receiptOf(m2, pointers, members)).toEqual({ read: [], unread: ['bob', 'cy'] });
    expect(receiptOf({ key: k1, author: 'ann' }, pointers, members)).toEqual({
      read: ['bob'],
      unread: ['cy'],
    });
    markRead(meta, 'cy', m2.key);
    expect(receiptOf(m2, readPointers(meta), members).read).toEqual(['cy']);

    const ordered = readMessages(doc).map((m) =>
      m.id === 'm2' ? { ...m, mentions: { users: ['bob'], channel: false } } : m,
    );
    expect(unreadSummary(ordered, k1, 'bob')).toEqual({
      count: 1,
      mentions: 1,
      firstUnreadId: 'm2',
    });
    expect(unreadSummary(ordered, undefined, 'cy')).toEqual({
      count: 2,
      mentions: 1 - 1,
      firstUnreadId: 'm1',
    });
    expect(unreadSummary(ordered, undefined, 'ann').count).toBe(0); // own messages are never unread
  });
});

describe('DING', () => {
  const base = { sender: 'ann', key: 'k', bucket: 'm2026-11', preview: 'urgent', permit: 'p' };

  it('rings for recipients until each acknowledges; the sender sees who did', () => {
    const a = newDoc(1);
    const b = newDoc(2);
    createDing(a, { ...base, messageId: 'm1', recipients: ['bob', 'cy', 'ann'], now: 1000 });
    syncAll(a, b);
    expect(pendingDingsFor(b, 'bob').map((d) => d.messageId)).toEqual(['m1']);
    expect(readDings(a)[0]?.recipients).toEqual(['bob', 'cy']); // the sender is not rung
    ackDing(b, { messageId: 'm1', userId: 'bob', now: 2000 });
    expect(codeOf(() => ackDing(b, { messageId: 'm1', userId: 'dan', now: 2000 }))).toBe(
      'not-recipient',
    );
    syncAll(a, b);
    expect(pendingDingsFor(b, 'bob')).toEqual([]);
    expect(pendingDingsFor(b, 'cy')).toHaveLength(1);
    expect([...(readDings(a)[0]?.acks.keys() ?? [])]).toEqual(['bob']);
  });

  it('rate-limits urgent alerts per sender', () => {
    const meta = newDoc(1);
    const limit = { max: 2, windowMs: 60_000 };
    createDing(meta, { ...base, messageId: 'm1', recipients: ['bob'], now: 0 }, limit);
    createDing(meta, { ...base, messageId: 'm2', recipients: ['bob'], now: 1 }, limit);
    expect(
      codeOf(() =>
        createDing(meta, { ...base, messageId: 'm3', recipients: ['bob'], now: 2 }, limit),
      ),
    ).toBe('rate-limited');
    createDing(
      meta,
      { ...base, sender: 'cy', messageId: 'm4', recipients: ['bob'], now: 2 },
      limit,
    );
    createDing(meta, { ...base, messageId: 'm5', recipients: ['bob'], now: 60_001 }, limit);
    expect(readDings(meta).map((d) => d.messageId)).toEqual(['m1', 'm2', 'm4', 'm5']);
    expect(
      codeOf(() =>
        createDing(meta, { ...base, messageId: 'm6', recipients: ['ann'], now: 1e6 }, limit),
      ),
    ).toBe('invalid-input');
  });

  it('a recipient rings for at most `limit` alerts per sender, whatever a bad client wrote', () => {
    const meta = newDoc(1);
    for (let i = 0; i < 5; i += 1) {
      createDing(
        meta,
        { ...base, messageId: `m${i}`, recipients: ['bob'], now: i * 1e9 },
        { max: 99, windowMs: 1 },
      );
    }
    expect(pendingDingsFor(meta, 'bob', 3)).toHaveLength(3);
  });

  it('repeats at the interval', () => {
    expect(ringsSince(1000, 1000, 300_000)).toBe(1);
    expect(ringsSince(1000, 301_000, 300_000)).toBe(2);
    expect(ringsSince(1000, 1_000_000, 300_000)).toBe(4);
  });
});
