import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { useSession } from '../../auth/session-context.js';
import { EmptyState } from '../../ui/States.js';
import { NewRoomForm } from '../../workspace/rooms/NewRoomForm.js';
import { useDirectory } from '../../workspace/workspace-context.js';
import { usePersonalCalendar } from './personal-calendar.js';

/** /calendar — every calendar the person can see, and a new one. */
export function CalendarPage() {
  const session = useSession();
  const directory = useDirectory();
  const personal = usePersonalCalendar();
  // The person's own calendar first, then the rest by title.
  const calendars = () => {
    const mine = personal();
    const rest = directory.ofKind('calendar').filter((room) => room.id !== mine?.id);
    return mine ? [mine, ...rest] : rest;
  };
  const [creating, setCreating] = createSignal(false);
  const canCreate = () => session.me()?.user.role !== 'guest';

  return (
    <div class="page stack">
      <header class="page-header">
        <div>
          <h1>Calendar</h1>
          <p class="muted">Your calendars and your team's.</p>
        </div>
      </header>
      <section class="card stack" aria-labelledby="calendars-title">
        <h2 id="calendars-title">Calendars</h2>
        <Show
          when={calendars().length > 0}
          fallback={
            <Show when={!creating()}>
              <EmptyState
                title="No calendars yet"
                action={
                  <Show when={canCreate()}>
                    <button
                      type="button"
                      class="button button-primary"
                      onClick={() => setCreating(true)}
                    >
                      New calendar
                    </button>
                  </Show>
                }
              >
                A calendar holds events and meetings, shared like any room.
              </EmptyState>
            </Show>
          }
        >
          <ul class="item-list" aria-label="Calendars">
            <For each={calendars()}>
              {(calendar) => (
                <li class="item">
                  <A class="item-title" href={`/calendar/${calendar.id}`}>
                    {calendar.title}
                  </A>
                  <Show when={calendar.id === personal()?.id}>
                    <span class="badge">Personal</span>
                  </Show>
                  <Show when={calendar.level === 'read'}>
                    <span class="badge">Read only</span>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={canCreate() && (creating() || calendars().length > 0)}>
          <Show
            when={creating()}
            fallback={
              <div>
                <button type="button" class="button" onClick={() => setCreating(true)}>
                  New calendar
                </button>
              </div>
            }
          >
            <NewRoomForm
              kind="calendar"
              noun="calendar"
              open={(room) => `/calendar/${room.id}`}
              onCancel={() => setCreating(false)}
            />
          </Show>
        </Show>
      </section>
    </div>
  );
}
