import { A, useParams } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { useSession } from '../../auth/session-context.js';
import { origins } from '../../sync/origins.js';
import { useRoom } from '../../sync/registry-context.js';
import { fromYjs } from '../../sync/yjs-signal.js';
import { EmptyState, Skeleton } from '../../ui/States.js';
import {
  addMinutes,
  createEvent,
  newEventId,
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
  const session = useSession();
  const handle = useRoom(props.id);
  const zone = viewerZone();
  const calendar = fromYjs(handle.doc, () => readCalendarDoc(handle.doc));
  const today = todayIn(zone);
  const agenda = () => occurrencesOn(calendar(), today, AGENDA_DAYS, zone);
  const [title, setTitle] = createSignal('');
  const [date, setDate] = createSignal(today);
  const [start, setStart] = createSignal('09:00');

  const add = (event: SubmitEvent) => {
    event.preventDefault();
    const begin = `${date()}T${start()}`;
    createEvent(
      handle.doc,
      {
        id: newEventId(),
        title: title(),
        time: { kind: 'timed', start: begin, end: addMinutes(begin, 30), timeZone: zone },
        organizer: session.me()?.user.id ?? 'unknown',
      },
      { by: session.me()?.user.id ?? 'unknown', now: Date.now(), origin: origins.edit },
    );
    setTitle('');
  };

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
          <form class="row" aria-label="New event" onSubmit={add}>
            <input
              aria-label="Title"
              required
              value={title()}
              onInput={(e) => setTitle(e.currentTarget.value)}
            />
            <input
              aria-label="Date"
              type="date"
              required
              value={date()}
              onInput={(e) => setDate(e.currentTarget.value)}
            />
            <input
              aria-label="Start"
              type="time"
              required
              value={start()}
              onInput={(e) => setStart(e.currentTarget.value)}
            />
            <button type="submit" class="button button-primary">
              Add event
            </button>
          </form>
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
                    <span class="item-title">{occurrence.title}</span>
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
    </>
  );
}
