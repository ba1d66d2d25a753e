import { createVirtualizer } from '@tanstack/solid-virtual';
import { createMemo, createSignal, For, Show } from 'solid-js';
import type { Board } from '../../../workspace/tasks/index.js';
import { barPosition, dayNumber, timelineBars } from './timeline-bars.js';

const ROW_PX = 36;
const DAYS = 42;
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

function today(): number {
  const now = new Date();
  const local = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return dayNumber(local);
}

/** Bars from start to due over six weeks; earlier and later weeks one click away. */
export function TimelineView(props: { board: Board; onOpen: (taskId: string) => void }) {
  const [first, setFirst] = createSignal(today() - 7);
  const bars = createMemo(() => timelineBars(props.board));
  const label = (day: number) => dayFormat.format(new Date(day * 86_400_000));
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
    <section class="card stack" aria-label="Timeline">
      <div class="row-between">
        <button type="button" class="button button-small" onClick={() => setFirst((d) => d - 7)}>
          Earlier
        </button>
        <p class="small">
          {label(first())} – {label(first() + DAYS - 1)}
        </p>
        <button type="button" class="button button-small" onClick={() => setFirst((d) => d + 7)}>
          Later
        </button>
      </div>
      <Show
        when={bars().length > 0}
        fallback={<p class="muted">Tasks with a start or due date show here.</p>}
      >
        <div ref={scroller} class="task-list-scroller">
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
        </div>
      </Show>
    </section>
  );
}
