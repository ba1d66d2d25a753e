/**
 * A meeting's notes doc ([CAL70], [CAL71]): a docs room whose id is derived from the
 * calendar, the event and the occurrence, so that two devices (or two attendees)
 * pressing "Notes" at once, offline or not, name the same room and the relay's
 * "already exists" means someone was first, not an error.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { AccessLevel } from '../access/levels.js';
import type { Attendee } from './schemas.js';

/** Room ids are 1–64 of [A-Za-z0-9_-]; event ids may hold other characters, so hash. */
export function notesRoomId(calendarId: string, eventId: string, recurrenceId: string | null) {
  const key = [calendarId, eventId, recurrenceId ?? ''].join('\n');
  return `notes_${bytesToHex(sha256(utf8ToBytes(key))).slice(0, 40)}`;
}

const TITLE_MAX = 200;

/** "Notes — Weekly sync 2026-12-02", cut to fit a room title. */
export function notesTitle(eventTitle: string, date: string): string {
  const tail = ` ${date}`;
  const head = 'Notes — ';
  const room = TITLE_MAX - head.length - tail.length;
  const title = eventTitle.length > room ? `${eventTitle.slice(0, room - 1)}…` : eventTitle;
  return `${head}${title}${tail}`;
}

interface Grant {
  id: string;
  level: 'read' | 'write';
}
interface Access {
  workspace: AccessLevel;
  groups: Grant[];
  users: Grant[];
}

/**
 * Who may open the notes: the attendees and the organiser write; whoever can read the
 * calendar reads (its groups, people and workspace rule, at most read). Department
 * attendees are not an access rule the relay knows, so their members get the notes
 * through the calendar's own rule only.
 */
export function notesAccess(
  calendar: Access,
  attendees: readonly Attendee[],
  organizer: string,
  /** Whether the relay knows this person; an imported attendee may be an email or gone. */
  known: (personId: string) => boolean,
): Access {
  const users = new Map<string, Grant['level']>();
  for (const grant of calendar.users) users.set(grant.id, 'read');
  for (const attendee of attendees) if (attendee.kind === 'person') users.set(attendee.id, 'write');
  users.set(organizer, 'write');
  for (const id of users.keys()) if (!known(id)) users.delete(id);
  return {
    workspace: calendar.workspace === 'none' ? 'none' : 'read',
    groups: calendar.groups.map((grant) => ({ id: grant.id, level: 'read' })),
    users: [...users].map(([id, level]) => ({ id, level })),
  };
}
