import { createUniqueId, For } from 'solid-js';

export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

/** A labelled native select. */
export function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: readonly SelectOption<T>[];
  onChange: (value: T) => void;
  /** Visually hidden label, for selects in a row that already names its subject. */
  hideLabel?: boolean;
}) {
  const id = createUniqueId();
  const chosen = (raw: string) => props.options.find((option) => option.value === raw)?.value;
  return (
    <div class={props.hideLabel ? 'field field-inline' : 'field'}>
      <label for={id} class={props.hideLabel ? 'visually-hidden' : undefined}>
        {props.label}
      </label>
      <select
        id={id}
        class="input"
        onChange={(event) => {
          const value = chosen(event.currentTarget.value);
          if (value !== undefined) props.onChange(value);
        }}
      >
        <For each={props.options}>
          {(option) => (
            <option value={option.value} selected={option.value === props.value}>
              {option.label}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}
