import { createUniqueId, For, Show } from 'solid-js';
import type { SetStoreFunction } from 'solid-js/store';
import { SelectField } from '../../../ui/SelectField.js';
import { WEEKDAYS, type EventDraft, type Repeat, type RepeatEnd } from './event-draft.js';

const REPEATS: readonly { value: Repeat; label: string }[] = [
  { value: 'none', label: 'Does not repeat' },
  { value: 'daily', label: 'Every day' },
  { value: 'weekdays', label: 'Every weekday (Mon–Fri)' },
  { value: 'weekly', label: 'Every week on…' },
  { value: 'monthly', label: 'Every month' },
  { value: 'yearly', label: 'Every year' },
  { value: 'custom', label: 'Custom rule (RRULE)' },
];
const ENDS: readonly { value: RepeatEnd; label: string }[] = [
  { value: 'never', label: 'Never' },
  { value: 'on', label: 'On a date' },
  { value: 'after', label: 'After a number of times' },
];
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Recurrence: the common rules, any RFC 5545 rule as text, and when the series ends. */
export function RepeatFields(props: {
  draft: EventDraft;
  set: SetStoreFunction<EventDraft>;
  disabled: boolean;
}) {
  const id = createUniqueId();
  const toggleDay = (day: string, on: boolean) =>
    props.set('weekdays', (days) => (on ? [...days, day] : days.filter((d) => d !== day)));
  return (
    <fieldset class="fieldset" disabled={props.disabled}>
      <legend>Repeat</legend>
      <SelectField
        label="Repeats"
        value={props.draft.repeat}
        options={REPEATS}
        onChange={(value) => props.set('repeat', value)}
      />
      <Show when={props.draft.repeat === 'weekly'}>
        <div class="row event-weekdays" role="group" aria-label="On these days">
          <For each={WEEKDAYS}>
            {(day, i) => (
              <label class="check">
                <input
                  type="checkbox"
                  checked={props.draft.weekdays.includes(day)}
                  onChange={(e) => toggleDay(day, e.currentTarget.checked)}
                />
                {DAY_NAMES[i()]}
              </label>
            )}
          </For>
        </div>
      </Show>
      <Show when={props.draft.repeat === 'custom'}>
        <div class="field">
          <label for={`${id}-rule`}>Rule</label>
          <input
            id={`${id}-rule`}
            class="input"
            placeholder="FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1"
            aria-describedby={`${id}-rule-hint`}
            value={props.draft.customRule}
            onInput={(e) => props.set('customRule', e.currentTarget.value)}
          />
          <p id={`${id}-rule-hint`} class="muted small">
            An RFC 5545 RRULE value, as calendar apps write it.
          </p>
        </div>
      </Show>
      <Show when={props.draft.repeat !== 'none'}>
        <SelectField
          label="Ends"
          value={props.draft.ends}
          options={ENDS}
          onChange={(value) => props.set('ends', value)}
        />
        <Show when={props.draft.ends === 'on'}>
          <div class="field">
            <label for={`${id}-until`}>Last date</label>
            <input
              id={`${id}-until`}
              class="input"
              type="date"
              value={props.draft.until}
              onInput={(e) => props.set('until', e.currentTarget.value)}
            />
          </div>
        </Show>
        <Show when={props.draft.ends === 'after'}>
          <div class="field">
            <label for={`${id}-count`}>Number of times</label>
            <input
              id={`${id}-count`}
              class="input"
              type="number"
              min="1"
              max="1000"
              value={props.draft.count}
              onInput={(e) => props.set('count', Number(e.currentTarget.value))}
            />
          </div>
        </Show>
      </Show>
    </fieldset>
  );
}
