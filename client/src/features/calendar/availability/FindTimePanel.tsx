import './availability.css';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { useSession } from '../../../auth/session-context.js';
import { FormError } from '../../../ui/FormError.js';
import { SelectField } from '../../../ui/SelectField.js';
import {
  addCalendarDays,
  dayRows,
  instantOf,
  localAt,
  suggestions,
  todayIn,
  viewerZone,
} from './schedule-view.js';
import { useAvailability } from './use-availability.js';
import { usePeople } from '../../../workspace/workspace-context.js';
import type { EventAreaProps } from '../event/event-areas.js';

const SEARCH_DAYS = 14;
const DURATIONS = ['15', '30', '45', '60', '90', '120'] as const;

const KNOWLEDGE_NOTE = {
  shared: '',
  hidden: 'availability hidden',
  unknown: 'availability unknown',
} as const;

/**
 * "Find a time" in the event editor [CAL56]: busy bars of the organiser and the
 * invitees for one day in the viewer's zone, their working hours shaded, and the
 * first slots where everyone can meet; choosing one puts it in the form.
 */
export function FindTimeArea(props: EventAreaProps) {
  const [open, setOpen] = createSignal(false);
  return (
    <Show when={!props.readOnly}>
      <div class="find-time">
        <button
          type="button"
          class="button button-small"
          aria-expanded={open()}
          onClick={() => setOpen(!open())}
        >
          Find a time
        </button>
        <Show when={open()}>
          <FindTimePanel {...props} onPicked={() => setOpen(false)} />
        </Show>
      </div>
    </Show>
  );
}

function FindTimePanel(props: EventAreaProps & { onPicked: () => void }) {
  const session = useSession();
  const people = usePeople();
  const zone = viewerZone();
  const me = () => session.me()?.user.id ?? '';
  const ids = createMemo(
    () => [
      ...new Set([
        props.event?.organizer ?? me(),
        ...props.attendees().flatMap((a) => (a.kind === 'person' ? [a.id] : [])),
      ]),
    ],
    undefined,
    { equals: (a, b) => a.join() === b.join() },
  );
  const time = props.time();
  const startMinutes =
    time?.kind === 'timed'
      ? Math.round(
          (instantOf(time.end, time.timeZone) - instantOf(time.start, time.timeZone)) / 60_000,
        )
      : 60;
  const [minutes, setMinutes] = createSignal(
    DURATIONS.includes(String(startMinutes) as (typeof DURATIONS)[number])
      ? String(startMinutes)
      : '60',
  );
  const today = todayIn(zone);
  const first =
    time?.kind === 'timed'
      ? localAt(instantOf(time.start, time.timeZone), zone).slice(0, 10)
      : today;
  const [day, setDay] = createSignal(first < today ? today : first);
  const range = createMemo(
    () => {
      const start = Math.max(Date.now(), instantOf(`${day()}T00:00`, zone));
      return { start, end: instantOf(`${addCalendarDays(day(), SEARCH_DAYS)}T00:00`, zone) };
    },
    undefined,
    { equals: (a, b) => a.start === b.start && a.end === b.end },
  );
  const answer = useAvailability(ids, range);
  const dayRange = () => ({
    start: instantOf(`${day()}T00:00`, zone),
    end: instantOf(`${addCalendarDays(day(), 1)}T00:00`, zone),
  });
  const rows = () => dayRows(answer() ?? [], dayRange());
  const slots = () => suggestions(answer() ?? [], range(), Number(minutes()), 5);
  const eventZone = () => {
    const t = props.time();
    return t?.kind === 'timed' ? t.timeZone : zone;
  };
  const pick = (slot: { start: number; end: number }) => {
    props.setTime({
      kind: 'timed',
      start: localAt(slot.start, eventZone()),
      end: localAt(slot.end, eventZone()),
      timeZone: eventZone(),
    });
    props.onPicked();
  };
  const label = (instant: number) =>
    new Intl.DateTimeFormat(undefined, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: zone,
    }).format(instant);
  const hour = (instant: number) =>
    new Intl.DateTimeFormat(undefined, {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: zone,
    }).format(instant);

  return (
    <section class="find-time-panel stack" aria-label="Find a time">
      <div class="row">
        <SelectField
          label="Length"
          value={minutes()}
          options={DURATIONS.map((m) => ({ value: m, label: `${m} min` }))}
          onChange={setMinutes}
        />
        <label class="field">
          <span>Day</span>
          <input
            class="input"
            type="date"
            min={today}
            value={day()}
            onChange={(e) => e.currentTarget.value && setDay(e.currentTarget.value)}
          />
        </label>
      </div>
      <FormError
        message={answer.error ? 'Availability needs the relay: connect and try again.' : null}
      />
      <Show when={!answer.loading} fallback={<p class="muted small">Asking the relay…</p>}>
        <p class="muted small">
          {day()} in {zone.replaceAll('_', ' ')}. Shaded: working hours. Filled: busy.
        </p>
        <ul class="find-time-rows" aria-label="Who is busy when">
          <For each={rows()}>
            {(row) => (
              <li class="find-time-row">
                <span class="find-time-name">
                  {people.nameOf(row.person)}
                  <Show when={row.knowledge !== 'shared'}>
                    <span class="muted small"> — {KNOWLEDGE_NOTE[row.knowledge]}</span>
                  </Show>
                </span>
                <span class="find-time-track" data-knowledge={row.knowledge}>
                  <For each={row.working}>
                    {(w) => (
                      <span
                        class="find-time-working"
                        style={{ left: `${w.from * 100}%`, width: `${(w.to - w.from) * 100}%` }}
                      />
                    )}
                  </For>
                  <For each={row.busy}>
                    {(b) => (
                      <span
                        class="find-time-busy"
                        title={`Busy ${hour(dayRange().start + b.from * 86_400_000)}`}
                        style={{ left: `${b.from * 100}%`, width: `${(b.to - b.from) * 100}%` }}
                      />
                    )}
                  </For>
                </span>
              </li>
            )}
          </For>
        </ul>
        <h3 class="small">Suggested times</h3>
        <Show
          when={slots().length > 0}
          fallback={
            <p class="muted small">
              No time in the next {SEARCH_DAYS} days suits everyone's working hours.
            </p>
          }
        >
          <ul class="find-time-slots">
            <For each={slots()}>
              {(slot) => (
                <li>
                  <button type="button" class="button button-small" onClick={() => pick(slot)}>
                    {label(slot.start)}–{hour(slot.end)}
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}
