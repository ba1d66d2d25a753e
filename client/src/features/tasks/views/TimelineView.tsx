import { createVirtualizer } from '@tanstack/solid-virtual';
import { createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { EmptyState } from '../../../ui/States.js';
import type { Board } from '../../../workspace/tasks/index.js';
import { axisTicks, localToday, todayLeft } from './timeline-axis.js';
import { barPosition, timelineBars } from './timeline-bars.js';

const ROW_PX = 36;
const DAYS = 42;
// Day numbers are UTC calendar days: format them in UTC or the west sees yesterday.
const dayFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const label = (day: number) => dayFormat.format(new Date(day * 86_400_000));

/**
 * Bars from start to due over six weeks under a date axis, with a line at today;
 * earlier and later weeks one click away. The canvas keeps a minimum width per day
 * and scrolls inside itself on narrow screens, task titles staying in view.
 */
export function TimelineView(props: { board: Board; onOpen: (taskId: string) => void }) {
  const [today, setToday] = createSignal(localToday(new Date()));
  const timer = setInterval(() => setToday(localToday(new Date())), 60_000);
  onCleanup(() => clearInterval(timer));
  const [first, setFirst] = createSignal(today() - 7);
  const bars = createMemo(() => timelineBars(props.board));
  const ticks = createMemo(() => axisTicks(first(), DAYS));
  const todayAt = () => todayLeft(today(), first(), DAYS);
  let scroller!: HTMLDivElement;
  const virtualizer = createVirtualizer({
    get count() {
      return bars().length;
    },
    getScrollElement: () => scroller,
    estimateSize: () => ROW_PX,
    overscan: 10,
  });

  return (
    <section class="card stack timeline-card" aria-label="Timeline">
      <div class="row row-between timeline-nav">
        <button type="button" class="button button-small" onClick={() => setFirst((d) => d - 7)}>
          Earlier
        </button>
        <div class="row">
          <p class="small">
            {label(first())} – {label(first() + DAYS - 1)}
          </p>
          <Show when={todayAt() === null}>
            <button type="button" class="button button-small" onClick={() => setFirst(today() - 7)}>
              Today
            </button>
          </Show>
        </div>
        <button type="button" class="button button-small" onClick={() => setFirst((d) => d + 7)}>
          Later
        </button>
      </div>
      <Show
        when={bars().length > 0}
        fallback={
          <EmptyState title="Nothing scheduled">
            Give a task a start or due date and it shows here as a bar.
          </EmptyState>
        }
      >
        <div
          ref={scroller}
          class="timeline-scroller"
          role="region"
          tabindex="0"
          aria-label="Timeline chart"
        >
          <div class="timeline-canvas" style={{ '--timeline-days': DAYS }}>
            <div class="timeline-axis" aria-hidden="true">
              <span class="timeline-corner" />
              <div class="timeline-ticks">
                <For each={ticks()}>
                  {(tick) => (
                    <span
                      class="timeline-tick"
                      classList={{
                        'timeline-tick-week': tick.weekStart,
                        'timeline-tick-today': tick.day === today(),
                      }}
                      style={{ left: `${tick.left}%` }}
                    >
                      <Show when={tick.weekStart}>
                        <span class="timeline-week">{label(tick.day)}</span>
                      </Show>
                      <span class="timeline-date">{tick.date}</span>
                    </span>
                  )}
                </For>
              </div>
            </div>
            <ul
              class="timeline"
              aria-label="Tasks on the timeline"
              style={{ height: `${virtualizer.getTotalSize()}px` }}
            >
              <For each={virtualizer.getVirtualItems()}>
                {(item) => (
                  <Show when={bars()[item.index]}>
                    {(bar) => (
                      <li class="timeline-row" style={{ transform: `translateY(${item.start}px)` }}>
                        <span class="timeline-label small">{bar().task.title}</span>
                        <span class="timeline-track">
                          <Show when={barPosition(bar(), first(), DAYS)}>
                            {(pos) => (
                              <button
                                type="button"
                                class="timeline-bar"
                                classList={{ 'timeline-bar-done': bar().task.completedAt !== null }}
                                style={{ left: `${pos().left}%`, width: `${pos().width}%` }}
                                aria-label={`${bar().task.title}: ${label(bar().from)} to ${label(bar().to)}`}
                                onClick={() => props.onOpen(bar().task.id)}
                              />
                            )}
                          </Show>
                        </span>
                      </li>
                    )}
                  </Show>
                )}
              </For>
            </ul>
            <div class="timeline-overlay" aria-hidden="true">
              <For each={ticks().filter((tick) => tick.weekStart)}>
                {(tick) => <span class="timeline-gridline" style={{ left: `${tick.left}%` }} />}
              </For>
              <Show when={todayAt()}>
                {(left) => <span class="timeline-today" style={{ left: `${left()}%` }} />}
              </Show>
            </div>
          </div>
        </div>
      </Show>
    </section>
  );
}
