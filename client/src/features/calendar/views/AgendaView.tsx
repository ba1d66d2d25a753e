import { For, Show } from 'solid-js';
import { longDate } from './format.js';
import { onDate, timeLabel, type ViewProps } from './view-props.js';

/** The agenda: the days that have events, each with its events in time order. */
export function AgendaView(props: ViewProps) {
  const days = () =>
    props.days
      .map((date) => ({ date, items: onDate(props.occurrences, date, props.zone) }))
      .filter((day) => day.items.length > 0);
  return (
    <Show when={days().length > 0} fallback={<p class="muted">Nothing in these two weeks.</p>}>
      <div class="cal-agenda stack">
        <For each={days()}>
          {(day) => (
            <section aria-label={longDate(day.date)}>
              <h3 class="cal-agenda-date" classList={{ 'cal-today': day.date === props.today }}>
                {longDate(day.date)}
              </h3>
              <ul class="plain-list stack">
                <For each={day.items}>
                  {(o) => (
                    <li>
                      <button
                        type="button"
                        class="cal-event cal-event-agenda"
                        classList={{ 'cal-cancelled': o.cancelled }}
                        style={props.colourOf?.(o) ? { '--cal-colour': props.colourOf(o) } : {}}
                        aria-label={`${o.title}, ${timeLabel(o, props.zone)}`}
                        onClick={() => props.onOpen(o)}
                      >
                        <span class="cal-event-time">{timeLabel(o, props.zone)}</span>
                        <span class="cal-event-title">{o.title}</span>
                        <Show when={o.location}>
                          <span class="muted small">{o.location}</span>
                        </Show>
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </section>
          )}
        </For>
      </div>
    </Show>
  );
}
