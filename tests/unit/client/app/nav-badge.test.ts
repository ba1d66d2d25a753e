import { describe, expect, it } from 'vitest';
import { badgeText } from '../../../../client/src/app/badge-text.js';

describe('badgeText', () => {
  it('shows counts up to 99, then 99+ so the badge keeps its size', () => {
    expect(badgeText(1)).toBe('1');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });
});
