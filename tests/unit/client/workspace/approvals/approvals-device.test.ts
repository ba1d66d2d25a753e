import { describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../../../../shared/approvals/key-fingerprint.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import {
  flushQueue,
  localQueueStore,
  type QueuedAction,
  type SendOutcome,
} from '../../../../../client/src/workspace/approvals/action-queue.js';
import {
  checkRelayKey,
  fingerprintOf,
  PINNED_KEY_STORAGE,
  readPinnedKey,
  repinRelayKey,
} from '../../../../../client/src/workspace/approvals/relay-key.js';

function memoryStorage(entries: Record<string, string> = {}): Storage {
  const map = new Map(Object.entries(entries));
  return {
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    clear: () => map.clear(),
  };
}

const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);
const offer = (publicKey: string) => ({
  algorithm: 'Ed25519' as const,
  publicKey,
  fingerprint: 'whatever the relay says',
});

describe('relay key pin', () => {
  it('[APPR50] pins the first key, keeps it, and reports a different key as changed', () => {
    const storage = memoryStorage();
    const first = checkRelayKey(storage, offer(KEY_A), '2026-01-01T00:00:00.000Z');
    expect(first).toEqual({
      kind: 'pinned',
      key: { publicKey: KEY_A, pinnedAt: '2026-01-01T00:00:00.000Z' },
    });
    expect(checkRelayKey(storage, offer(KEY_A), 'later').kind).toBe('pinned');
    expect(checkRelayKey(storage, offer(KEY_B), 'later')).toMatchObject({
      kind: 'changed',
      pinned: { publicKey: KEY_A },
      offered: KEY_B,
    });
    // The pin is not replaced by merely being offered another key.
    expect(readPinnedKey(storage)?.publicKey).toBe(KEY_A);
    repinRelayKey(storage, KEY_B, 'now');
    expect(checkRelayKey(storage, offer(KEY_B), 'later').kind).toBe('pinned');
  });

  it('[APPR50] computes the fingerprint from the key, not from the relay’s answer; a garbled pin reads as none', () => {
    expect(fingerprintOf(KEY_A)).toBe(keyFingerprint(hexToBytes(KEY_A)));
    expect(fingerprintOf(KEY_A)).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
    expect(readPinnedKey(memoryStorage({ [PINNED_KEY_STORAGE]: '{not json' }))).toBeNull();
  });
});

describe('offline queue', () => {
  const act = (actionId: string, requestId = 'r1'): QueuedAction => ({
    kind: 'act',
    requestId,
    body: { actionId, action: { kind: 'approve' } },
    queuedAt: '2026-01-01T00:00:00.000Z',
  });

  it('[APPR51] sends in order with the same action ids, keeps refusals with the message, stops when offline', async () => {
    const store = localQueueStore(memoryStorage(), 'u1');
    store.write(
      [act('action-1'), act('action-2'), act('action-3', 'r2')].map((a) => ({
        ...a,
        refusal: null,
      })),
    );
    const sent: string[] = [];
    const answers: SendOutcome[] = [
      { kind: 'accepted', requestId: 'r1' },
      { kind: 'refused', code: 'already_decided', message: 'this step was decided already' },
      { kind: 'offline' },
    ];
    const moved = await flushQueue(store, (item) => {
      sent.push(item.body.actionId);
      return Promise.resolve(answers.shift()!);
    });
    expect(sent).toEqual(['action-1', 'action-2', 'action-3']);
    expect(moved).toEqual(['r1']);
    expect(store.read().map((i) => [i.body.actionId, i.refusal?.message ?? null])).toEqual([
      ['action-2', 'this step was decided already'],
      ['action-3', null],
    ]);
    // Back online: the refused one is not sent again, the waiting one is.
    const again: string[] = [];
    await flushQueue(store, (item) => {
      again.push(item.body.actionId);
      return Promise.resolve({ kind: 'accepted', requestId: 'r2' });
    });
    expect(again).toEqual(['action-3']);
    expect(store.read()).toHaveLength(1);
  });

  it('[APPR51] a queue that cannot be read is empty, not an error', () => {
    const storage = memoryStorage({ 'ws:approvals-queue:u1': '[{"kind":"act"}]' });
    expect(localQueueStore(storage, 'u1').read()).toEqual([]);
  });
});
