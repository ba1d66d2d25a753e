/**
 * Calendar invites through the relay (CALENDAR.md [CAL40]–[CAL49]).
 *
 * Why the relay and not the organiser's doc: attendees usually cannot read the
 * calendar room, and an answer written into that doc could be written by anyone who
 * can write it. So a writer of the calendar publishes a snapshot of each event with
 * attendees; the relay keeps it with one row per attendee and takes the answering
 * person from the session only.
 *
 * Why the relay numbers versions and not the device: devices edit offline and
 * cannot agree on a counter; the doc converges, and the device publishes the event
 * as its synced doc reads it. Publishing the same content again is a no-op (no new
 * version, nobody told), so a retry or a second device publishing the merged state
 * is harmless [CAL41].
 */
import type { z } from 'zod';
import {
  InviteSnapshot,
  type AnswerBody,
  type AnswerList,
  type Invitation,
  type InviteDingResult,
  type PublishBody,
  type PublishResult,
} from '../../../shared/api/calendar-invites.js';
import type { NotificationKind } from '../../../shared/api/schemas.js';
import { fail } from '../auth/api-failure.js';
import {
  newId,
  type CalendarInviteeRow,
  type CalendarInviteRow,
  type IdentityStore,
  type NotificationRow,
  type UserRow,
} from '../auth/identity/identity-store.js';
import type { RoomDirectory } from '../auth/room-directory.js';
import { canonicalSnapshot, changeText, timeMoved, timeText } from './invite-changes.js';
import { invitedPeople } from './invite-people.js';

export interface CalendarInvitesDeps {
  store: IdentityStore;
  directory: RoomDirectory;
  now: () => number;
  /** Spends one DING of the sender's budget or throws 429 [DING2]. */
  admitDing: (userId: string) => Promise<void>;
}

type Notice = Omit<NotificationRow, 'id' | 'read_at' | 'at' | 'room_id' | 'actor_id' | 'anchor'>;

const unpublished: PublishResult = { sequence: 0, changed: false, notified: 0 };

/** A stored snapshot; one this code cannot read (hand-edited, a newer relay) is a 409, not a crash. */
function snapshotOf(row: CalendarInviteRow): InviteSnapshot {
  let parsed;
  try {
    parsed = InviteSnapshot.safeParse(JSON.parse(row.snapshot));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) throw fail.conflict('the stored invite cannot be read; publish it again');
  return parsed.data;
}

export class CalendarInvites {
  constructor(private readonly deps: CalendarInvitesDeps) {}

  /** The caller must write the calendar: 404 when they cannot read it or it is no calendar. */
  private async writer(user: UserRow, calendarId: string, tx = this.deps.store): Promise<void> {
    const room = await tx.rooms.get(calendarId);
    const level = room ? await this.deps.directory.levelFor(user.id, calendarId, tx) : 'none';
    if (!room || room.kind !== 'calendar' || level === 'none') throw fail.notFound('calendar');
    if (level !== 'write') throw fail.forbidden('you can only read this calendar');
  }

  /**
   * [CAL44] The invite and the caller's row, for an attendee or a reader of the
   * calendar; anyone else gets the same 404 as for an event that was never published.
   */
  private async visible(user: UserRow, calendarId: string, eventId: string) {
    const { store, directory } = this.deps;
    const [invite, mine] = await Promise.all([
      store.calendarInvites.get(calendarId, eventId),
      store.calendarInvites.invitee(calendarId, eventId, user.id),
    ]);
    const reader = invite && !mine && (await directory.levelFor(user.id, calendarId)) !== 'none';
    if (!invite || (!mine && !reader)) throw fail.notFound('invitation');
    return { invite, mine };
  }

  async publish(
    user: UserRow,
    calendarId: string,
    eventId: string,
    body: PublishBody,
  ): Promise<PublishResult> {
    return this.deps.store.transaction(async (tx) => {
      await this.writer(user, calendarId, tx);
      const prevRow = await tx.calendarInvites.get(calendarId, eventId);
      const before = prevRow ? snapshotOf(prevRow) : null;
      // A deleted event is cancelled for its attendees; the last snapshot stays to show it.
      const after = body.event ?? (before ? { ...before, cancelled: true } : null);
      if (!after || (!before && after.attendees.length === 0)) return unpublished;
      if (prevRow && before && canonicalSnapshot(before) === canonicalSnapshot(after))
        return { sequence: prevRow.sequence, changed: false, notified: 0 };

      const now = this.deps.now();
      const people = await invitedPeople(tx, after.attendees, after.organizer);
      const rows = new Map(
        (await tx.calendarInvites.invitees(calendarId, eventId)).map((r) => [r.user_id, r]),
      );
      const resetAnswers = before !== null && timeMoved(before, after);
      const changed = before ? changeText(before, after) : null;
      const invitedText = timeText(after.time, after.rrule);
      const writes: CalendarInviteeRow[] = [];
      const notices: (Notice & { user_id: string })[] = [];
      const tell = (userId: string, kind: NotificationKind, excerpt: string) => {
        if (userId !== user.id) notices.push({ user_id: userId, kind, excerpt });
      };
      for (const userId of people) {
        const row = rows.get(userId);
        const attending = row !== undefined && row.removed === 0;
        if (!attending && after.cancelled) continue; // never invited to a cancelled event
        const keep = attending && !resetAnswers;
        writes.push({
          calendar_id: calendarId,
          event_id: eventId,
          user_id: userId,
          removed: 0,
          answer: keep ? row.answer : null,
          note: keep ? row.note : '',
          answered_at: keep ? row.answered_at : null,
        });
        if (!attending || before?.cancelled) tell(userId, 'event-invited', invitedText);
        else if (after.cancelled) tell(userId, 'event-cancelled', 'cancelled');
        else if (changed) tell(userId, 'event-changed', changed);
      }
      for (const row of rows.values())
        if (row.removed === 0 && !people.has(row.user_id)) {
          writes.push({ ...row, removed: 1 });
          tell(row.user_id, 'event-cancelled', 'you were removed from the attendees');
        }
      const sequence = (prevRow?.sequence ?? 0) + 1;
      await tx.calendarInvites.put({
        calendar_id: calendarId,
        event_id: eventId,
        sequence,
        snapshot: JSON.stringify(after),
        published_by: user.id,
        updated_at: now,
      });
      await tx.calendarInvites.putInvitees(writes);
      await tx.notifications.insert(
        notices.map((n) => ({
          ...n,
          id: newId(),
          room_id: calendarId,
          actor_id: user.id,
          anchor: eventId,
          at: now,
        })),
      );
      return { sequence, changed: true, notified: notices.length };
    });
  }

