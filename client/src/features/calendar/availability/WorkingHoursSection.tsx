import { createResource, createSignal, For, Show } from 'solid-js';
import type { AvailabilitySettings } from '../../../../../shared/api/calendar-availability.js';
import { useApi } from '../../../auth/session-context.js';
import { FormError } from '../../../ui/FormError.js';
import { SelectField } from '../../../ui/SelectField.js';
import { useAction } from '../../../ui/use-action.js';
import { viewerZone } from '../../../workspace/calendar/index.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
/** What the form proposes before the person saved anything. */
const PROPOSED = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

function zones(current: string): string[] {
  const all = Intl.supportedValuesOf('timeZone');
  return all.includes(current) ? all : [current, ...all];
}

/**
 * Settings → Working hours [CAL52]: the weekdays and hours (in the person's own zone)
 * others' "Find a time" keeps to, and "Hide my availability". Saved on the relay, so
 * it reaches colleagues' devices; what is shared is explained next to the switch.
 */
export function WorkingHoursSection() {
  const api = useApi();
  const [stored, { mutate }] = createResource(() => api.availability.settings());
  return (
    <section class="card stack" aria-labelledby="working-hours-title" id="working-hours">
      <h2 id="working-hours-title">Working hours</h2>
      <Show when={!stored.loading} fallback={<p class="muted small">Loading…</p>}>
        <Show
          when={!stored.error}
          fallback={<FormError message="Working hours need the relay: connect and reload." />}
        >
          <WorkingHoursForm initial={stored() ?? null} onSaved={(s) => mutate(s)} />
        </Show>
      </Show>
    </section>
  );
}

function WorkingHoursForm(props: {
  initial: AvailabilitySettings | null;
  onSaved: (settings: AvailabilitySettings | null) => void;
}) {
  const api = useApi();
  const [zone, setZone] = createSignal(props.initial?.timeZone ?? viewerZone());
  const [keepsHours, setKeepsHours] = createSignal(
    props.initial ? props.initial.workingHours !== null : true,
  );
  const hours = props.initial?.workingHours ?? PROPOSED;
  const [days, setDays] = createSignal<number[]>([...hours.days]);
  const [start, setStart] = createSignal(hours.start);
  const [end, setEnd] = createSignal(hours.end);
  const [hidden, setHidden] = createSignal(props.initial?.hidden ?? false);
  const [saved, setSaved] = createSignal(false);
  const toggleDay = (day: number, on: boolean) =>
    setDays((current) => (on ? [...current, day].sort() : current.filter((d) => d !== day)));
  const save = useAction(async () => {
    setSaved(false);
    if (keepsHours() && days().length === 0) throw new Error('Choose at least one working day.');
    if (keepsHours() && start() === end())
      throw new Error('The working day must end at another time than it starts.');
    const settings = await api.availability.setSettings({
      timeZone: zone(),
      workingHours: keepsHours() ? { days: days(), start: start(), end: end() } : null,
      hidden: hidden(),
    });
    props.onSaved(settings);
    setSaved(true);
  });

  return (
    <form
      class="stack"
      aria-label="Working hours"
      onSubmit={(event) => {
        event.preventDefault();
        save.run();
      }}
    >
      <p class="muted small">
        When colleagues look for a time with you, suggestions keep to these hours. They see when you
        are busy, never what the events are.
      </p>
      <SelectField
        label="Time zone"
        value={zone()}
        options={zones(zone()).map((z) => ({ value: z, label: z.replaceAll('_', ' ') }))}
        onChange={setZone}
      />
      <label class="check">
        <input
          type="checkbox"
          checked={keepsHours()}
          onChange={(e) => setKeepsHours(e.currentTarget.checked)}
        />
        I keep working hours
      </label>
      <Show when={keepsHours()}>
        <fieldset class="fieldset">
          <legend>Working days</legend>
          <div class="row">
            <For each={WEEKDAYS}>
              {(label, index) => (
                <label class="check">
                  <input
                    type="checkbox"
                    checked={days().includes(index() + 1)}
                    onChange={(e) => toggleDay(index() + 1, e.currentTarget.checked)}
                  />
                  {label}
                </label>
              )}
            </For>
          </div>
        </fieldset>
        <div class="row">
          <label class="field">
            <span>From</span>
            <input
              class="input"
              type="time"
              value={start()}
              required
              onInput={(e) => setStart(e.currentTarget.value)}
            />
          </label>
          <label class="field">
            <span>Until</span>
            <input
              class="input"
              type="time"
              value={end()}
              required
              onInput={(e) => setEnd(e.currentTarget.value)}
            />
          </label>
        </div>
        <Show when={end() < start()}>
          <p class="muted small">The working day runs past midnight.</p>
        </Show>
      </Show>
      <label class="check">
        <input
          type="checkbox"
          checked={hidden()}
          onChange={(e) => setHidden(e.currentTarget.checked)}
        />
        <span>
          Hide my availability
          <span class="muted small">
            {' '}
            — this device stops sharing when you are busy and the relay deletes what it had;
            colleagues see only your working hours.
          </span>
        </span>
      </label>
      <FormError message={save.error()} />
      <div class="row">
        <button type="submit" class="button" disabled={save.busy()}>
          Save working hours
        </button>
        <Show when={saved()}>
          <span role="status" class="muted small">
            Saved.
          </span>
        </Show>
      </div>
    </form>
  );
}
