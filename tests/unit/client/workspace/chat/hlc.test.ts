import { describe, expect, it } from 'vitest';
import {
  compareHlc,
  decodeHlc,
  encodeHlc,
  MAX_DRIFT_MS,
  observeHlc,
  tickHlc,
} from '../../../../../client/src/workspace/chat/index.js';

describe('hybrid logical clock', () => {
  it('follows the wall clock when it moves forward', () => {
    const a = tickHlc(null, 1000, 'n1');
    const b = tickHlc(a, 2000, 'n1');
    expect(b).toEqual({ wall: 2000, counter: 0, node: 'n1' });
  });

  it('keeps increasing when the clock stalls or goes back', () => {
    const a = tickHlc(null, 5000, 'n1');
    const b = tickHlc(a, 5000, 'n1');
    const c = tickHlc(b, 1000, 'n1');
    expect(compareHlc(a, b)).toBeLessThan(0);
    expect(compareHlc(b, c)).toBeLessThan(0);
    expect(c).toEqual({ wall: 5000, counter: 2, node: 'n1' });
  });

  it('a device with a slow clock sorts its reply after what it has seen', () => {
    const fast = tickHlc(null, 10_000, 'fast');
    const slow = observeHlc(null, fast, 1_000);
    const reply = tickHlc(slow, 1_000, 'slow');
    expect(encodeHlc(reply) > encodeHlc(fast)).toBe(true);
  });

  it('does not adopt a key from far in the future', () => {
    const mine = tickHlc(null, 1000, 'n1');
    const bogus = { wall: 1000 + MAX_DRIFT_MS + 1, counter: 0, node: 'evil' };
    expect(observeHlc(mine, bogus, 1000)).toBe(mine);
  });

  it('string order of encoded keys equals HLC order, and keys round-trip', () => {
    const stamps = [
      { wall: 9, counter: 0, node: 'b' },
      { wall: 10, counter: 0, node: 'a' },
      { wall: 10, counter: 1, node: 'a' },
      { wall: 10, counter: 1, node: 'b' },
      { wall: 1_700_000_000_000, counter: 35, node: 'a' },
      { wall: 1_700_000_000_000, counter: 36, node: 'a' },
    ];
    const keys = stamps.map(encodeHlc);
    expect([...keys].sort()).toEqual(keys);
    expect(keys.map(decodeHlc)).toEqual(stamps);
    expect(decodeHlc('nonsense')).toBeNull();
  });
});