  private async view(
    user: UserRow,
    invite: CalendarInviteRow,
    mine: CalendarInviteeRow | undefined,
  ): Promise<Invitation> {
    const event = snapshotOf(invite);
    const organizer = await this.deps.store.people.byId(event.organizer);
    return {
      calendarId: invite.calendar_id,
      eventId: invite.event_id,
      sequence: invite.sequence,
      publishedBy: invite.published_by,
      organizerName: organizer?.name ?? 'Someone',
      event,
      removed: mine?.removed === 1,
      invited: mine !== undefined && mine.removed === 0,
      answer:
        mine?.answer && mine.answered_at !== null
          ? { answer: mine.answer, note: mine.note, at: mine.answered_at }
          : null,
      updatedAt: invite.updated_at,
    };
  }

  /** [CAL43] Every event the person is (or was) invited to, with their own answer. */
  async mine(user: UserRow): Promise<{ invitations: Invitation[] }> {
    const { store } = this.deps;
    const invites = await store.calendarInvites.ofPerson(user.id);
    const invitations: Invitation[] = [];
    for (const invite of invites) {
      const mine = await store.calendarInvites.invitee(
        invite.calendar_id,
        invite.event_id,
        user.id,
      );
      try {
        invitations.push(await this.view(user, invite, mine));
      } catch {
        // An unreadable stored snapshot hides that one invite, never the whole list.
      }
    }
    return { invitations };
  }

  async detail(user: UserRow, calendarId: string, eventId: string): Promise<Invitation> {
    const { invite, mine } = await this.visible(user, calendarId, eventId);
    return this.view(user, invite, mine);
  }

  /** [CAL43] The answer is the session's person's; a body cannot name anyone else. */
  async answer(
    user: UserRow,
    calendarId: string,
    eventId: string,
    body: z.output<typeof AnswerBody>,
  ): Promise<Invitation> {
    const { invite, mine } = await this.visible(user, calendarId, eventId);
    if (!mine) throw fail.forbidden('only attendees answer an invitation');
    if (mine.removed === 1) throw fail.conflict('you are no longer invited to this event');
    if (snapshotOf(invite).cancelled) throw fail.conflict('this event was cancelled');
    const row: CalendarInviteeRow = {
      ...mine,
      answer: body.answer,
      note: body.note,
      answered_at: this.deps.now(),
    };
    await this.deps.store.calendarInvites.putInvitees([row]);
    return this.view(user, invite, row);
  }

  /** [CAL44] Who answered what, and who has not, for attendees and readers of the calendar. */
  async answers(user: UserRow, calendarId: string, eventId: string): Promise<AnswerList> {
    const { mine } = await this.visible(user, calendarId, eventId);
    if (mine?.removed === 1) throw fail.notFound('invitation');
    const { store } = this.deps;
    const rows = (await store.calendarInvites.invitees(calendarId, eventId)).filter(
      (r) => r.removed === 0,
    );
    const counts = { yes: 0, no: 0, maybe: 0, none: 0 };
    const attendees = await Promise.all(
      rows.map(async (r) => {
        counts[r.answer ?? 'none'] += 1;
        const person = await store.people.byId(r.user_id);
        return {
          userId: r.user_id,
          name: person?.name ?? 'Someone',
          answer:
            r.answer && r.answered_at !== null
              ? { answer: r.answer, note: r.note, at: r.answered_at }
              : null,
        };
      }),
    );
    attendees.sort((a, b) => a.name.localeCompare(b.name));
    return { attendees, counts };
  }

  /** [CAL45] One DING to each attendee who has not answered, from the sender's DING budget. */
  async ding(user: UserRow, calendarId: string, eventId: string): Promise<InviteDingResult> {
    await this.writer(user, calendarId);
    const { store } = this.deps;
    const invite = await store.calendarInvites.get(calendarId, eventId);
    if (!invite) throw fail.notFound('invitation');
    const event = snapshotOf(invite);
    if (event.cancelled) throw fail.conflict('this event was cancelled');
    const waiting = (await store.calendarInvites.invitees(calendarId, eventId)).filter(
      (r) => r.removed === 0 && r.answer === null && r.user_id !== user.id,
    );
    if (waiting.length === 0) return { dinged: 0 };
    await this.deps.admitDing(user.id);
    const at = this.deps.now();
    await store.notifications.insert(
      waiting.map((r) => ({
        id: newId(),
        user_id: r.user_id,
        room_id: calendarId,
        kind: 'event-ding' as const,
        actor_id: user.id,
        excerpt: `please answer: ${timeText(event.time, event.rrule)}`,
        anchor: eventId,
        at,
      })),
    );
    return { dinged: waiting.length };
  }
}
