import { describe, expect, it } from 'vitest';
import {
  briefingHiddenKey,
  hideBriefing,
  isBriefingHidden,
} from '../../../../../client/src/features/ai/briefing-hidden.js';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
  };
}

describe('hide the briefing for today', () => {
  it('hides it for that person on that day only, under a ws:ai: key', () => {
    const storage = memoryStorage();
    hideBriefing(storage, 'ann', '2026-03-04');
    expect(isBriefingHidden(storage, 'ann', '2026-03-04')).toBe(true);
    expect(isBriefingHidden(storage, 'ann', '2026-03-05')).toBe(false);
    expect(isBriefingHidden(storage, 'bob', '2026-03-04')).toBe(false);
    expect(briefingHiddenKey('ann').startsWith('ws:ai:')).toBe(true);
  });
});
