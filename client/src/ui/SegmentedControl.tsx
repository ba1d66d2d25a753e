import { For } from 'solid-js';

export interface SegmentedOption<T extends string> {
  value: T;
  label: string;
}

/** A radio group styled as a row of buttons; arrow keys move between options. */
export function SegmentedControl<T extends string>(props: {
  legend: string;
  name: string;
  options: readonly SegmentedOption<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset class="segmented">
      <legend class="segmented-legend">{props.legend}</legend>
      <div class="segmented-options">
        <For each={props.options}>
          {(option) => (
            <label class="segmented-option">
              <input
                type="radio"
                name={props.name}
                value={option.value}
                checked={props.value === option.value}
                onChange={() => props.onChange(option.value)}
              />
              <span>{option.label}</span>
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}
