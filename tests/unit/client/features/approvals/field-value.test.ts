import { describe, expect, it } from 'vitest';
import {
  amountText,
  errorsByPath,
  parseAmount,
} from '../../../../../client/src/features/approvals/form/field-value.js';

describe('money input', () => {
  it('[APPR2] turns typed amounts into minor units of the currency and back', () => {
    expect(parseAmount('12.5', 'EUR')).toBe(1250);
    expect(parseAmount('12,50', 'EUR')).toBe(1250);
    expect(parseAmount('1200', 'JPY')).toBe(1200);
    expect(parseAmount('1.5', 'JPY')).toBeUndefined();
    expect(parseAmount('1.234', 'KWD')).toBe(1234);
    expect(parseAmount('12.505', 'EUR')).toBeUndefined();
    expect(parseAmount('twelve', 'EUR')).toBeUndefined();
    expect(amountText(1250, 'EUR')).toBe('12.50');
    expect(amountText(-5, 'EUR')).toBe('-0.05');
    expect(amountText(1200, 'JPY')).toBe('1200');
  });

  it('[APPR52] words validateForm errors for people, one per path', () => {
    const kinds: Record<string, 'money' | 'number'> = { total: 'money', 'lines[0].qty': 'number' };
    const byPath = errorsByPath(
      [
        { field: 'total', message: 'expected {amount (integer, minor units), currency}' },
        { field: 'total', message: 'second message for the same field' },
        { field: 'lines[0].qty', message: 'expected a number' },
        { field: 'title', message: 'Title is required' },
      ],
      (path) => kinds[path],
    );
    expect([...byPath]).toEqual([
      ['total', 'Enter an amount like 12.50'],
      ['lines[0].qty', 'Enter a number'],
      ['title', 'Title is required'],
    ]);
  });
});
