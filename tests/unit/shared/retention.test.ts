import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  bucketEnd,
  expireBucket,
  expiredMessageIds,
  expireMeta,
  RetentionBody,
} from '../../../shared/retention/retention.js';

const CUTOFF = Date.UTC(2025, 4, 21);

function bucket(entries: Record<string, unknown>): Y.Doc {
  const doc = new Y.Doc();
  for (const [id, value] of Object.entries(entries)) doc.getMap('messages').set(id, value);
  return doc;
}

describe('retention rule', () => {
  it('[RETAIN3][RETAIN6] old messages, replies of old parents and entries without a time expire; newer ones stay', () => {
    const doc = bucket({
      old: { createdAt: CUTOFF - 1, parentId: null },
      'reply-new': { createdAt: CUTOFF + 10, parentId: 'old' },
      edge: { createdAt: CUTOFF, parentId: null },
      'reply-old': { createdAt: CUTOFF - 5, parentId: 'edge' },
      junk: 'not a message',
    });
    expect([...expiredMessageIds(doc, CUTOFF)].sort()).toEqual([
      'junk',
      'old',
      'reply-new',
      'reply-old',
    ]);
    doc.getMap('reactions').set('old\u0000👍\u0000a', true);
    doc.getMap('reactions').set('edge\u0000👍\u0000a', true);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    expect(expireBucket(doc, CUTOFF, 'retention')).toBe(4);
    expect([...doc.getMap('messages').keys()]).toEqual(['edge']);
    expect([...doc.getMap('reactions').keys()]).toEqual(['edge\u0000👍\u0000a']);
    expect(origins).toEqual(['retention']);
    expect(expireBucket(doc, CUTOFF, 'retention')).toBe(0);
  });

  it('[RETAIN3] the meta doc loses old DINGs and months that ended before the cutoff', () => {
    const meta = new Y.Doc();
    for (const b of ['m2025-04', 'm2025-05', 'm2025-06']) meta.getMap('buckets').set(b, true);
    for (const [id, at] of [
      ['old', CUTOFF - 1],
      ['new', CUTOFF + 1],
    ] as const) {
      const ding = new Y.Map<unknown>();
      meta.getMap('dings').set(id, ding);
      ding.set('createdAt', at);
    }
    expect(expireMeta(meta, CUTOFF, null)).toBe(2);
    expect([...meta.getMap('buckets').keys()].sort()).toEqual(['m2025-05', 'm2025-06']);
    expect([...meta.getMap('dings').keys()]).toEqual(['new']);
    expect(bucketEnd('m2025-12')).toBe(Date.UTC(2026, 0, 1));
    expect(bucketEnd('meta')).toBeNaN();
  });

  it('[RETAIN1] a policy is whole days from 1 to 36 500, or null', () => {
    for (const days of [1, 30, 36_500, null])
      expect(RetentionBody.safeParse({ days }).success).toBe(true);
    for (const days of [0, -3, 2.5, 36_501, '7', undefined])
      expect(RetentionBody.safeParse({ days }).success).toBe(false);
  });
});
