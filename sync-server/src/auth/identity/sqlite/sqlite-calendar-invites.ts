import type Database from 'better-sqlite3';
import type {
  CalendarInviteeRow,
  CalendarInviteRow,
  CalendarInviteStore,
} from '../calendar-invite-store.js';
import type { Exec } from './gate.js';

const INVITE = 'calendar_id, event_id, sequence, snapshot, published_by, updated_at';
const INVITEE = 'calendar_id, event_id, user_id, removed, answer, note, answered_at';

export class SqliteCalendarInvites implements CalendarInviteStore {
  constructor(
    private readonly db: Database.Database,
    private readonly exec: Exec,
  ) {}

  get(calendarId: string, eventId: string) {
    return this.exec(() =>
      this.db
        .prepare<[string, string], CalendarInviteRow>(
          `SELECT ${INVITE} FROM calendar_invites WHERE calendar_id = ? AND event_id = ?`,
        )
        .get(calendarId, eventId),
    );
  }

  put(row: CalendarInviteRow) {
    return this.exec(() => {
      this.db
        .prepare(
          `INSERT INTO calendar_invites (${INVITE})
           VALUES (@calendar_id, @event_id, @sequence, @snapshot, @published_by, @updated_at)
           ON CONFLICT (calendar_id, event_id) DO UPDATE SET sequence = excluded.sequence,
             snapshot = excluded.snapshot, published_by = excluded.published_by,
             updated_at = excluded.updated_at`,
        )
        .run(row);
    });
  }

  invitees(calendarId: string, eventId: string) {
    return this.exec(() =>
      this.db
        .prepare<[string, string], CalendarInviteeRow>(
          `SELECT ${INVITEE} FROM calendar_invitees WHERE calendar_id = ? AND event_id = ?
           ORDER BY user_id`,
        )
        .all(calendarId, eventId),
    );
  }

  invitee(calendarId: string, eventId: string, userId: string) {
    return this.exec(() =>
      this.db
        .prepare<[string, string, string], CalendarInviteeRow>(
          `SELECT ${INVITEE} FROM calendar_invitees
           WHERE calendar_id = ? AND event_id = ? AND user_id = ?`,
        )
        .get(calendarId, eventId, userId),
    );
  }

  putInvitees(rows: readonly CalendarInviteeRow[]) {
    return this.exec(() =>
      this.db.transaction(() => {
        const put = this.db.prepare(
          `INSERT OR REPLACE INTO calendar_invitees (${INVITEE})
           VALUES (@calendar_id, @event_id, @user_id, @removed, @answer, @note, @answered_at)`,
        );
        for (const row of rows) put.run(row);
      })(),
    );
  }

  ofPerson(userId: string) {
    return this.exec(() =>
      this.db
        .prepare<[string], CalendarInviteRow>(
          `SELECT i.calendar_id, i.event_id, i.sequence, i.snapshot, i.published_by, i.updated_at
           FROM calendar_invites i
           JOIN calendar_invitees p ON p.calendar_id = i.calendar_id AND p.event_id = i.event_id
           WHERE p.user_id = ? ORDER BY i.updated_at DESC, i.event_id`,
        )
        .all(userId),
    );
  }
}
