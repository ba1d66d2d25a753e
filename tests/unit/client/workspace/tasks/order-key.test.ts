import { generateKeyBetween } from 'fractional-indexing';
import { describe, expect, it } from 'vitest';
import {
  compareByKey,
  orderKeyAt,
  orderKeyBetween,
  tiebreakSuffix,
} from '../../../../../shared/model/tasks/order-key.js';

const CLIENTS = [0, 1, 60, 61, 62, 3843, 2 ** 31, 2 ** 32 - 1, 123_456_789];

describe('tiebreakSuffix', () => {
  it('is six digits, never ends in 0, and differs between clients', () => {
    const suffixes = CLIENTS.map(tiebreakSuffix);
    for (const suffix of suffixes) {
      expect(suffix).toMatch(/^[0-9A-Za-z]{5}[1-9A-Za-z]$/);
    }
    expect(new Set(suffixes).size).toBe(CLIENTS.length);
  });
});

describe('orderKeyBetween', () => {
  it('sorts strictly between its neighbours and stays a valid key', () => {
    let keys = [orderKeyBetween(null, null, 7)];
    for (let i = 0; i < 200; i++) {
      const at = (i * 37) % (keys.length + 1);
      const key = orderKeyBetween(keys[at - 1] ?? null, keys[at] ?? null, 7 + (i % 3));
      keys = [...keys.slice(0, at), key, ...keys.slice(at)];
    }
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
    // The library accepts every generated key as a neighbour.
    for (const key of keys) expect(() => generateKeyBetween(key, null)).not.toThrow();
  });

  it('gives two devices inserting at the same spot distinct keys, both in range', () => {
    const before = 'a0';
    const after = 'a1';
    const one = orderKeyBetween(before, after, 111);
    const two = orderKeyBetween(before, after, 222);
    expect(one).not.toBe(two);
    for (const key of [one, two]) {
      expect(key > before && key < after).toBe(true);
    }
  });

  it('stays below an upper neighbour that extends the midpoint', () => {
    // generateKeyBetween('a0V', 'a0V1x') is 'a0V1', a prefix of the upper bound.
    expect(generateKeyBetween('a0V', 'a0V1x')).toBe('a0V1');
    const key = orderKeyBetween('a0V', 'a0V1x', 5);
    expect(key > 'a0V' && key < 'a0V1x').toBe(true);
  });

  it('still returns a key when neighbours are malformed or equal', () => {
    const fromGarbage = orderKeyBetween('not a key', 'also bad', 1);
    expect(() => generateKeyBetween(fromGarbage, null)).not.toThrow();
    const same = orderKeyBetween('a1', 'a1', 1);
    expect(same > 'a1').toBe(true);
  });
});

describe('orderKeyAt / compareByKey', () => {
  it('places at an index and clamps past the end', () => {
    const items = [
      { id: 'x', key: 'a0' },
      { id: 'y', key: 'a1' },
    ];
    expect(orderKeyAt(items, 0, 1) < 'a0').toBe(true);
    const middle = orderKeyAt(items, 1, 1);
    expect(middle > 'a0' && middle < 'a1').toBe(true);
    expect(orderKeyAt(items, 99, 1) > 'a1').toBe(true);
  });

  it('orders equal keys by id', () => {
    const sorted = [
      { id: 'b', key: 'a0' },
      { id: 'a', key: 'a0' },
      { id: 'c', key: 'Zz' },
    ].sort(compareByKey);
    expect(sorted.map((item) => item.id)).toEqual(['c', 'a', 'b']);
  });
});
