import './calendar-views.css';
import { useSearchParams } from '@solidjs/router';
import { createMemo, Match, Switch } from 'solid-js';
import { CalendarDate } from '../../../../../shared/model/time/calendar-date.js';
import type { EventTime, Occurrence } from '../../../workspace/calendar/index.js';
import { AgendaView } from './AgendaView.js';
import { CalendarToolbar, rangeTitle } from './CalendarToolbar.js';
import { stepDate, viewRange, type CalendarViewName } from './layout.js';
import { MonthView } from './MonthView.js';
import { nextDays, TimeGrid } from './TimeGrid.js';
import type { ViewProps } from './view-props.js';

const NAMES: readonly string[] = ['day', 'week', 'month', 'agenda'];
/** Below this width a week of columns is unreadable: phones open on the agenda. */
const PHONE_QUERY = '(max-width: 720px)';

/**
 * Day, week, month and agenda of one or several calendars, the view and date kept
 * in the URL (?view=week&date=2026-12-01) so a reload or a shared link shows the same.
 */
export function CalendarViews(props: {
  zone: string;
  today: string;
  readOnly: boolean;
  /** Occurrences on the days [from, from + days) in the viewer's zone. */
  occurrences: (from: string, days: number) => readonly Occurrence[];
  colourOf?: (occurrence: Occurrence) => string | undefined;
  onOpen: (occurrence: Occurrence) => void;
  onCreate: (start: string, allDay: boolean) => void;
  onMove: (occurrence: Occurrence, time: EventTime) => void;
}) {
  const [search, setSearch] = useSearchParams<{ view?: string; date?: string }>();
  const phone = typeof matchMedia === 'function' && matchMedia(PHONE_QUERY).matches;
  const view = (): CalendarViewName =>
    search.view && NAMES.includes(search.view)
      ? (search.view as CalendarViewName)
      : phone
        ? 'agenda'
        : 'week';
  const date = () =>
    search.date && CalendarDate.safeParse(search.date).success ? search.date : props.today;
  const range = createMemo(() => viewRange(view(), date()));
  const days = createMemo(() => nextDays(range().from, range().days));
  const occurrences = createMemo(() => props.occurrences(range().from, range().days));
  const go = (next: { view?: CalendarViewName; date?: string }) =>
    setSearch({ view: next.view ?? view(), date: next.date ?? date() });

  const viewProps: ViewProps = {
    get occurrences() {
      return occurrences();
    },
    get days() {
      return days();
    },
    get zone() {
      return props.zone;
    },
    get today() {
      return props.today;
    },
    get readOnly() {
      return props.readOnly;
    },
    colourOf: (o) => props.colourOf?.(o),
    onOpen: (o) => props.onOpen(o),
    onCreate: (start, allDay) => props.onCreate(start, allDay),
    onMove: (o, time) => props.onMove(o, time),
    onShowDay: (day) => go({ view: 'day', date: day }),
  };

  return (
    <div class="cal-views stack">
      <CalendarToolbar
        view={view()}
        title={rangeTitle(view(), date(), days())}
        canCreate={!props.readOnly}
        onView={(next) => go({ view: next })}
        onStep={(direction) => go({ date: stepDate(view(), date(), direction) })}
        onToday={() => go({ date: props.today })}
        onNew={() => props.onCreate(`${date()}T09:00`, false)}
      />
      <Switch>
        <Match when={view() === 'day' || view() === 'week'}>
          <TimeGrid {...viewProps} />
        </Match>
        <Match when={view() === 'month'}>
          <MonthView {...viewProps} month={date().slice(0, 7)} />
        </Match>
        <Match when={view() === 'agenda'}>
          <AgendaView {...viewProps} />
        </Match>
      </Switch>
    </div>
  );
}
