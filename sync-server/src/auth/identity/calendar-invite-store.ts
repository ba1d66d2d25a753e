/** One published event of a calendar: the relay's copy of what attendees may see [CAL40]. */
export interface CalendarInviteRow {
  calendar_id: string;
  event_id: string;
  /** Counts the versions the relay accepted, from 1 [CAL41]. */
  sequence: number;
  /** The InviteSnapshot's JSON (shared/api/calendar-invites.ts). */
  snapshot: string;
  /** Who published this version (from the session). */
  published_by: string;
  updated_at: number;
}

/** One attendee of a published event and their answer, bound to their session [CAL43]. */
export interface CalendarInviteeRow {
  calendar_id: string;
  event_id: string;
  user_id: string;
  /** 1: no longer an attendee; kept so that they still see the cancellation [CAL42]. */
  removed: 0 | 1;
  answer: 'yes' | 'no' | 'maybe' | null;
  note: string;
  answered_at: number | null;
}

/**
 * Calendar invites: a snapshot per published event and a row per attendee (people,
 * departments already expanded). Rows go with their calendar room.
 */
export interface CalendarInviteStore {
  get(calendarId: string, eventId: string): Promise<CalendarInviteRow | undefined>;
  /** Inserts or replaces the event's row. */
  put(row: CalendarInviteRow): Promise<void>;
  invitees(calendarId: string, eventId: string): Promise<CalendarInviteeRow[]>;
  invitee(
    calendarId: string,
    eventId: string,
    userId: string,
  ): Promise<CalendarInviteeRow | undefined>;
  /** Inserts or replaces each row. */
  putInvitees(rows: readonly CalendarInviteeRow[]): Promise<void>;
  /** The person's invitations (removed ones too), newest first. */
  ofPerson(userId: string): Promise<CalendarInviteRow[]>;
}
