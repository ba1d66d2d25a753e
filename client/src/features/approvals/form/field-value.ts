import type { FormError, FormValues } from '../../../../../shared/approvals/form.js';
import type { ScalarField } from '../../../../../shared/approvals/template.js';

/**
 * What the form inputs turn typed text into, and back. Values follow APPROVALS.md
 * [APPR2]; text a person typed that is not yet a value is kept as it is, so
 * validateForm reports it next to the field instead of it silently vanishing.
 */

/** One field's value: JSON, as the log holds it. */
export type Json = FormValues[string];

/** Minor-unit digits of a currency (EUR 2, JPY 0, KWD 3), from the platform's ICU data. */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** "12.5" in EUR -> 1250; undefined when the text is not an amount with at most the currency's decimals. */
export function parseAmount(text: string, currency: string): number | undefined {
  const digits = minorDigits(currency);
  const match = /^\s*(-?)(\d+)(?:[.,](\d*))?\s*$/.exec(text);
  if (!match) return undefined;
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > digits) return undefined;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return undefined;
  return sign === '-' ? -minor : minor;
}

/** 1250 in EUR -> "12.50" (the text an amount input shows). */
export function amountText(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}

/** "EUR 12.50" in the person's locale, for read-only views. */
export function formatMoney(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(
      minor / 10 ** digits,
    );
  } catch {
    return `${currency} ${amountText(minor, currency)}`;
  }
}

/** An empty cell per column, so a new table row shows every input. */
export function emptyRow(columns: readonly ScalarField[]): Record<string, null> {
  return Object.fromEntries(columns.map((c) => [c.id, null]));
}

/**
 * validateForm's errors by path (`lines[2].amount`), worded for the person: a money
 * value that is still typed text reads "Enter an amount like 12.50", not the schema.
 */
export function errorsByPath(
  errors: readonly FormError[],
  kindOf: (path: string) => ScalarField['type'] | 'table' | undefined,
): Map<string, string> {
  const byPath = new Map<string, string>();
  for (const { field, message } of errors) {
    if (byPath.has(field)) continue;
    const kind = kindOf(field);
    const friendly =
      kind === 'money' && message.startsWith('expected {amount')
        ? 'Enter an amount like 12.50'
        : kind === 'number' && message === 'expected a number'
          ? 'Enter a number'
          : kind === 'date' || kind === 'dateRange'
            ? message.replace('expected', 'Enter')
            : message;
    byPath.set(field, friendly.charAt(0).toUpperCase() + friendly.slice(1));
  }
  return byPath;
}
