import { A, useParams } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { useRoom } from '../../sync/registry-context.js';
import { fromYjs } from '../../sync/yjs-signal.js';
import { EmptyState, Skeleton } from '../../ui/States.js';
import { EventDialog, type EventDialogTarget } from './event/EventDialog.js';
import {
  occurrencesOn,
  readCalendarDoc,
  showOccurrence,
  todayIn,
  viewerZone,
} from '../../workspace/calendar/index.js';
import { useDirectory } from '../../workspace/workspace-context.js';

const AGENDA_DAYS = 14;

/** /calendar/:id — one calendar: the next two weeks, and a quick new event. */
export function CalendarRoomPage() {
  const params = useParams<{ id: string }>();
  const directory = useDirectory();
  const room = () => {
    const entry = directory.byId(params.id);
    return entry?.kind === 'calendar' ? entry : undefined;
  };
  return (
    <div class="page stack calendar-page">
      <Show
        when={room() ? params.id : null}
        keyed
        fallback={
          <EmptyState
            title="Calendar not available"
            action={
              <A class="button" href="/calendar">
                All calendars
              </A>
            }
          >
            It does not exist, or you do not have access to it.
          </EmptyState>
        }
      >
        {(id) => <CalendarView id={id} />}
      </Show>
    </div>
  );
}

function CalendarView(props: { id: string }) {
  const directory = useDirectory();
  const handle = useRoom(props.id);
  const zone = viewerZone();
  const calendar = fromYjs(handle.doc, () => readCalendarDoc(handle.doc));
  const today = todayIn(zone);
  const agenda = () => occurrencesOn(calendar(), today, AGENDA_DAYS, zone);
  const [editing, setEditing] = createSignal<EventDialogTarget | null>(null);

  return (
    <>
      <header class="page-header">
        <div>
          <p class="muted small">
            <A href="/calendar">All calendars</A>
          </p>
          <h1>{directory.byId(props.id)?.title}</h1>
        </div>
      </header>
      <Show when={handle.loaded()} fallback={<Skeleton label="the calendar" lines={4} />}>
        <Show when={!handle.readOnly()}>
          <div>
            <button
              type="button"
              class="button button-primary"
              onClick={() => setEditing({ kind: 'new', start: `${today}T09:00`, allDay: false })}
            >
              New event
            </button>
          </div>
        </Show>
        <Show
          when={agenda().length > 0}
          fallback={<p class="muted">Nothing in the next two weeks.</p>}
        >
          <ul class="item-list" aria-label="Agenda">
            <For each={agenda()}>
              {(occurrence) => {
                const shown = showOccurrence(occurrence, zone);
                return (
                  <li class="item">
                    <button
                      type="button"
                      class="item-title"
                      onClick={() =>
                        setEditing({
                          kind: 'event',
                          eventId: occurrence.eventId,
                          recurrenceId: occurrence.recurrenceId,
                        })
                      }
                    >
                      {occurrence.title}
                    </button>
                    <span class="muted small">
                      {shown.kind === 'allDay'
                        ? shown.startDate
                        : `${shown.startDate} ${shown.startTime}–${shown.endTime}`}
                    </span>
                  </li>
                );
              }}
            </For>
          </ul>
        </Show>
      </Show>
      <Show when={editing()} keyed>
        {(target) => (
          <EventDialog
            doc={handle.doc}
            calendarId={props.id}
            readOnly={handle.readOnly()}
            target={target}
            onClose={() => setEditing(null)}
          />
        )}
      </Show>
    </>
  );
}
