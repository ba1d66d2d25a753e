import { describe, expect, it } from 'vitest';
import {
  pastFromSummary,
  readHistory,
  rememberRequests,
} from '../../../../../client/src/workspace/approvals/request-history.js';

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

const summary = (status: string) => ({
  id: 'r1',
  templateId: 'taxi',
  templateVersion: 1,
  templateName: 'Taxi',
  submitterId: 'ann',
  status: status as 'approved',
  currentApprovers: [],
  submittedAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-03T10:00:00.000Z',
  entries: 2,
});

describe('[APPR76] the past requests a device remembers', () => {
  it('merges what each sighting knows, per person', () => {
    const storage = memoryStorage();
    rememberRequests(storage, 'ann', [
      {
        requestId: 'r1',
        templateId: 'taxi',
        text: 'airport',
        money: { amount: 4500, currency: 'EUR' },
        submittedAt: Date.parse('2026-11-01T10:00:00.000Z'),
        decidedAt: null,
      },
    ]);
    // The box knows the decision, not the form: the form's words stay.
    rememberRequests(storage, 'ann', [pastFromSummary(summary('approved'))]);
    expect(readHistory(storage, 'ann')).toEqual([
      {
        requestId: 'r1',
        templateId: 'taxi',
        text: 'airport',
        money: { amount: 4500, currency: 'EUR' },
        submittedAt: Date.parse('2026-11-01T10:00:00.000Z'),
        decidedAt: Date.parse('2026-11-03T10:00:00.000Z'),
      },
    ]);
    expect(readHistory(storage, 'bob')).toEqual([]);
    expect(pastFromSummary(summary('pending')).decidedAt).toBeNull();
  });

  it('an unreadable store reads as empty and is replaced on the next write', () => {
    const storage = memoryStorage({ 'ws:approvals-history:ann': '{not json' });
    expect(readHistory(storage, 'ann')).toEqual([]);
    rememberRequests(storage, 'ann', [pastFromSummary(summary('rejected'))]);
    expect(readHistory(storage, 'ann')).toHaveLength(1);
  });
});
