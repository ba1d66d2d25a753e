/**
 * Schemas of the calendar model: what the writers accept and what the reader
 * checks values against (another replica, an older or newer app, or an import may
 * have written them). Types are inferred from the schemas.
 */
import { z } from 'zod';
import { CalendarDate } from '../model/time/calendar-date.js';
import { TimeZone } from '../model/time/zoned-time.js';
import { RecurrenceRule } from './rule.js';

/** Ids are chosen by the caller (e.g. crypto.randomUUID()) so model code stays deterministic. */
export const EventId = z
  .string()
  .regex(/^[\w.:~@-]{1,200}$/, 'expected an id: letters, digits, _ . : ~ @ -');

export const PersonId = z.string().min(1).max(128);

/** The id of the event's notes doc (a docs room), shared with the attendees. */
export const NotesDocId = z.string().min(1).max(200);

const isLocalDateTime = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/.test(value) &&
  CalendarDate.safeParse(value.slice(0, 10)).success;

/** A wall-clock date and time, 'YYYY-MM-DDTHH:mm', meant in the event's zone. */
export const LocalDateTime = z
  .string()
  .refine(isLocalDateTime, 'expected a date and time as YYYY-MM-DDTHH:mm');
export type LocalDateTime = z.infer<typeof LocalDateTime>;

/**
 * When an event happens. Timed events keep wall-clock start and end plus one IANA
 * zone (as task due dates do), so a weekly 09:00 stays 09:00 across DST. All-day
 * events are dates with no zone; `end` is the last day (inclusive), unlike .ics.
 */
export const EventTime = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('allDay'), start: CalendarDate, end: CalendarDate }),
    z.object({
      kind: z.literal('timed'),
      start: LocalDateTime,
      end: LocalDateTime,
      timeZone: TimeZone,
    }),
  ])
  .refine((time) => time.start <= time.end, 'the end is before the start');
export type EventTime = z.infer<typeof EventTime>;

/**
 * Which occurrence of a series: its original start as the series wrote it, the
 * date for all-day series and 'YYYY-MM-DDTHH:mm' in the series' zone for timed
 * ones (RFC 5545 RECURRENCE-ID). Moving an occurrence does not change its id.
 */
export const RecurrenceId = z.union([CalendarDate, LocalDateTime]);
export type RecurrenceId = z.infer<typeof RecurrenceId>;

export const Attendee = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), id: PersonId }),
  z.object({ kind: z.literal('department'), id: z.string().min(1).max(128) }),
]);
export type Attendee = z.infer<typeof Attendee>;

export const AnswerValue = z.enum(['yes', 'no', 'maybe']);
export type AnswerValue = z.infer<typeof AnswerValue>;

/** A person's answer to an invite; `at` is when they gave it (epoch ms). */
export const Answer = z.object({
  answer: AnswerValue,
  note: z.string().max(1000).default(''),
  at: z.number().finite(),
});
export type Answer = z.infer<typeof Answer>;

/** Minutes before the start at which attendees are reminded (0 = at the start). */
export const Reminders = z
  .array(
    z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 60),
  )
  .max(10);

/** Only web addresses: a link is rendered as an href, and javascript: URLs run code. */
export const MeetingUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const Title = z.string().trim().min(1).max(500);
export const Location = z.string().max(1000);
export const Description = z.string().max(100_000);

/** Fields one occurrence may change (RFC 5545 RECURRENCE-ID overrides). */
export const OccurrencePatch = z.object({
  title: Title.optional(),
  time: EventTime.optional(),
  location: Location.optional(),
  meetingUrl: MeetingUrl.nullable().optional(),
  description: Description.optional(),
  cancelled: z.boolean().optional(),
  /** One occurrence's own meeting notes; without it an occurrence shows the series' notesDoc. */
  notesDoc: NotesDocId.optional(),
});
export type OccurrencePatch = z.input<typeof OccurrencePatch>;

/** Fields of a whole event that change by plain assignment; absent fields stay. */
export const EventPatch = OccurrencePatch.extend({
  rrule: RecurrenceRule.nullable().optional(),
  reminders: Reminders.optional(),
  notesDoc: NotesDocId.nullable().optional(),
  /** The full list; applied as adds and removes so concurrent edits merge. */
  attendees: z.array(Attendee).max(1000).optional(),
});
export type EventPatch = z.input<typeof EventPatch>;

export const CreateEventInput = z.object({
  id: EventId,
  title: Title,
  time: EventTime,
  location: Location.optional(),
  meetingUrl: MeetingUrl.optional(),
  description: Description.optional(),
  organizer: PersonId,
  attendees: z.array(Attendee).max(1000).optional(),
  /** Answers already given (an import); stamped with the creation time. */
  answers: z
    .record(PersonId, z.object({ answer: AnswerValue, note: z.string().max(1000).default('') }))
    .optional(),
  reminders: Reminders.optional(),
  rrule: RecurrenceRule.optional(),
  exdates: z.array(RecurrenceId).max(10_000).optional(),
  overrides: z.record(z.string(), OccurrencePatch).optional(),
  cancelled: z.boolean().optional(),
  notesDoc: NotesDocId.optional(),
});
export type CreateEventInput = z.input<typeof CreateEventInput>;

/**
 * Who edits and when; `origin` tags the Yjs transaction (one of the client's
 * origins; a symbol, as shared code cannot name them).
 */
export interface EditContext {
  readonly by: string;
  readonly now: number;
  readonly origin?: symbol;
}
