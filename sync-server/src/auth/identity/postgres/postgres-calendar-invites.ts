import type {
  CalendarInviteeRow,
  CalendarInviteRow,
  CalendarInviteStore,
} from '../calendar-invite-store.js';
import type { Sql } from './sql.js';

const INVITE = 'calendar_id, event_id, sequence, snapshot, published_by, updated_at';
const INVITEE = 'calendar_id, event_id, user_id, removed, answer, note, answered_at';

export class PostgresCalendarInvites implements CalendarInviteStore {
  constructor(private readonly sql: Sql) {}

  async get(calendarId: string, eventId: string) {
    const rows = await this.sql.rows<CalendarInviteRow>(
      `SELECT ${INVITE} FROM calendar_invites WHERE calendar_id = $1 AND event_id = $2`,
      [calendarId, eventId],
    );
    return rows[0];
  }

  async put(row: CalendarInviteRow) {
    await this.sql.rows(
      `INSERT INTO calendar_invites (${INVITE}) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (calendar_id, event_id) DO UPDATE SET sequence = excluded.sequence,
         snapshot = excluded.snapshot, published_by = excluded.published_by,
         updated_at = excluded.updated_at`,
      [row.calendar_id, row.event_id, row.sequence, row.snapshot, row.published_by, row.updated_at],
    );
  }

  invitees(calendarId: string, eventId: string) {
    return this.sql.rows<CalendarInviteeRow>(
      `SELECT ${INVITEE} FROM calendar_invitees WHERE calendar_id = $1 AND event_id = $2
        ORDER BY user_id`,
      [calendarId, eventId],
    );
  }

  async invitee(calendarId: string, eventId: string, userId: string) {
    const rows = await this.sql.rows<CalendarInviteeRow>(
      `SELECT ${INVITEE} FROM calendar_invitees
        WHERE calendar_id = $1 AND event_id = $2 AND user_id = $3`,
      [calendarId, eventId, userId],
    );
    return rows[0];
  }

  async putInvitees(rows: readonly CalendarInviteeRow[]) {
    if (rows.length === 0) return;
    // One statement, so the batch is stored whole or not at all.
    await this.sql.rows(
      `INSERT INTO calendar_invitees (${INVITEE})
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[],
                            $6::text[], $7::bigint[])
       ON CONFLICT (calendar_id, event_id, user_id) DO UPDATE SET removed = excluded.removed,
         answer = excluded.answer, note = excluded.note, answered_at = excluded.answered_at`,
      [
        rows.map((r) => r.calendar_id),
        rows.map((r) => r.event_id),
        rows.map((r) => r.user_id),
        rows.map((r) => r.removed),
        rows.map((r) => r.answer),
        rows.map((r) => r.note),
        rows.map((r) => r.answered_at),
      ],
    );
  }

  ofPerson(userId: string) {
    return this.sql.rows<CalendarInviteRow>(
      `SELECT i.calendar_id, i.event_id, i.sequence, i.snapshot, i.published_by, i.updated_at
         FROM calendar_invites i
         JOIN calendar_invitees p ON p.calendar_id = i.calendar_id AND p.event_id = i.event_id
        WHERE p.user_id = $1 ORDER BY i.updated_at DESC, i.event_id`,
      [userId],
    );
  }
}
