/**
 * Recurrence rules are stored as the RFC 5545 RRULE value ("FREQ=WEEKLY;BYDAY=MO"),
 * the form .ics files carry, so import and export pass them through and the full
 * rule set (BYSETPOS, BYWEEKNO, WKST...) needs no schema of our own. The start
 * comes from the event, so a rule must not carry DTSTART or TZID.
 */
import { z } from 'zod';
import { RRule, type RRuleOptions } from './rrule-lib.js';

const NUMERIC = [
  'count',
  'interval',
  'bysetpos',
  'bymonth',
  'bymonthday',
  'byyearday',
  'byweekno',
  'byhour',
  'byminute',
  'bysecond',
] as const;

const isInteger = (value: unknown): boolean =>
  Array.isArray(value) ? value.every(Number.isInteger) : Number.isInteger(value);

/** Why `rule` is not a usable RRULE value, or null when it is. */
export function ruleProblem(rule: string): string | null {
  if (/(^|;)(DTSTART|TZID)=/i.test(rule) || /[\r\n:]/.test(rule))
    return 'a rule is one RRULE value, without DTSTART or TZID';
  let options: Partial<RRuleOptions>;
  try {
    options = RRule.parseString(rule);
  } catch (error) {
    return (error as Error).message;
  }
  // rrule's parser accepts FREQ=BOGUS and BYHOUR=x and fails later; check here.
  if (options.freq === undefined || options.freq === null) return 'FREQ is missing or unknown';
  for (const key of NUMERIC) {
    const value = options[key];
    if (value !== undefined && value !== null && !isInteger(value))
      return `${key.toUpperCase()} must be whole numbers`;
  }
  if (options.count !== undefined && options.count !== null && options.count < 1)
    return 'COUNT must be at least 1';
  if (options.interval !== undefined && options.interval < 1) return 'INTERVAL must be at least 1';
  return null;
}

/** An RRULE value such as 'FREQ=MONTHLY;BYMONTHDAY=-1'. */
export const RecurrenceRule = z
  .string()
  .max(1000)
  .transform((rule) =>
    rule
      .trim()
      .replace(/^RRULE:/i, '')
      .toUpperCase(),
  )
  .superRefine((rule, context) => {
    const problem = ruleProblem(rule);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
export type RecurrenceRule = z.infer<typeof RecurrenceRule>;

/** The rule's parts as a map, in their written order: FREQ=DAILY;COUNT=3 -> {FREQ, COUNT}. */
export function ruleParts(rule: string): Map<string, string> {
  return new Map(
    rule
      .split(';')
      .filter(Boolean)
      .map((part) => {
        const at = part.indexOf('=');
        return [part.slice(0, at), part.slice(at + 1)] as [string, string];
      }),
  );
}

/** The rule written back from its parts. */
export function ruleText(parts: ReadonlyMap<string, string>): string {
  return [...parts].map(([key, value]) => `${key}=${value}`).join(';');
}
