import { createMemo, createSignal, For, Index, Show } from 'solid-js';
import { longDate, weekdayNames } from './format.js';
import { cellItems } from './layout.js';
import { onDate, timeLabel, type ViewProps } from './view-props.js';

/** Events a month cell lists before "+N more". */
const CELL_LIMIT = 3;

/**
 * The month grid [CAL34]: whole weeks, each day with its first events and "+N
 * more" (which opens that day). Arrow keys move between days (a roving tab stop),
 * Enter opens the day, N creates an event on it.
 */
export function MonthView(props: ViewProps & { month: string }) {
  const cells: HTMLButtonElement[] = [];
  const [focused, setFocused] = createSignal(
    Math.max(0, props.days.indexOf(props.today), props.days.indexOf(`${props.month}-01`)),
  );
  const perDay = createMemo(() =>
    props.days.map((date) => cellItems(onDate(props.occurrences, date, props.zone), CELL_LIMIT)),
  );
  const weeks = () => Array.from({ length: props.days.length / 7 }, (_, w) => w);
  const dayKey = (e: KeyboardEvent, i: number) => {
    const step: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      ArrowUp: -7,
      ArrowDown: 7,
    };
    const move = step[e.key];
    const date = props.days[i];
    if (move !== undefined) {
      e.preventDefault();
      const next = Math.min(props.days.length - 1, Math.max(0, i + move));
      setFocused(next);
      cells[next]?.focus();
    } else if (e.key.toLowerCase() === 'n' && !props.readOnly && date) {
      e.preventDefault();
      props.onCreate(`${date}T09:00`, false);
    }
  };
  return (
    <div class="cal-month" role="group" aria-label="Month">
      <div class="cal-month-head" aria-hidden="true">
        <For each={weekdayNames}>{(name) => <span>{name}</span>}</For>
      </div>
      <For each={weeks()}>
        {(w) => (
          <div class="cal-month-week">
            <Index each={props.days.slice(w * 7, w * 7 + 7)}>
              {(date, d) => {
                const i = w * 7 + d;
                const items = () => perDay()[i] ?? { shown: [], more: 0 };
                return (
                  <div
                    class="cal-month-cell"
                    classList={{
                      'cal-today': date() === props.today,
                      'cal-other-month': date().slice(0, 7) !== props.month,
                    }}
                  >
                    <button
                      ref={(el) => (cells[i] = el)}
                      type="button"
                      class="cal-day-link"
                      tabindex={focused() === i ? 0 : -1}
                      aria-label={`${longDate(date())}${items().shown.length + items().more > 0 ? `, ${items().shown.length + items().more} events` : ''}`}
                      onFocus={() => setFocused(i)}
                      onClick={() => props.onShowDay(date())}
                      onKeyDown={(e) => dayKey(e, i)}
                    >
                      {Number(date().slice(8, 10))}
                    </button>
                    <For each={items().shown}>
                      {(o) => (
                        <button
                          type="button"
                          class="cal-event cal-event-month"
                          classList={{
                            'cal-cancelled': o.cancelled,
                            'cal-event-allday': o.time.kind === 'allDay',
                          }}
                          style={props.colourOf?.(o) ? { '--cal-colour': props.colourOf(o) } : {}}
                          aria-label={`${o.title}, ${timeLabel(o, props.zone)}`}
                          onClick={() => props.onOpen(o)}
                        >
                          <Show when={o.time.kind === 'timed'}>
                            <span class="cal-event-time">
                              {timeLabel(o, props.zone).slice(0, 5)}{' '}
                            </span>
                          </Show>
                          {o.title}
                        </button>
                      )}
                    </For>
                    <Show when={items().more > 0}>
                      <button
                        type="button"
                        class="cal-more"
                        onClick={() => props.onShowDay(date())}
                      >
                        +{items().more} more
                      </button>
                    </Show>
                  </div>
                );
              }}
            </Index>
          </div>
        )}
      </For>
    </div>
  );
}
