import type * as Y from 'yjs';
import type { DirectoryRoom } from '../../../../shared/api/schemas.js';
import { editEvent } from '../../../../shared/calendar/write-events.js';
import { editOccurrence } from '../../../../shared/calendar/series.js';
import { notesAccess, notesRoomId, notesTitle } from '../../../../shared/calendar/meeting-notes.js';
import type { Attendee, EditContext } from '../../../../shared/calendar/index.js';
import type { Api } from '../../auth/api.js';
import { ApiFailure } from '../../auth/api-failure.js';

export interface OpenNotesDeps {
  api: Pick<Api, 'createRoom' | 'room' | 'roomAccess'>;
  /** Adds the room to this device's directory so it opens at once. */
  addRoom: (room: DirectoryRoom) => void;
  known: (personId: string) => boolean;
  /** Null when this person cannot edit the calendar: the notes are found by their id alone. */
  calendarDoc: Y.Doc | null;
  ctx: EditContext;
}

/** The occurrence whose notes are wanted (an Occurrence, or a Home summary's entry). */
export interface NotesTarget {
  readonly eventId: string;
  readonly recurrenceId: string | null;
  readonly title: string;
  /** The recorded notes doc, if the calendar has one for it. */
  readonly notesDoc: string | null;
  readonly attendees: readonly Attendee[];
  readonly organizer: string;
}

/** Why notes could not be opened, in words for the person. */
export class NotesError extends Error {
  override name = 'NotesError';
}

/**
 * The notes doc of an occurrence, created on first use [CAL70]: the same id on every
 * device, so "exists already" is someone else having been first. The event (or, in a
 * series, the occurrence [CAL71]) records the id when this person may edit the
 * calendar; others find the same room by its id.
 */
export async function openNotes(
  calendarId: string,
  occurrence: NotesTarget,
  date: string,
  deps: OpenNotesDeps,
): Promise<DirectoryRoom> {
  const id =
    occurrence.notesDoc ?? notesRoomId(calendarId, occurrence.eventId, occurrence.recurrenceId);
  const room = await existingOrNew(id, calendarId, occurrence, date, deps);
  deps.addRoom(room);
  if (deps.calendarDoc && occurrence.notesDoc !== id) {
    if (occurrence.recurrenceId === null)
      editEvent(deps.calendarDoc, occurrence.eventId, { notesDoc: id }, deps.ctx);
    else
      editOccurrence(
        deps.calendarDoc,
        occurrence.eventId,
        occurrence.recurrenceId,
        { notesDoc: id },
        deps.ctx,
      );
  }
  return room;
}

const NOBODY = { workspace: 'none', groups: [], users: [] } as const;

/** The calendar's sharing, or nobody's when the relay keeps it from this person. */
async function calendarAccess(calendarId: string, api: OpenNotesDeps['api']) {
  try {
    return await api.roomAccess(calendarId);
  } catch (error) {
    if (error instanceof ApiFailure && !error.offline) return { ...NOBODY, groups: [], users: [] };
    throw error;
  }
}

async function existingOrNew(
  id: string,
  calendarId: string,
  occurrence: NotesTarget,
  date: string,
  deps: OpenNotesDeps,
): Promise<DirectoryRoom> {
  try {
    const calendar = await calendarAccess(calendarId, deps.api);
    return await deps.api.createRoom({
      id,
      kind: 'doc',
      title: notesTitle(occurrence.title, date),
      access: notesAccess(calendar, occurrence.attendees, occurrence.organizer, deps.known),
    });
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    if (error.offline)
      throw new NotesError('Meeting notes are created on the relay: try again when online.');
    // 409: someone was first (another attendee, or this person on another device);
    // 403: this person may not create rooms (a guest), but may have been given the notes.
    if (error.status !== 409 && error.status !== 403) throw new NotesError(error.message);
    try {
      return await deps.api.room(id);
    } catch (again) {
      if (again instanceof ApiFailure && !again.offline)
        throw new NotesError(
          error.status === 409
            ? 'These meeting notes exist but are not shared with you.'
            : error.message,
        );
      throw again instanceof ApiFailure ? new NotesError(again.message) : again;
    }
  }
}
