import { For, Show } from 'solid-js';
import { SelectField } from '../../../ui/SelectField.js';

const CHOICES = [0, 5, 10, 15, 30, 60, 120, 1440, 2880, 10080];

/** "10 minutes before", "1 day before", "At the start". */
export function reminderLabel(minutes: number): string {
  if (minutes === 0) return 'At the start';
  if (minutes % 10080 === 0) return plural(minutes / 10080, 'week');
  if (minutes % 1440 === 0) return plural(minutes / 1440, 'day');
  if (minutes % 60 === 0) return plural(minutes / 60, 'hour');
  return plural(minutes, 'minute');
}
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} before`;

/** Reminders as minutes before the start, up to the model's ten. */
export function RemindersField(props: {
  reminders: readonly number[];
  onChange: (reminders: number[]) => void;
  disabled: boolean;
}) {
  const options = () => [
    { value: '', label: 'Add a reminder…' },
    ...CHOICES.filter((m) => !props.reminders.includes(m)).map((m) => ({
      value: String(m),
      label: reminderLabel(m),
    })),
  ];
  return (
    <fieldset class="fieldset" disabled={props.disabled}>
      <legend>Reminders</legend>
      <Show when={props.reminders.length > 0}>
        <ul class="event-chips" aria-label="Reminders">
          <For each={props.reminders}>
            {(minutes) => (
              <li class="event-chip">
                <span>{reminderLabel(minutes)}</span>
                <button
                  type="button"
                  class="button button-small"
                  aria-label={`Remove reminder ${reminderLabel(minutes)}`}
                  onClick={() => props.onChange(props.reminders.filter((m) => m !== minutes))}
                >
                  <span aria-hidden="true">✕</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.reminders.length < 10}>
        <SelectField
          label="Add a reminder"
          hideLabel
          value=""
          options={options()}
          onChange={(value) => {
            if (value) props.onChange([...props.reminders, Number(value)].sort((a, b) => a - b));
          }}
        />
      </Show>
    </fieldset>
  );
}
