import { addCalendarDays, isoWeekday } from '../model/time/calendar-date.js';
import type { Money } from './form.js';

/**
 * What a free-text description of a request says, read by rules on the device
 * ([APPR72]): an amount with its currency ("45 EUR", "€45.50", "1.299,00 €"), days
 * ("today", "tomorrow", "on Friday", "12 March", "March 12 2027", "2027-03-12") and
 * the rest as the reason. Hand-written rather than a date library: the phrases are
 * few and fixed, and nothing here may reach the network or the clock (`today` is
 * passed in, the viewer's date).
 */
export interface ReadText {
  /** In minor units (APPROVALS.md [APPR2]); the first amount that names a currency. */
  money: Money | null;
  /** YYYY-MM-DD, in the order they appear. */
  dates: string[];
  /** The text without the amount and the days, tidied; '' when nothing is left. */
  reason: string;
  /** Lower-case words of the text, for matching templates. */
  words: string[];
}

const SYMBOLS: Record<string, string> = {
  '€': 'EUR',
  $: 'USD',
  '£': 'GBP',
  '¥': 'JPY',
  EURO: 'EUR',
  EUROS: 'EUR',
  DOLLAR: 'USD',
  DOLLARS: 'USD',
  POUND: 'GBP',
  POUNDS: 'GBP',
};
// Upper-case codes of any currency; lower-case ones only of common currencies, so that
// "for 45" is not read as an amount in the currency "for".
const CODE =
  '[A-Z]{3}|eur|usd|gbp|chf|jpy|cny|sek|nok|dkk|pln|czk|cad|aud|inr|euros?|dollars?|pounds?';
const SYMBOL = '[€$£¥]';
const NUMBER = '\\d{1,3}(?:[ ,.]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?';
const MONEY = new RegExp(
  `(?:(${SYMBOL}|\\b(?:${CODE}))\\s?(${NUMBER})|(${NUMBER})\\s?(${SYMBOL}|(?:${CODE})\\b))`,
  'u',
);

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTH = `(${MONTHS.map((m) => `${m.slice(0, 3)}(?:${m.slice(3)})?`).join('|')})\\.?`;
const DAY_FIRST = new RegExp(
  `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}(?:\\s+(\\d{4}))?\\b`,
  'giu',
);
const MONTH_FIRST = new RegExp(
  `\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`,
  'giu',
);
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/gu;
const RELATIVE = /\b(today|tomorrow|yesterday)\b/giu;
const WEEKDAY = new RegExp(`\\b(?:on\\s+|next\\s+)?(${WEEKDAYS.join('|')})\\b`, 'giu');

/** Minor-unit digits of a currency (EUR 2, JPY 0), from the platform's ICU data. */
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

/** "1,234.50", "1.234,50" or "45,5": a last separator followed by 1–2 digits is the decimal one. */
function numberOf(text: string): number {
  const decimal = /[.,](\d{1,2})$/.exec(text);
  const whole = (decimal ? text.slice(0, -decimal[0].length) : text).replace(/[ ,.]/g, '');
  return Number(`${whole}.${decimal?.[1] ?? '0'}`);
}

function realDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** A day and month without a year: this year's, or next year's when that day has passed. */
function nextOccurrence(today: string, month: number, day: number, year?: string): string | null {
  if (year) return realDay(Number(year), month, day);
  const thisYear = Number(today.slice(0, 4));
  const found = realDay(thisYear, month, day);
  return found && found < today ? realDay(thisYear + 1, month, day) : found;
}

const monthOf = (name: string) =>
  MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3))) + 1;

export function readRequestText(text: string, today: string): ReadText {
  const found: { at: number; date: string }[] = [];
  // Each piece read is blanked out with as many spaces, so later patterns cannot
  // read it again (a date's "05" as an amount) and indexes keep the text's order.
  let rest = text;
  const blank = (at: number, length: number) => {
    rest = rest.slice(0, at) + ' '.repeat(length) + rest.slice(at + length);
  };
  const take = (pattern: RegExp, read: (m: RegExpExecArray) => string | null) => {
    for (const m of rest.matchAll(pattern)) {
      const date = read(m);
      if (!date) continue;
      found.push({ at: m.index, date });
      blank(m.index, m[0].length);
    }
  };
  take(ISO, (m) => realDay(Number(m[1]), Number(m[2]), Number(m[3])));
  let money: Money | null = null;
  const amount = MONEY.exec(rest);
  if (amount) {
    const [, markBefore, numberAfter, numberBefore, markAfter] = amount;
    const mark = (markBefore ?? markAfter ?? '').toUpperCase();
    const currency = SYMBOLS[mark] ?? mark;
    const value = numberOf(numberAfter ?? numberBefore ?? '0');
    const minor = Math.round(value * 10 ** minorDigits(currency));
    if (Number.isSafeInteger(minor)) {
      money = { amount: minor, currency };
      blank(amount.index, amount[0].length);
    }
  }
  take(DAY_FIRST, (m) => nextOccurrence(today, monthOf(m[2]!), Number(m[1]), m[3]));
  take(MONTH_FIRST, (m) => nextOccurrence(today, monthOf(m[1]!), Number(m[2]), m[3]));
  take(RELATIVE, (m) => {
    const shift = { today: 0, tomorrow: 1, yesterday: -1 }[m[1]!.toLowerCase()] ?? 0;
    return addCalendarDays(today, shift);
  });
  take(WEEKDAY, (m) => {
    // The next such day after today: "on Friday" said on a Friday means next week's.
    const ahead = (WEEKDAYS.indexOf(m[1]!.toLowerCase()) + 1 - isoWeekday(today) + 7) % 7 || 7;
    return addCalendarDays(today, ahead);
  });
  const reason = rest
    .split(/[,;\n]+/)
    .map((part) =>
      part
        .replace(/(^|\s)[-–—/]+(?=\s|$)/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        // Words that tied a day or an amount to the rest ("hotel 12 March to 14 March").
        .replace(/^(?:(?:to|until|till|and)\s+)+/iu, '')
        .replace(/(?:\s+(?:to|from|until|till|and|on|at|in|by|for))+$/iu, ''),
    )
    .filter((part) => /\p{L}/u.test(part))
    .join(', ');
  return {
    money,
    dates: found.sort((a, b) => a.at - b.at).map((f) => f.date),
    reason,
    words: wordsOf(text),
  };
}

/** Lower-case words of two letters or more, digits and punctuation dropped. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/\p{L}{2,}/gu) ?? [];
}
