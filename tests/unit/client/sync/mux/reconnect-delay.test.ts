import { describe, expect, it } from 'vitest';
import { reconnectDelay } from '../../../../../client/src/sync/mux/reconnect-delay.js';

describe('reconnectDelay', () => {
  it('doubles from 200 ms up to the cap, jittered within the upper half', () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 7, 40].map((n) => reconnectDelay(n, () => 0.999999));
    expect(ceilings).toEqual([200, 400, 800, 1600, 3200, 6400, 10_000, 10_000, 10_000]);
    expect([0, 6].map((n) => reconnectDelay(n, () => 0))).toEqual([100, 5_000]);
    expect(reconnectDelay(3, () => 0.5, 1_000)).toBe(750);
  });
});
