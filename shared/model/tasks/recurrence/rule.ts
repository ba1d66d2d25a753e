import { z } from 'zod';
import { CalendarDate, dayOfMonth, isoWeekday } from '../../time/calendar-date.js';

const Interval = z.number().int().min(1).max(999);
const Until = CalendarDate.optional();

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export const Weekday = z.number().int().min(1).max(7);

/**
 * How a task repeats. "Custom every N days/weeks/months" is `interval`. Occurrences
 * fall on the due date's wall-clock time in the due date's zone; `until` is the last
 * date (inclusive) an occurrence may fall on.
 */
export const RecurrenceRule = z.discriminatedUnion('freq', [
  z.object({ freq: z.literal('daily'), interval: Interval.default(1), until: Until }),
  z.object({
    freq: z.literal('weekly'),
    interval: Interval.default(1),
    weekdays: z.array(Weekday).max(7).optional(),
    until: Until,
  }),
  z.object({
    freq: z.literal('monthly'),
    interval: Interval.default(1),
    dayOfMonth: z.number().int().min(1).max(31).optional(),
    until: Until,
  }),
]);
export type RecurrenceRule = z.infer<typeof RecurrenceRule>;

/**
 * The rule with the fields that would otherwise come from the current due date
 * written out. Without this a monthly task due on the 31st would clamp to the 28th
 * in February and then stay on the 28th.
 */
export function normalizeRule(rule: RecurrenceRule, due: CalendarDate): RecurrenceRule {
  switch (rule.freq) {
    case 'daily':
      return rule;
    case 'weekly': {
      const days = rule.weekdays?.length ? rule.weekdays : [isoWeekday(due)];
      return { ...rule, weekdays: [...new Set(days)].sort((a, b) => a - b) };
    }
    case 'monthly':
      return { ...rule, dayOfMonth: rule.dayOfMonth ?? dayOfMonth(due) };
  }
}
