/**
 * Bodies and answers of the availability API (relay: routes/availability-route.ts;
 * rules: shared/protocol/CALENDAR.md [CAL50]–[CAL59]). A device publishes its
 * person's busy intervals (start and end, nothing else) and settings; members ask
 * for several people's at once when scheduling. Titles never reach the relay here.
 *
 * | method | path                                             | who       | body / result                      |
 * |--------|--------------------------------------------------|-----------|------------------------------------|
 * | PUT    | /api/calendar/busy                               | signed in | BusyBody → BusyResult (own, whole) |
 * | GET    | /api/calendar/settings                           | signed in | → AvailabilitySettings | null      |
 * | PUT    | /api/calendar/settings                           | signed in | AvailabilitySettings → same        |
 * | GET    | /api/calendar/availability?people=a,b&from=&to=  | non-guest | → AvailabilityAnswer               |
 */
import { z } from 'zod';
import { TimeZone, WallTime } from '../model/time/zoned-time.js';

/** [CAL51] What one PUT may carry: 8 weeks of a busy person fit with room to spare (64 KiB body). */
export const MAX_BUSY_INTERVALS = 1000;
/** [CAL51] How far ahead a device publishes, and how wide one question may be. */
export const AVAILABILITY_WINDOW_DAYS = 56;
/** [CAL53] People per question. */
export const MAX_PEOPLE_PER_QUESTION = 50;

const DAY_MS = 86_400_000;
const Instant = z.number().int().min(0).max(8_640_000_000_000_000);

/** [start, end) in epoch ms; nothing else: no title, no event id. */
export const BusyInterval = z
  .strictObject({ start: Instant, end: Instant })
  .refine((i) => i.end > i.start, 'a busy interval ends before it starts');
export type BusyInterval = z.infer<typeof BusyInterval>;

/** `timeZone`: the device's, kept as the person's zone until they set one in Settings. */
export const BusyBody = z.strictObject({
  timeZone: TimeZone,
  busy: z
    .array(BusyInterval)
    .max(MAX_BUSY_INTERVALS, `at most ${MAX_BUSY_INTERVALS} busy intervals`),
});
export type BusyBody = z.infer<typeof BusyBody>;

/** `stored: false` when the person hides their availability: the relay kept nothing [CAL52]. */
export const BusyResult = z.object({ stored: z.boolean(), intervals: z.number().int() });
export type BusyResult = z.infer<typeof BusyResult>;

/** [CAL15] Weekdays and hours in the person's own zone (`timeZone` of the settings). */
export const WeeklyHours = z.strictObject({
  days: z
    .array(z.number().int().min(1).max(7))
    .max(7)
    .refine((d) => new Set(d).size === d.length, 'a weekday is listed twice'),
  start: WallTime,
  end: WallTime,
});
export type WeeklyHours = z.infer<typeof WeeklyHours>;

/** A person's own settings; `workingHours: null` means any time counts. */
export const AvailabilitySettings = z.strictObject({
  timeZone: TimeZone,
  workingHours: WeeklyHours.nullable(),
  hidden: z.boolean(),
});
export type AvailabilitySettings = z.infer<typeof AvailabilitySettings>;

/** Who and when to ask about: ids comma-separated, instants in epoch ms. */
export const AvailabilityQuery = z
  .object({
    people: z
      .string()
      .min(1, 'name at least one person')
      .transform((s) => [...new Set(s.split(',').filter((id) => id !== ''))])
      .pipe(
        z
          .array(z.string().max(100))
          .min(1, 'name at least one person')
          .max(MAX_PEOPLE_PER_QUESTION, `at most ${MAX_PEOPLE_PER_QUESTION} people at once`),
      ),
    from: z.coerce.number().pipe(Instant),
    to: z.coerce.number().pipe(Instant),
  })
  .refine((q) => q.to > q.from, 'to must be after from')
  .refine(
    (q) => q.to - q.from <= AVAILABILITY_WINDOW_DAYS * DAY_MS,
    `ask about at most ${AVAILABILITY_WINDOW_DAYS} days at once`,
  );
export type AvailabilityQuery = z.infer<typeof AvailabilityQuery>;

/**
 * One person's side [CAL54]: `shared` has busy intervals clipped to the question;
 * `hidden` has zone and hours only; `unknown` is someone who never published (or
 * is not an active member): the device cannot tell when they are busy.
 */
export const PersonAvailabilityAnswer = z.discriminatedUnion('state', [
  z.object({
    person: z.string(),
    state: z.literal('shared'),
    timeZone: z.string(),
    workingHours: WeeklyHours.nullable(),
    busy: z.array(z.object({ start: z.number(), end: z.number() })),
    /** When the device last published; null before its first publication. */
    publishedAt: z.number().nullable(),
  }),
  z.object({
    person: z.string(),
    state: z.literal('hidden'),
    timeZone: z.string(),
    workingHours: WeeklyHours.nullable(),
  }),
  z.object({ person: z.string(), state: z.literal('unknown') }),
]);
export type PersonAvailabilityAnswer = z.infer<typeof PersonAvailabilityAnswer>;

export const AvailabilityAnswer = z.object({ people: z.array(PersonAvailabilityAnswer) });
export type AvailabilityAnswer = z.infer<typeof AvailabilityAnswer>;
