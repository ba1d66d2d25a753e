/**
 * Calendar invites and answers through the relay (CALENDAR.md [CAL40]–[CAL49]).
 *
 * | Method | Path                                             | Who                       | Body → Answer                    |
 * |--------|--------------------------------------------------|---------------------------|----------------------------------|
 * | PUT    | /api/calendar/invites/:calendarId/:eventId        | can write the calendar    | PublishBody → PublishResult      |
 * | GET    | /api/calendar/invites                            | signed in                 | → MyInvitations                  |
 * | GET    | /api/calendar/invites/:calendarId/:eventId        | attendee or reader        | → Invitation                     |
 * | POST   | /api/calendar/invites/:calendarId/:eventId/answer | attendee                  | AnswerBody → Invitation          |
 * | GET    | /api/calendar/invites/:calendarId/:eventId/answers| attendee or reader        | → AnswerList                     |
 * | POST   | /api/calendar/invites/:calendarId/:eventId/ding   | can write the calendar    | {} → DingResult (429)            |
 *
 * Attendees usually cannot read the organiser's calendar room, and an answer written
 * into that doc could be forged by anyone who can write it; so the relay keeps a
 * snapshot of each invited event and one answer per attendee, bound to the session.
 * Anyone else gets 404, as for a room they cannot read.
 */
import { z } from 'zod';
import {
  AnswerValue,
  Attendee,
  Description,
  EventId,
  EventTime,
  Location,
  MeetingUrl,
  NotesDocId,
  OccurrencePatch,
  PersonId,
  RecurrenceId,
  Title,
} from '../calendar/schemas.js';
import { RecurrenceRule } from '../calendar/rule.js';

/** What attendees see of an event: enough to show and expand it, nothing of the calendar. */
export const InviteSnapshot = z.object({
  title: Title,
  time: EventTime,
  rrule: RecurrenceRule.nullable(),
  exdates: z.array(RecurrenceId).max(10_000),
  overrides: z.record(RecurrenceId, OccurrencePatch).refine((o) => Object.keys(o).length <= 10_000),
  location: Location,
  meetingUrl: MeetingUrl.nullable(),
  description: Description,
  organizer: PersonId,
  attendees: z.array(Attendee).max(1000),
  notesDoc: NotesDocId.nullable(),
  cancelled: z.boolean(),
});
export type InviteSnapshot = z.infer<typeof InviteSnapshot>;

/** The event as the device now reads it; null when it was deleted from the calendar. */
export const PublishBody = z.object({ event: InviteSnapshot.nullable() });
export type PublishBody = z.infer<typeof PublishBody>;

export const PublishResult = z.object({
  /** The relay's version of the invite; unchanged when the snapshot was the same [CAL41]. */
  sequence: z.number().int().nonnegative(),
  changed: z.boolean(),
  /** People told about this publish (invited, changed or cancelled). */
  notified: z.number().int().nonnegative(),
});
export type PublishResult = z.infer<typeof PublishResult>;

export const GivenAnswer = z.object({
  answer: AnswerValue,
  note: z.string(),
  at: z.number(),
});
export type GivenAnswer = z.infer<typeof GivenAnswer>;

/** One invited event as one person sees it. */
export const Invitation = z.object({
  calendarId: z.string(),
  eventId: z.string(),
  sequence: z.number(),
  /** Who published the last version (the organiser or a co-editor). */
  publishedBy: z.string(),
  organizerName: z.string(),
  event: InviteSnapshot,
  /** I was removed from the attendees: for me it is cancelled. */
  removed: z.boolean(),
  /** I am an attendee (a reader of the calendar who is not may look, but not answer). */
  invited: z.boolean(),
  answer: GivenAnswer.nullable(),
  updatedAt: z.number(),
});
export type Invitation = z.infer<typeof Invitation>;

export const MyInvitations = z.object({ invitations: z.array(Invitation) });
export type MyInvitations = z.infer<typeof MyInvitations>;

export const AnswerBody = z.object({
  answer: AnswerValue,
  note: z.string().trim().max(1000).default(''),
});
export type AnswerBody = z.input<typeof AnswerBody>;

export const AttendeeAnswer = z.object({
  userId: z.string(),
  name: z.string(),
  answer: GivenAnswer.nullable(),
});
export type AttendeeAnswer = z.infer<typeof AttendeeAnswer>;

export const AnswerList = z.object({
  attendees: z.array(AttendeeAnswer),
  counts: z.object({ yes: z.number(), no: z.number(), maybe: z.number(), none: z.number() }),
});
export type AnswerList = z.infer<typeof AnswerList>;

export const InviteDingResult = z.object({ dinged: z.number().int().nonnegative() });
export type InviteDingResult = z.infer<typeof InviteDingResult>;

/** Path parameters, checked before any lookup. */
export const InviteKey = z.object({ calendarId: z.string().min(1).max(64), eventId: EventId });
