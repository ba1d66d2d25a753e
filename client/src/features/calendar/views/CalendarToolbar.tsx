import { Show } from 'solid-js';
import { SegmentedControl } from '../../../ui/SegmentedControl.js';
import { dayAndMonth, longDate, monthTitle } from './format.js';
import type { CalendarViewName } from './layout.js';

const VIEWS = [
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
  { value: 'agenda', label: 'Agenda' },
] as const;

/** The range a view shows, as its heading: "December 2026", "30 Nov – 6 Dec". */
export function rangeTitle(view: CalendarViewName, date: string, days: readonly string[]): string {
  if (view === 'day') return longDate(date);
  if (view === 'month') return monthTitle(date);
  const first = days[0] ?? date;
  const last = days[days.length - 1] ?? date;
  return `${dayAndMonth(first)} – ${dayAndMonth(last)} ${last.slice(0, 4)}`;
}

/** View switch, Today / Previous / Next, the range shown, and New event. */
export function CalendarToolbar(props: {
  view: CalendarViewName;
  title: string;
  canCreate: boolean;
  onView: (view: CalendarViewName) => void;
  onStep: (direction: 1 | -1) => void;
  onToday: () => void;
  onNew: () => void;
}) {
  return (
    <div class="cal-toolbar">
      <div class="row cal-nav">
        <button type="button" class="button button-small" onClick={() => props.onToday()}>
          Today
        </button>
        <button
          type="button"
          class="button button-small"
          aria-label="Previous"
          onClick={() => props.onStep(-1)}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <button
          type="button"
          class="button button-small"
          aria-label="Next"
          onClick={() => props.onStep(1)}
        >
          <span aria-hidden="true">›</span>
        </button>
        <h2 class="cal-range" aria-live="polite">
          {props.title}
        </h2>
      </div>
      <div class="row cal-actions">
        <SegmentedControl
          legend="View"
          name="calendar-view"
          options={VIEWS}
          value={props.view}
          onChange={(value) => props.onView(value)}
        />
        <Show when={props.canCreate}>
          <button type="button" class="button button-primary" onClick={() => props.onNew()}>
            New event
          </button>
        </Show>
      </div>
    </div>
  );
}
