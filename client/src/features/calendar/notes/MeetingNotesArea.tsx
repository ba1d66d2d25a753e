import './notes.css';
import { Show } from 'solid-js';
import { useRoom } from '../../../sync/registry-context.js';
import { FormError } from '../../../ui/FormError.js';
import { timeAt, type CalendarEvent } from '../../../workspace/calendar/index.js';
import type { NotesTarget } from '../../../workspace/calendar/open-notes.js';
import type { EventAreaProps } from '../event/event-areas.js';
import { NotesSummary } from './NotesSummary.js';
import { RecordMeeting } from './RecordMeeting.js';
import { useOpenNotes } from './use-open-notes.js';

/** The occurrence's notes target and its date, with its own override applied [CAL71]. */
function notesTargetOf(
  event: CalendarEvent,
  rid: string | null,
): { target: NotesTarget; date: string } {
  const override = rid === null ? undefined : event.overrides[rid];
  const time = override?.time ?? (rid === null ? event.time : timeAt(event.time, rid));
  return {
    target: {
      eventId: event.id,
      recurrenceId: rid,
      title: override?.title ?? event.title,
      notesDoc: override?.notesDoc ?? event.notesDoc,
      attendees: event.attendees,
      organizer: event.organizer,
    },
    date: time.start.slice(0, 10),
  };
}

/** The event editor's meeting notes area: open the notes, summarise them, record [CAL70]. */
export function MeetingNotesArea(props: EventAreaProps) {
  const notes = useOpenNotes({
    calendarId: props.calendarId,
    calendarDoc: () => (props.readOnly ? null : props.doc),
    onOpened: () => props.close(),
  });
  return (
    <fieldset class="fieldset stack meeting-notes" aria-label="Meeting notes">
      <legend>Meeting notes</legend>
      <Show
        when={props.event}
        fallback={<p class="muted small">Save the event to start its notes.</p>}
      >
        {(event) => {
          const current = () => notesTargetOf(event(), props.recurrenceId);
          return (
            <>
              <div class="row">
                <button
                  type="button"
                  class="button"
                  disabled={notes.open.busy()}
                  onClick={() => notes.open.run(current().target, current().date)}
                >
                  {current().target.notesDoc ? 'Open notes' : 'Start notes'}
                </button>
              </div>
              <FormError message={notes.open.error()} />
              <Show
                when={current().target.notesDoc}
                keyed
                fallback={
                  <p class="muted small">
                    Notes are a doc shared with the attendees. After the meeting, Summarise turns
                    them into action items.
                  </p>
                }
              >
                {(notesId) => (
                  <NotesTools
                    notesId={notesId}
                    date={current().date}
                    attendeeIds={event()
                      .attendees.filter((a) => a.kind === 'person')
                      .map((a) => a.id)}
                  />
                )}
              </Show>
            </>
          );
        }}
      </Show>
    </fieldset>
  );
}

/** Summarise and Record read and write the notes doc, held open while the editor is. */
function NotesTools(props: { notesId: string; date: string; attendeeIds: readonly string[] }) {
  const handle = useRoom(props.notesId);
  return (
    <>
      <NotesSummary
        notesId={props.notesId}
        notes={handle.doc}
        loaded={handle.loaded()}
        meetingDate={props.date}
        attendeeIds={props.attendeeIds}
      />
      <RecordMeeting notes={handle.doc} canWrite={handle.loaded() && !handle.readOnly()} />
    </>
  );
}
