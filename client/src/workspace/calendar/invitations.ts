/**
 * Invitations as calendar data: the snapshot a device publishes from its doc, and
 * the events it receives back from the relay, expanded like the device's own so
 * that views can overlay them [CAL48].
 */
import type { Invitation, InviteSnapshot } from '../../../../shared/api/calendar-invites.js';
import {
  expandAll,
  type CalendarEvent,
  type Occurrence,
  type Window,
} from '../../../../shared/calendar/index.js';

/** What attendees may see of `event`: no reminders, no answers kept in the doc. */
export function snapshotOf(event: CalendarEvent): InviteSnapshot {
  return {
    title: event.title,
    time: event.time,
    rrule: event.rrule,
    exdates: [...event.exdates],
    overrides: { ...event.overrides },
    location: event.location,
    meetingUrl: event.meetingUrl,
    description: event.description,
    organizer: event.organizer,
    attendees: [...event.attendees],
    notesDoc: event.notesDoc,
    cancelled: event.cancelled,
  };
}

/** The invited event as the model's event; `answers` holds only mine (under `me`). */
export function eventOfInvitation(invitation: Invitation, me = 'me'): CalendarEvent {
  const { event, answer } = invitation;
  return {
    ...event,
    id: invitation.eventId,
    answers: answer ? { [me]: answer } : {},
    reminders: [],
    // Removed from the attendees: for me the event is cancelled.
    cancelled: event.cancelled || invitation.removed,
    createdBy: event.organizer,
    createdAt: invitation.updatedAt,
  };
}

/** One occurrence of an invited event, with where it came from (for its link and answer). */
export interface InvitedOccurrence {
  readonly invitation: Invitation;
  readonly occurrence: Occurrence;
}

/**
 * [CAL48] Occurrences of the person's invitations in `window`, leaving out events
 * they can read anyway (`ownCalendars`: shown from their own doc already).
 */
export function invitationOccurrences(
  invitations: readonly Invitation[],
  window: Window,
  zone: string,
  ownCalendars: ReadonlySet<string> = new Set(),
): InvitedOccurrence[] {
  const out: InvitedOccurrence[] = [];
  for (const invitation of invitations) {
    if (ownCalendars.has(invitation.calendarId)) continue;
    for (const occurrence of expandAll([eventOfInvitation(invitation)], window, zone))
      out.push({ invitation, occurrence });
  }
  return out.sort((a, b) => a.occurrence.start - b.occurrence.start);
}

/** `calendarId/eventId`: how availability and views name an event across calendars. */
export const eventKey = (calendarId: string, eventId: string): string => `${calendarId}/${eventId}`;

/**
 * [CAL14][CAL48] The events this person declined or was removed from, by eventKey:
 * they count as free in the person's busy time (cal-avail filters occurrences of
 * these keys out before busyFromOccurrences).
 */
export function declinedEvents(invitations: readonly Invitation[]): ReadonlySet<string> {
  return new Set(
    invitations
      .filter((i) => i.removed || i.event.cancelled || i.answer?.answer === 'no')
      .map((i) => eventKey(i.calendarId, i.eventId)),
  );
}
